// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OrderTestLib} from "../../market/utils/OrderTestLib.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {BaseHandler} from "./BaseHandler.sol";
import {EscrowStore} from "./EscrowStore.sol";

/// @notice Drives every escrow flow with bounded inputs over a fixed set of actors and bonded lots; sales (fixed-price
/// offers, Dutch auctions and EIP-712 signed asks and bids, signed with the actors' keys) go through the market, and
/// pledges (request, cancel, fund, repay, claim, loan-to-value, the cap following the market's price index or not, and the collateral auctions of defaulted pledges:
/// start, buy, settle, claim out of one that sold nothing, under the review's rules L-1 … L-4) through the lending
/// module, both of which pay into the escrow; a rogue LENDING_ROLE holder (the handler itself, granted the role by the
/// test) tries to credit loans nobody paid, and the handler de-lists a lender for one settlement (COMPLIANCE_ROLE).
/// @dev Every action either takes a path that must succeed (called directly: a revert fails the campaign under
/// fail_on_revert) or a path that must fail, checked with try/catch against the exact expected error. Every action
/// is `tracked` (BaseHandler): after it, every pledge's and redemption's status is recorded and any backward move
/// flagged. Ids, expected credits and withdrawals, reports and flags are written to the `EscrowStore`.
contract EscrowHandler is BaseHandler {
    address internal immutable riskManager;
    uint256[2] internal reporterKeys;
    /// @dev Each actor's private key, to sign its orders.
    mapping(address actor => uint256) internal actorKeys;

    /// @dev The keys the handler signs with: two oracle reporters' (reports) and each actor's, in `actors` order
    /// (signed orders).
    struct Keys {
        uint256[2] reporters;
        uint256[] actors;
    }

    constructor(
        Suite memory suite_,
        EscrowStore store_,
        address usdcOwner_,
        address riskManager_,
        address[] memory actors_,
        uint256[] memory lots_,
        Keys memory keys_
    ) BaseHandler(suite_, store_, usdcOwner_, actors_, lots_) {
        riskManager = riskManager_;
        reporterKeys = keys_.reporters;
        for (uint256 i; i < actors_.length; ++i) {
            actorKeys[actors_[i]] = keys_.actors[i];
        }
    }

    /*//////////////////////////////////////////////////////////////
                          PURCHASE (THE MARKET)
    //////////////////////////////////////////////////////////////*/

    function createOffer(uint256 actorSeed, uint256 lotSeed, uint256 units, uint256 price, uint256 expirySeed)
        external
        tracked("createOffer")
    {
        address seller = _actor(actorSeed);
        uint256 lotId = _lot(lotSeed);
        uint40 endsAt = token.lot(lotId).endsAt;
        uint256 free = _unlocked(seller, lotId);
        if (block.timestamp >= endsAt || free == 0) return;
        units = _bound(units, 1, free);
        price = _bound(price, 1, 10e6);
        uint40 expiry = uint40(_bound(expirySeed, block.timestamp + 1, endsAt));

        vm.prank(seller);
        store.pushOfferId(market.createOffer(lotId, units, price, expiry), units, false);
    }

    struct AuctionArgs {
        address seller;
        uint256 lotId;
        uint256 units;
        uint256 startPrice;
        uint256 floorPrice;
        uint40 startsAt;
        uint40 endsAt;
    }

    /// @dev A Dutch auction from up to 20.00 down to a lower floor, starting up to a day ago or a day ahead.
    function createAuction(
        uint256 actorSeed,
        uint256 lotSeed,
        uint256 units,
        uint256 startPrice,
        uint256 floorPrice,
        uint256 startSeed,
        uint256 endSeed
    ) external tracked("createAuction") {
        AuctionArgs memory a;
        a.seller = _actor(actorSeed);
        a.lotId = _lot(lotSeed);
        uint256 free = _unlocked(a.seller, a.lotId);
        uint40 lotEndsAt = token.lot(a.lotId).endsAt;
        if (block.timestamp + 2 days >= lotEndsAt || free == 0) return;
        a.units = _bound(units, 1, free);
        a.startPrice = _bound(startPrice, 2, 20e6);
        a.floorPrice = _bound(floorPrice, 1, a.startPrice - 1);
        (a.startsAt, a.endsAt) = _auctionWindow(startSeed, endSeed, lotEndsAt);
        _listAuction(a);
    }

    function _listAuction(AuctionArgs memory a) internal {
        vm.prank(a.seller);
        uint256 offerId = market.createAuction(a.lotId, a.units, a.startPrice, a.floorPrice, a.startsAt, a.endsAt);
        store.pushOfferId(offerId, a.units, true);
    }

    /// @dev A start up to a day ago or (one time in four) up to a day ahead; an end at least an hour after it, in the future, and with the lot's
    /// `endsAt` at the latest.
    function _auctionWindow(uint256 startSeed, uint256 endSeed, uint40 lotEndsAt)
        internal
        view
        returns (uint40 startsAt, uint40 end)
    {
        // One in four starts ahead (buyers must wait); the others are open at once.
        startsAt = startSeed % 4 == 0
            ? uint40(_bound(startSeed, block.timestamp + 1, block.timestamp + 1 days))
            : uint40(_bound(startSeed, block.timestamp - 1 days, block.timestamp));
        uint256 earliestEnd = uint256(startsAt) + 1 hours;
        if (earliestEnd <= block.timestamp) earliestEnd = block.timestamp + 1;
        end = uint40(_bound(endSeed, earliestEnd, lotEndsAt));
    }

    function cancelOffer(uint256 offerSeed) external tracked("cancelOffer") {
        if (store.offerCount() == 0) return;
        (uint256 offerId, IComputeMarket.Offer memory o) = _pickOffer(offerSeed);
        vm.prank(o.seller);
        if (o.cancelled) {
            try market.cancelOffer(offerId) {
                _fail("cancelled twice");
            } catch (bytes memory err) {
                _assertError(err, abi.encodeWithSelector(IComputeMarket.Market_OfferCancelled.selector, offerId));
            }
            return;
        }
        market.cancelOffer(offerId);
    }

    /// @dev Buys through the market at the offer's current price; one time in four with a limit just below it, which
    /// must refuse. Closed offers must refuse with their own error.
    function purchase(uint256 offerSeed, uint256 buyerSeed, uint256 units, uint256 limitSeed)
        external
        tracked("purchase")
    {
        if (store.offerCount() == 0) return;
        (uint256 offerId, IComputeMarket.Offer memory o) = _pickOffer(offerSeed);
        address buyer = _actor(buyerSeed);

        bytes memory closed;
        if (o.cancelled) {
            closed = abi.encodeWithSelector(IComputeMarket.Market_OfferCancelled.selector, offerId);
        } else if (block.timestamp < o.startsAt) {
            closed = abi.encodeWithSelector(IComputeMarket.Market_OfferNotStarted.selector, offerId, o.startsAt);
        } else if (block.timestamp >= o.endsAt) {
            closed = abi.encodeWithSelector(IComputeMarket.Market_OfferExpired.selector, offerId, o.endsAt);
        }
        if (closed.length != 0) {
            vm.prank(buyer);
            try market.purchase(offerId, 1, type(uint256).max) {
                _fail("bought from a closed offer");
            } catch (bytes memory err) {
                _assertError(err, closed);
            }
            return;
        }
        // At most what the offer has left and the seller can still move (units sold elsewhere, pledged or redeemed
        // since the listing make a purchase revert in the token, as the unit tests show).
        uint256 available = _unlocked(o.seller, o.lotId);
        if (o.unitsRemaining < available) available = o.unitsRemaining;
        if (available == 0) return;
        units = _bound(units, 1, available);
        uint256 price = market.priceAt(offerId, block.timestamp);
        if (limitSeed % 4 == 0) {
            vm.prank(buyer);
            try market.purchase(offerId, units, price - 1) {
                _fail("bought above the buyer's limit");
            } catch (bytes memory err) {
                _assertError(
                    err,
                    abi.encodeWithSelector(IComputeMarket.Market_PriceAboveLimit.selector, offerId, price, price - 1)
                );
            }
            return;
        }
        if (usdc.isBlacklisted(buyer)) return;
        uint256 cost = units * price;
        _topUp(buyer, cost);

        vm.prank(buyer);
        market.purchase(offerId, units, price);
        store.addCredit(o.seller, cost);
        if (o.seller == buyer) return store.recordSelfFill(offerId, units, o.startPrice != o.floorPrice);
        IComputeCapacityToken.Lot memory record = token.lot(o.lotId);
        store.recordFill(
            offerId,
            units,
            o.startPrice != o.floorPrice,
            market.indexKey(record.gpuModel, record.region, address(usdc)),
            record.gpuModel,
            record.region,
            price
        );
    }

    /*//////////////////////////////////////////////////////////////
                      SIGNED ORDERS (THE MARKET)
    //////////////////////////////////////////////////////////////*/

    /// @dev An actor signs an ask of up to 300 units of a lot (possibly more than it will hold: fills take at most what
    /// the seller can move) at up to 10.00, under its current counter.
    function signAsk(uint256 actorSeed, uint256 lotSeed, uint256 units, uint256 price, uint256 expirySeed)
        external
        tracked("signAsk")
    {
        address seller = _actor(actorSeed);
        uint256 lotId = _lot(lotSeed);
        IComputeMarket.Ask memory ask = IComputeMarket.Ask({
            seller: seller,
            lotId: lotId,
            units: uint64(_bound(units, 1, 300)),
            pricePerUnit: uint96(_bound(price, 1, 10e6)),
            currency: address(usdc),
            expiry: _orderExpiry(expirySeed, token.lot(lotId).endsAt),
            salt: store.orderCount(),
            counter: market.orderCounter(seller)
        });
        bytes32 orderHash = OrderTestLib.askDigest(address(market), ask);
        store.pushAsk(ask, _signDigest(seller, orderHash), orderHash);
    }

    /// @dev An actor signs a bid for up to 300 units at up to 10.00 whose criteria are each left open or taken from a
    /// reference lot (bits of `criteriaSeed`; one region in two is one no lot has), so that fills with other lots
    /// sometimes fail them: the lots differ in window end and SLA.
    function signBid(
        uint256 actorSeed,
        uint256 lotSeed,
        uint256 units,
        uint256 price,
        uint256 expirySeed,
        uint256 criteriaSeed
    ) external tracked("signBid") {
        IComputeCapacityToken.Lot memory record = token.lot(_lot(lotSeed));
        IComputeMarket.Bid memory bid;
        bid.buyer = _actor(actorSeed);
        if (criteriaSeed & 1 != 0) bid.gpuModel = record.gpuModel;
        if (criteriaSeed & 2 != 0) bid.region = criteriaSeed & 64 != 0 ? bytes16("nowhere") : record.region;
        if (criteriaSeed & 4 != 0) bid.deliveryFrom = record.startsAt;
        if (criteriaSeed & 8 != 0) bid.deliveryUntil = record.endsAt;
        if (criteriaSeed & 16 != 0) bid.minSlaBps = record.slaUptimeBps;
        if (criteriaSeed & 32 != 0) bid.maxWhPerGpuHour = record.energyWhPerGpuHour;
        bid.currency = address(usdc);
        bid.pricePerUnit = uint96(_bound(price, 1, 10e6));
        bid.units = uint64(_bound(units, 1, 300));
        bid.expiry = _orderExpiry(expirySeed, record.endsAt);
        bid.salt = store.orderCount();
        bid.counter = market.orderCounter(bid.buyer);
        bytes32 orderHash = OrderTestLib.bidDigest(address(market), bid);
        store.pushBid(bid, _signDigest(bid.buyer, orderHash), orderHash);
    }

    struct AskFill {
        IComputeMarket.Ask ask;
        bytes sig;
        bytes32 orderHash;
        address buyer;
        uint256 remaining;
    }

    /// @dev Fills part of a signed ask, at most what it has left and its seller can move. A closed ask (expired, under
    /// a stale counter, cancelled) must refuse with its own error; one time in four (and whenever it is exhausted) a
    /// fill of one unit more than it has left must refuse; one time in eight the ask with its price raised must refuse
    /// its signature; an ask of a lot whose window ended must refuse in the token.
    function fillAsk(uint256 orderSeed, uint256 buyerSeed, uint256 units, uint256 modeSeed)
        external
        tracked("fillAsk")
    {
        uint256 n = store.askCount();
        if (n == 0) return;
        AskFill memory f;
        (f.ask, f.sig) = store.askAt(orderSeed % n);
        f.orderHash = OrderTestLib.askDigest(address(market), f.ask);
        f.buyer = _actor(buyerSeed);
        f.remaining = f.ask.units - store.ghost_orderFilled(f.orderHash);

        if (_askRefused(f, modeSeed)) return;

        uint256 available = _unlocked(f.ask.seller, f.ask.lotId);
        if (f.remaining < available) available = f.remaining;
        if (available == 0 || usdc.isBlacklisted(f.buyer)) return;
        units = _bound(units, 1, available);
        uint256 cost = units * f.ask.pricePerUnit;
        _topUp(f.buyer, cost);
        IComputeCapacityToken.Lot memory record = token.lot(f.ask.lotId);
        if (_refusedAsExpired(
                f.buyer, abi.encodeCall(market.fillAsk, (f.ask, f.sig, units)), f.ask.lotId, record.endsAt
            )) return;

        vm.prank(f.buyer);
        market.fillAsk(f.ask, f.sig, units);
        store.addCredit(f.ask.seller, cost);
        if (f.ask.seller == f.buyer) return store.recordSelfOrderFill(f.orderHash, units, true);
        store.recordOrderFill(
            f.orderHash,
            units,
            true,
            market.indexKey(record.gpuModel, record.region, address(usdc)),
            record.gpuModel,
            record.region,
            f.ask.pricePerUnit
        );
    }

    /// @dev The refusals `fillAsk` checks before a real fill, in the market's order; true when one was checked.
    function _askRefused(AskFill memory f, uint256 modeSeed) internal returns (bool) {
        bytes memory refusal = _closedOrderError(f.orderHash, f.ask.seller, f.ask.expiry, f.ask.counter);
        uint256 tryUnits = 1;
        if (refusal.length == 0 && (f.remaining == 0 || modeSeed % 4 == 0)) {
            tryUnits = f.remaining + 1;
            refusal = abi.encodeWithSelector(
                IComputeMarket.Market_InsufficientOrderUnits.selector, f.orderHash, f.remaining, tryUnits
            );
            store.countOverfillRefusal();
        } else if (refusal.length == 0 && modeSeed % 8 == 1) {
            f.ask.pricePerUnit += 1; // the taker's edit: the signature no longer matches
            refusal = abi.encodeWithSelector(
                IComputeMarket.Market_InvalidSignature.selector,
                OrderTestLib.askDigest(address(market), f.ask),
                f.ask.seller
            );
            store.countSignatureRefusal();
        } else if (refusal.length == 0) {
            return false;
        }
        vm.prank(f.buyer);
        try market.fillAsk(f.ask, f.sig, tryUnits) {
            _fail("filled an ask that must refuse");
        } catch (bytes memory err) {
            _assertError(err, refusal);
        }
        return true;
    }

    struct BidFill {
        IComputeMarket.Bid bid;
        bytes sig;
        bytes32 orderHash;
        address seller;
        uint256 lotId;
        uint256 remaining;
    }

    /// @dev A seller sells part of what it can move of a lot into a signed bid, at most what the bid has left. Closed
    /// bids, overfills and a raised price must refuse as in `fillAsk`; a lot failing one of the bid's criteria must
    /// refuse naming the first (checked against OrderTestLib's reference), and one whose window ended in the token.
    function fillBid(uint256 orderSeed, uint256 sellerSeed, uint256 lotSeed, uint256 units, uint256 modeSeed)
        external
        tracked("fillBid")
    {
        uint256 n = store.bidCount();
        if (n == 0) return;
        BidFill memory f;
        (f.bid, f.sig) = store.bidAt(orderSeed % n);
        f.orderHash = OrderTestLib.bidDigest(address(market), f.bid);
        f.seller = _actor(sellerSeed);
        f.lotId = _lot(lotSeed);
        f.remaining = f.bid.units - store.ghost_orderFilled(f.orderHash);

        if (_bidRefused(f, modeSeed)) return;

        uint256 available = _unlocked(f.seller, f.lotId);
        if (f.remaining < available) available = f.remaining;
        if (available == 0 || usdc.isBlacklisted(f.bid.buyer)) return;
        units = _bound(units, 1, available);
        uint256 cost = units * f.bid.pricePerUnit;
        _topUp(f.bid.buyer, cost);
        IComputeCapacityToken.Lot memory record = token.lot(f.lotId);
        if (_refusedAsExpired(
                f.seller, abi.encodeCall(market.fillBid, (f.bid, f.sig, f.lotId, units)), f.lotId, record.endsAt
            )) return;

        vm.prank(f.seller);
        market.fillBid(f.bid, f.sig, f.lotId, units);
        store.addCredit(f.seller, cost);
        if (f.seller == f.bid.buyer) return store.recordSelfOrderFill(f.orderHash, units, false);
        store.recordOrderFill(
            f.orderHash,
            units,
            false,
            market.indexKey(record.gpuModel, record.region, address(usdc)),
            record.gpuModel,
            record.region,
            f.bid.pricePerUnit
        );
    }

    /// @dev The refusals `fillBid` checks before a real fill, in the market's order; true when one was checked.
    function _bidRefused(BidFill memory f, uint256 modeSeed) internal returns (bool) {
        bytes memory refusal = _closedOrderError(f.orderHash, f.bid.buyer, f.bid.expiry, f.bid.counter);
        uint256 tryUnits = 1;
        if (refusal.length == 0 && (f.remaining == 0 || modeSeed % 4 == 0)) {
            tryUnits = f.remaining + 1;
            refusal = abi.encodeWithSelector(
                IComputeMarket.Market_InsufficientOrderUnits.selector, f.orderHash, f.remaining, tryUnits
            );
            store.countOverfillRefusal();
        } else if (refusal.length == 0 && modeSeed % 8 == 1) {
            f.bid.pricePerUnit += 1;
            refusal = abi.encodeWithSelector(
                IComputeMarket.Market_InvalidSignature.selector,
                OrderTestLib.bidDigest(address(market), f.bid),
                f.bid.buyer
            );
            store.countSignatureRefusal();
        } else if (refusal.length == 0) {
            (bool matches, IComputeMarket.BidCriterion criterion) =
                OrderTestLib.firstFailedCriterion(f.bid, token.lot(f.lotId), escrow.currencyOf(f.lotId));
            if (matches) return false;
            refusal = abi.encodeWithSelector(
                IComputeMarket.Market_LotDoesNotMatchBid.selector, f.orderHash, f.lotId, criterion
            );
            store.countMismatchRefusal();
        }
        vm.prank(f.seller);
        try market.fillBid(f.bid, f.sig, f.lotId, tryUnits) {
            _fail("filled a bid that must refuse");
        } catch (bytes memory err) {
            _assertError(err, refusal);
        }
        return true;
    }

    /// @dev The maker cancels one of its orders (a second time must refuse); one time in four another actor tries,
    /// which must refuse unless it is the maker.
    function cancelOrder(uint256 orderSeed, uint256 callerSeed) external tracked("cancelOrder") {
        uint256 asks = store.askCount();
        uint256 bids = store.bidCount();
        if (asks + bids == 0) return;
        uint256 pick = orderSeed % (asks + bids);
        address maker;
        bytes32 orderHash;
        bytes memory call;
        if (pick < asks) {
            (IComputeMarket.Ask memory ask,) = store.askAt(pick);
            (maker, orderHash, call) =
            (ask.seller, OrderTestLib.askDigest(address(market), ask), abi.encodeCall(market.cancelAsk, (ask)));
        } else {
            (IComputeMarket.Bid memory bid,) = store.bidAt(pick - asks);
            (maker, orderHash, call) =
            (bid.buyer, OrderTestLib.bidDigest(address(market), bid), abi.encodeCall(market.cancelBid, (bid)));
        }
        address caller = callerSeed % 4 == 0 ? _actor(callerSeed >> 8) : maker;

        bytes memory refusal;
        if (caller != maker) {
            refusal = abi.encodeWithSelector(IComputeMarket.Market_NotOrderMaker.selector, orderHash, caller);
        } else if (store.ghost_orderCancelled(orderHash)) {
            refusal = abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, orderHash);
        }
        vm.prank(caller);
        (bool ok, bytes memory err) = address(market).call(call);
        if (refusal.length != 0) {
            if (ok) _fail("cancelled an order that must refuse");
            _assertError(err, refusal);
            return;
        }
        if (!ok) _assertError(err, "");
        store.cancelOrder(orderHash);
    }

    /// @dev An actor raises its order counter: every order it signed before is closed.
    function incrementOrderCounter(uint256 actorSeed) external tracked("incrementOrderCounter") {
        address account = _actor(actorSeed);
        uint256 before = market.orderCounter(account);
        vm.prank(account);
        if (market.incrementOrderCounter() != before + 1) _fail("counter not raised by one");
    }

    /// @dev An expiry within 20 days, no later than the lot's end three times in four (one in four may outlive the
    /// lot, whose fills the token then refuses).
    function _orderExpiry(uint256 seed, uint40 lotEndsAt) internal view returns (uint40) {
        uint256 latest = seed % 4 == 0 ? block.timestamp + 20 days : lotEndsAt;
        if (latest <= block.timestamp) latest = block.timestamp + 1;
        return uint40(_bound(seed, block.timestamp + 1, latest));
    }

    /// @dev The error a fill of the order must raise for being closed (in the market's order: expired, signed under
    /// another counter than its maker's, cancelled), or empty when it is open.
    function _closedOrderError(bytes32 orderHash, address maker, uint40 expiry, uint256 counter)
        internal
        returns (bytes memory)
    {
        if (block.timestamp >= expiry) {
            return abi.encodeWithSelector(IComputeMarket.Market_OrderExpired.selector, orderHash, expiry);
        }
        uint256 current = market.orderCounter(maker);
        if (counter != current) {
            store.countStaleRefusal();
            return abi.encodeWithSelector(IComputeMarket.Market_OrderCounterStale.selector, orderHash, counter, current);
        }
        if (store.ghost_orderCancelled(orderHash)) {
            return abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, orderHash);
        }
        return "";
    }

    /// @dev When the lot's window has ended, makes the fill `data` as `caller` and checks that the token refuses it
    /// with ComputeToken_LotExpired (nothing else in it fails first); returns whether it did.
    function _refusedAsExpired(address caller, bytes memory data, uint256 lotId, uint40 lotEndsAt)
        internal
        returns (bool)
    {
        if (block.timestamp < lotEndsAt) return false;
        vm.prank(caller);
        (bool ok, bytes memory err) = address(market).call(data);
        if (ok) _fail("filled an order of an ended lot");
        _assertError(
            err, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_LotExpired.selector, lotId, lotEndsAt)
        );
        return true;
    }

    function _signDigest(address account, bytes32 digest) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(actorKeys[account], digest);
        return OrderTestLib.packSignature(v, r, s);
    }

    /*//////////////////////////////////////////////////////////////
                                 PLEDGE
    //////////////////////////////////////////////////////////////*/

    struct PledgeArgs {
        address holder;
        uint256 lotId;
        uint256 units;
        address lender;
        uint256 principal;
        uint256 fee;
        uint40 maturity;
    }

    function requestPledge(
        uint256 actorSeed,
        uint256 lotSeed,
        uint256 units,
        uint256 principal,
        uint256 fee,
        uint256 maturitySeed,
        uint256 lenderSeed
    ) external tracked("requestPledge") {
        _requestPledge([actorSeed, lotSeed, units, principal, fee, maturitySeed, lenderSeed]);
    }

    /// @dev A request from the seeds (actor, lot, units, principal, fee, maturity, lender), as `requestPledge` makes
    /// it; returns its id, or 0 when none was made (no room before the lot's end, no free units, pledging off).
    function _requestPledge(uint256[7] memory seeds) internal returns (uint256 pledgeId) {
        PledgeArgs memory a;
        a.holder = _actor(seeds[0]);
        a.lotId = _lot(seeds[1]);
        uint40 endsAt = token.lot(a.lotId).endsAt;
        uint256 free = _unlocked(a.holder, a.lotId);
        uint256 earliest = block.timestamp + lending.MIN_REPAY_WINDOW();
        uint256 latestAllowed = uint256(endsAt) - lending.MATURITY_MARGIN();
        if (earliest > latestAllowed || free == 0) return 0;
        a.units = _bound(seeds[2], 1, free);
        uint256 cap = lending.maxPrincipal(a.lotId, a.units);
        if (cap == 0) {
            // A loan-to-value of 0 switches pledging off (S-7).
            if (lending.loanToValue(a.lotId) == 0) {
                vm.prank(a.holder);
                try lending.requestPledge(a.lotId, a.units, address(0), 1, 0, uint40(earliest)) {
                    _fail("pledged a lot with pledging off");
                } catch (bytes memory err) {
                    _assertError(
                        err, abi.encodeWithSelector(IComputeLending.Lending_PledgingDisabled.selector, a.lotId)
                    );
                }
            }
            return 0;
        }
        uint256 referenceCap = _referenceCap(a.lotId, a.units);
        bool withIndex = address(lending.priceIndex()) != address(0);
        if (cap != _expectedCap(a.lotId, a.units, referenceCap, withIndex)) {
            _fail("maxPrincipal is not min(ref, index)");
        }
        if (cap > referenceCap) _fail("the index raised the cap");
        if (cap < referenceCap && seeds[3] % 4 == 0) {
            // Above the cap the index lowered, within the reference-price cap: refused with that cap.
            uint256 above = _bound(seeds[3] >> 8, cap + 1, referenceCap);
            vm.prank(a.holder);
            try lending.requestPledge(a.lotId, a.units, address(0), above, 0, uint40(earliest)) {
                _fail("pledged above the cap the index lowered");
            } catch (bytes memory err) {
                _assertError(
                    err, abi.encodeWithSelector(IComputeLending.Lending_LoanToValueExceeded.selector, above, cap)
                );
                store.countIndexCapRefusal();
            }
        }
        a.principal = _bound(seeds[3], 1, cap);
        a.fee = _bound(seeds[4], 0, 100e6);
        // Mostly short maturities (within 4 days) so that matured pledges are common; sometimes up to the limit.
        uint256 latest = seeds[5] % 2 == 0 ? earliest + 3 days : latestAllowed;
        a.maturity = uint40(_bound(seeds[5], earliest, latest < latestAllowed ? latest : latestAllowed));
        // One in three requests is open to any lender; one in eight of the others designates the holder itself, whose
        // funding must refuse (L-4: Lending_SelfFunding), the rest another actor.
        a.lender =
            seeds[6] % 3 == 0 ? address(0) : (seeds[6] >> 8) % 8 == 0 ? a.holder : _actorOtherThan(seeds[6], a.holder);
        pledgeId = _request(a);
        store.recordPledgeCap(pledgeId, referenceCap, withIndex, cap < referenceCap);
    }

    /// @dev `units × referencePrice × loanToValue / 10 000`: the cap without the price index.
    function _referenceCap(uint256 lotId, uint256 units) internal view returns (uint256) {
        return units * token.lot(lotId).referencePrice * lending.loanToValue(lotId) / 10_000;
    }

    /// @dev The cap computed from scratch: with the index on and a trade of the lot's key, at
    /// `min(referencePrice, average)`; else the reference-price cap.
    function _expectedCap(uint256 lotId, uint256 units, uint256 referenceCap, bool withIndex)
        internal
        view
        returns (uint256)
    {
        if (!withIndex) return referenceCap;
        IComputeCapacityToken.Lot memory record = token.lot(lotId);
        (, uint40 tradedAt, uint256 average) = market.priceOf(record.gpuModel, record.region, escrow.currencyOf(lotId));
        if (tradedAt == 0 || average >= record.referencePrice) return referenceCap;
        return units * average * lending.loanToValue(lotId) / 10_000;
    }

    function _request(PledgeArgs memory a) internal returns (uint256 pledgeId) {
        vm.prank(a.holder);
        pledgeId = lending.requestPledge(a.lotId, a.units, a.lender, a.principal, a.fee, a.maturity);
        store.pushPledgeId(pledgeId, a.units);
    }

    function cancelPledge(uint256 pledgeSeed) external tracked("cancelPledge") {
        (uint256 pledgeId, IComputeLending.Pledge memory p) = _pickPledge(pledgeSeed);
        if (p.status != IComputeLending.PledgeStatus.Requested) return;
        vm.prank(p.holder);
        lending.cancelPledge(pledgeId);
        store.unlockPledge(pledgeId);
    }

    /// @dev Funds the picked request, which must refuse when the holder funds it (L-4: a request designating its own
    /// holder, and one time in eight an open request) or when stale (S-3); when the pick is not Requested, the first
    /// request from there on that another account can still fund (funded pledges feed repayments, claims and
    /// collateral auctions: a random pick alone funds too few).
    function fundPledge(uint256 pledgeSeed, uint256 funderSeed) external tracked("fundPledge") {
        (uint256 pledgeId, IComputeLending.Pledge memory p) = _pickPledge(pledgeSeed);
        if (p.status != IComputeLending.PledgeStatus.Requested) (pledgeId, p) = _pickFundable(pledgeSeed);
        if (pledgeId == 0) return;
        address funder = p.lender != address(0)
            ? p.lender
            : funderSeed % 8 == 0 ? p.holder : _actorOtherThan(funderSeed >> 8, p.holder);
        if (funder == p.holder) {
            // L-4: a self-funded pledge moves no value and would let the holder auction its own units.
            vm.prank(funder);
            try lending.fundPledge(pledgeId) {
                _fail("a holder funded its own pledge");
            } catch (bytes memory err) {
                _assertError(err, abi.encodeWithSelector(IComputeLending.Lending_SelfFunding.selector, pledgeId));
            }
            store.countSelfFundingRefusal();
            return;
        }
        uint256 fundBy = p.maturity - lending.MIN_REPAY_WINDOW();
        if (block.timestamp > fundBy) {
            // S-3: too close to maturity for the borrower to repay.
            vm.prank(funder);
            try lending.fundPledge(pledgeId) {
                _fail("funded a stale request");
            } catch (bytes memory err) {
                _assertError(
                    err, abi.encodeWithSelector(IComputeLending.Lending_PledgeRequestExpired.selector, pledgeId, fundBy)
                );
            }
            return;
        }
        _fund(pledgeId, p, funder);
    }

    /// @dev `funder` funds the request (unless the stablecoin blacklists it); returns whether it did.
    function _fund(uint256 pledgeId, IComputeLending.Pledge memory p, address funder) internal returns (bool) {
        if (usdc.isBlacklisted(funder)) return false;
        _topUp(funder, p.principal);
        vm.prank(funder);
        lending.fundPledge(pledgeId);
        store.addCredit(p.holder, p.principal);
        return true;
    }

    /// @dev The first Requested pledge from the seed's pick on (wrapping around) that can still be funded (within its
    /// funding window, not designating its own holder as the lender), or (0, empty) when there is none.
    function _pickFundable(uint256 seed) internal view returns (uint256 pledgeId, IComputeLending.Pledge memory p) {
        uint256 n = store.pledgeCount();
        for (uint256 i; i < n; ++i) {
            pledgeId = store.pledgeIds((seed % n + i) % n);
            p = lending.pledge(pledgeId);
            if (
                p.status == IComputeLending.PledgeStatus.Requested
                    && block.timestamp + lending.MIN_REPAY_WINDOW() <= p.maturity && p.lender != p.holder
            ) return (pledgeId, p);
        }
        IComputeLending.Pledge memory none;
        return (0, none);
    }

    /// @dev Anyone repays an Active pledge (S-4: until the lender claims or auctions the collateral, maturity or not);
    /// a pledge whose collateral is being auctioned must refuse.
    function repay(uint256 pledgeSeed, uint256 payerSeed) external tracked("repay") {
        (uint256 pledgeId, IComputeLending.Pledge memory p) = _pickPledge(pledgeSeed);
        address payer = _actor(payerSeed);
        if (p.status == IComputeLending.PledgeStatus.Auctioning) {
            vm.prank(payer);
            try lending.repay(pledgeId) {
                _fail("repaid a pledge whose collateral is being auctioned");
            } catch (bytes memory err) {
                _assertError(
                    err,
                    abi.encodeWithSelector(
                        IComputeLending.Lending_WrongPledgeStatus.selector,
                        pledgeId,
                        IComputeLending.PledgeStatus.Auctioning
                    )
                );
            }
            store.countRepayRefusedMidAuction();
            return;
        }
        if (p.status != IComputeLending.PledgeStatus.Active) return;
        if (usdc.isBlacklisted(payer)) return;
        uint256 owed = uint256(p.principal) + p.fee;
        _topUp(payer, owed);

        vm.prank(payer);
        lending.repay(pledgeId);
        store.addCredit(p.lender, owed);
        store.unlockPledge(pledgeId);
    }

    function claimCollateral(uint256 pledgeSeed) external tracked("claimCollateral") {
        (uint256 pledgeId, IComputeLending.Pledge memory p) = _pickPledge(pledgeSeed);
        if (p.status != IComputeLending.PledgeStatus.Active) return;
        vm.prank(p.lender);
        if (block.timestamp < p.maturity) {
            try lending.claimCollateral(pledgeId) {
                _fail("claimed before maturity");
            } catch (bytes memory err) {
                _assertError(
                    err, abi.encodeWithSelector(IComputeLending.Lending_PledgeNotMatured.selector, pledgeId, p.maturity)
                );
            }
            return;
        }
        lending.claimCollateral(pledgeId);
        store.unlockPledge(pledgeId);
    }

    /// @dev Lets time run to an active pledge's maturity, then the lender takes the collateral.
    function warpToMaturityAndClaim(uint256 pledgeSeed) external tracked("warpToMaturityAndClaim") {
        (uint256 pledgeId, IComputeLending.Pledge memory p) = _pickPledge(pledgeSeed);
        if (p.status != IComputeLending.PledgeStatus.Active) return;
        _warpAtLeast(p.maturity);
        vm.prank(p.lender);
        lending.claimCollateral(pledgeId);
        store.unlockPledge(pledgeId);
    }

    /// @dev A rogue holder of the escrow's LENDING_ROLE (the handler) credits an actor more than the escrow holds above
    /// what it owes, without paying anything in: it must revert with Escrow_LoanUnfunded and the exact surplus.
    function rogueCreditLoan(uint256 accountSeed, uint256 amount) external tracked("rogueCreditLoan") {
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        uint256 surplus = balance > obligations ? balance - obligations : 0;
        amount = _bound(amount, surplus + 1, surplus + 1e15);
        try escrow.creditLoan(_actor(accountSeed), _lot(accountSeed >> 8), amount) {
            _fail("credited a loan nobody paid for");
        } catch (bytes memory err) {
            _assertError(err, abi.encodeWithSelector(IComputeEscrow.Escrow_LoanUnfunded.selector, amount, surplus));
        }
    }

    /// @dev Tries to move one unit more than the unlocked balance of an account with pledged units (collateral being
    /// auctioned included): must fail.
    function moveLockedUnits(uint256 pledgeSeed, uint256 toSeed) external tracked("moveLockedUnits") {
        (, IComputeLending.Pledge memory p) = _pickPledge(pledgeSeed);
        if (
            p.status != IComputeLending.PledgeStatus.Requested && p.status != IComputeLending.PledgeStatus.Active
                && p.status != IComputeLending.PledgeStatus.Auctioning
        ) {
            return;
        }
        uint256 unlocked = _unlocked(p.holder, p.lotId);
        bytes memory expected = abi.encodeWithSelector(
            IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector,
            p.holder,
            p.lotId,
            unlocked,
            unlocked + 1
        );
        vm.prank(p.holder);
        try token.safeTransferFrom(p.holder, _actor(toSeed), p.lotId, unlocked + 1, "") {
            _fail("moved pledged units");
        } catch (bytes memory err) {
            _assertError(err, expected);
        }
    }

    /*//////////////////////////////////////////////////////////////
                 COLLATERAL AUCTIONS (THE LENDING MODULE)
    //////////////////////////////////////////////////////////////*/

    struct AuctionStart {
        uint256 pledgeId;
        address caller;
        bool byLender;
        uint256 startPrice;
        uint256 floorPrice;
        uint40 duration;
    }

    /// @dev Puts an Active pledge's collateral up for auction (the first from the seed's pick on; with none, a lender
    /// first funds the first fundable request, as `fundPledge` would, made first as `requestPledge` would when there
    /// is none: pledges are few, and each auction needs one): half the time its lender, from maturity on
    /// (time runs to it), with a floor of up to 10.00 and a start up to 20.00, for an hour (MIN_AUCTION_DURATION) up to
    /// 7 days; half the time another actor, from AUCTION_GRACE after maturity on (time runs to that), with a floor that
    /// repays principal + fee and a start within [max(2 × ref, floor), max(4 × ref, floor)] (L-1), for a day
    /// (THIRD_PARTY_AUCTION_DURATION) up to 7 days; never ending later than MATURITY_MARGIN before the lot's end (L-2).
    /// Refusals are checked with their exact error: one time in eight before maturity; a third party one time in four
    /// each before the grace and with a floor one base unit per unit short of the debt, one time in eight each with a
    /// start price outside its band and for less than a day; and whenever the shortest auction would end after the
    /// latest end.
    function startCollateralAuction(
        uint256 pledgeSeed,
        uint256 callerSeed,
        uint256 startPrice,
        uint256 floorPrice,
        uint256 durationSeed
    ) external tracked("startCollateralAuction") {
        (uint256 pledgeId, IComputeLending.Pledge memory p) = _activeOrFunded(pledgeSeed, callerSeed);
        if (pledgeId == 0) return;
        AuctionStart memory s;
        s.pledgeId = pledgeId;
        s.byLender = callerSeed % 2 == 0;
        s.caller = s.byLender ? p.lender : _actorOtherThan(callerSeed >> 8, p.lender);
        (s.startPrice, s.floorPrice) = (2e6, 1e6);
        s.duration = s.byLender ? lending.MIN_AUCTION_DURATION() : lending.THIRD_PARTY_AUCTION_DURATION();
        if (block.timestamp < p.maturity && (callerSeed >> 16) % 8 == 0) {
            return _refuseAuctionStart(
                s, abi.encodeWithSelector(IComputeLending.Lending_PledgeNotMatured.selector, pledgeId, p.maturity)
            );
        }
        _warpAtLeast(p.maturity);
        if (s.byLender) {
            s.floorPrice = _bound(floorPrice, 1, 10e6);
            s.startPrice = _bound(startPrice, s.floorPrice, 20e6);
        } else if (_thirdPartyRefused(s, p, callerSeed, floorPrice, startPrice)) {
            return;
        }
        // L-2: unsold units reach the lender with MATURITY_MARGIN of the lot left.
        uint256 latest = uint256(token.lot(p.lotId).endsAt) - lending.MATURITY_MARGIN();
        uint256 earliest = block.timestamp + s.duration;
        if (earliest > latest) {
            return _refuseAuctionStart(
                s,
                abi.encodeWithSelector(IComputeLending.Lending_InvalidAuctionEnd.selector, earliest, earliest, latest)
            );
        }
        uint256 longest = latest - block.timestamp;
        s.duration = uint40(_bound(durationSeed, s.duration, longest < 7 days ? longest : 7 days));
        vm.prank(s.caller);
        lending.startCollateralAuction(pledgeId, s.startPrice, s.floorPrice, s.duration);
        store.recordAuctionStart(s.byLender);
    }

    /// @dev The first Active pledge from the seed's pick on; with none, the first fundable request (with none, one
    /// requested now from seeds derived from `pledgeSeed`), funded by its lender (or another actor than its holder):
    /// (0, empty) when there is none to fund or the funder is blacklisted in the stablecoin.
    function _activeOrFunded(uint256 pledgeSeed, uint256 callerSeed)
        internal
        returns (uint256 pledgeId, IComputeLending.Pledge memory p)
    {
        (pledgeId, p) = _pickPledgeIn(pledgeSeed, IComputeLending.PledgeStatus.Active);
        if (pledgeId != 0) return (pledgeId, p);
        (pledgeId, p) = _pickFundable(pledgeSeed);
        if (pledgeId == 0) {
            uint256[7] memory seeds;
            for (uint256 i; i < 7; ++i) {
                seeds[i] = uint256(keccak256(abi.encode(pledgeSeed, i)));
            }
            pledgeId = _requestPledge(seeds);
            _syncStatuses(); // Requested first
            if (pledgeId == 0) return (0, p);
            p = lending.pledge(pledgeId);
            if (p.lender == p.holder) return (0, p);
        }
        address funder = p.lender == address(0) ? _actorOtherThan(callerSeed >> 40, p.holder) : p.lender;
        if (!_fund(pledgeId, p, funder)) return (0, p);
        _syncStatuses(); // Active next, then Auctioning
        p = lending.pledge(pledgeId);
    }

    /// @dev A third party's terms (a floor from the least that repays principal + fee up to 10.00 more, a start within
    /// its band: `_startOrDurationRefused`) after time ran to the end of the grace; or, one time in four each, the
    /// refusal before the grace and of a floor one base unit short per unit. True when a refusal was checked.
    function _thirdPartyRefused(
        AuctionStart memory s,
        IComputeLending.Pledge memory p,
        uint256 callerSeed,
        uint256 floorPrice,
        uint256 startPrice
    ) internal returns (bool) {
        uint256 openToAllAt = uint256(p.maturity) + lending.AUCTION_GRACE();
        if (block.timestamp < openToAllAt && (callerSeed >> 24) % 4 == 0) {
            _refuseAuctionStart(
                s,
                abi.encodeWithSelector(
                    IComputeLending.Lending_AuctionNotOpenToCaller.selector, s.pledgeId, s.caller, openToAllAt
                )
            );
            return true;
        }
        _warpAtLeast(openToAllAt);
        uint256 debt = uint256(p.principal) + p.fee;
        uint256 minFloor = (debt + p.units - 1) / p.units;
        if (minFloor > 1 && (callerSeed >> 32) % 4 == 0) {
            (s.startPrice, s.floorPrice) = (minFloor - 1, minFloor - 1);
            _refuseAuctionStart(
                s,
                abi.encodeWithSelector(IComputeLending.Lending_FloorBelowDebt.selector, (minFloor - 1) * p.units, debt)
            );
            return true;
        }
        // A floor above the band's top (4 × ref, or the debt per unit if higher) leaves no start price: stay below it.
        (, uint256 top) = _thirdPartyBand(p.lotId, minFloor, minFloor);
        s.floorPrice = _bound(floorPrice, minFloor, top);
        return _startOrDurationRefused(s, p.lotId, callerSeed, startPrice, minFloor);
    }

    /// @dev A third party's start price within its band for the floor set; or, one time in eight each, the refusal of a
    /// start just outside the band (above it, or below it when the band starts above the floor: L-1, L-2) and of a
    /// duration a second short of a day (L-1). True when a refusal was checked.
    function _startOrDurationRefused(
        AuctionStart memory s,
        uint256 lotId,
        uint256 callerSeed,
        uint256 startPrice,
        uint256 debtPerUnit
    ) internal returns (bool) {
        (uint256 lowest, uint256 highest) = _thirdPartyBand(lotId, s.floorPrice, debtPerUnit);
        if ((callerSeed >> 36) % 8 == 0) {
            s.startPrice = (callerSeed >> 40) % 2 == 0 || lowest == s.floorPrice ? highest + 1 : lowest - 1;
            _refuseAuctionStart(
                s,
                abi.encodeWithSelector(
                    IComputeLending.Lending_ThirdPartyStartPrice.selector, s.startPrice, lowest, highest
                )
            );
            return true;
        }
        s.startPrice = _bound(startPrice, lowest, highest);
        if ((callerSeed >> 36) % 8 == 1) {
            uint256 earliest = block.timestamp + s.duration;
            s.duration -= 1;
            _refuseAuctionStart(
                s,
                abi.encodeWithSelector(
                    IComputeLending.Lending_InvalidAuctionEnd.selector,
                    earliest - 1,
                    earliest,
                    uint256(token.lot(lotId).endsAt) - lending.MATURITY_MARGIN()
                )
            );
            return true;
        }
        return false;
    }

    /// @dev The start prices a third party may set with `floor` on `lotId`: [max(2 × ref, floor), max(4 × ref, debt per
    /// unit rounded up)] — only the debt lifts the top, never the floor (L-2).
    function _thirdPartyBand(uint256 lotId, uint256 floor, uint256 debtPerUnit)
        internal
        view
        returns (uint256 lowest, uint256 highest)
    {
        uint256 ref = token.lot(lotId).referencePrice;
        lowest = ref * lending.THIRD_PARTY_MIN_START_BPS() / 10_000;
        highest = ref * lending.THIRD_PARTY_MAX_START_BPS() / 10_000;
        if (lowest < floor) lowest = floor;
        if (highest < debtPerUnit) highest = debtPerUnit;
    }

    /// @dev Starts the auction `s` describes, which must refuse with `expected`.
    function _refuseAuctionStart(AuctionStart memory s, bytes memory expected) internal {
        vm.prank(s.caller);
        try lending.startCollateralAuction(s.pledgeId, s.startPrice, s.floorPrice, s.duration) {
            _fail("started an auction that must refuse");
        } catch (bytes memory err) {
            _assertError(err, expected);
        }
        store.countAuctionRefusal();
    }

    /// @dev Buys part of a collateral auction (the first running one from the seed's pick on, else the first Auctioning
    /// pledge, ended) at its current price, one time in three at a random later second of its window (time runs to
    /// it); the lender is expected to be credited up to what principal + fee still owe, the holder the rest; one time
    /// in two a second buyer follows at the same second. In the block that started the auction a buy must refuse (L-1) one time in two, else time runs
    /// a second first; one time in four a limit one base unit under the price must refuse; an ended auction must
    /// refuse.
    function buyCollateral(uint256 pledgeSeed, uint256 buyerSeed, uint256 units, uint256 modeSeed)
        external
        tracked("buyCollateral")
    {
        (uint256 pledgeId, IComputeLending.Pledge memory p) = _pickRunningAuction(pledgeSeed);
        if (pledgeId == 0) return;
        IComputeLending.CollateralAuction memory a = lending.auctionOf(pledgeId);
        address buyer = _actor(buyerSeed);
        if (block.timestamp <= a.startsAt) {
            if ((modeSeed >> 2) % 2 == 0) {
                _refuseBuy(
                    buyer,
                    pledgeId,
                    1,
                    type(uint256).max,
                    abi.encodeWithSelector(IComputeLending.Lending_AuctionNotStarted.selector, pledgeId, a.startsAt)
                );
                store.countBuyRefusedInStartBlock();
                return;
            }
            _warpBy(1);
        }
        if (modeSeed % 3 == 1 && block.timestamp < a.endsAt) {
            _warpAtLeast(_bound(modeSeed >> 8, block.timestamp, uint256(a.endsAt) - 1));
        }
        if (block.timestamp >= a.endsAt) {
            return _refuseBuy(
                buyer,
                pledgeId,
                1,
                type(uint256).max,
                abi.encodeWithSelector(IComputeLending.Lending_AuctionEnded.selector, pledgeId, a.endsAt)
            );
        }
        // One time in two a small buy (at most a tenth of what is left), so that buys below the debt are common too.
        units = _bound(units, 1, (modeSeed >> 4) % 2 == 0 && a.unitsLeft >= 10 ? a.unitsLeft / 10 : a.unitsLeft);
        uint256 price = lending.auctionPriceAt(pledgeId, block.timestamp);
        if (modeSeed % 4 == 0) {
            return _refuseBuy(
                buyer,
                pledgeId,
                units,
                price - 1,
                abi.encodeWithSelector(IComputeLending.Lending_PriceAboveLimit.selector, pledgeId, price, price - 1)
            );
        }
        _buyAt(pledgeId, p, buyer, units, price);
        // One time in two another buyer takes part of the rest in the same second (bidders compete; it also makes
        // buys after the debt was repaid, which pay the holder alone, common enough to be checked).
        uint256 left = lending.auctionOf(pledgeId).unitsLeft;
        if ((modeSeed >> 16) % 2 == 0 && left != 0) {
            _buyAt(pledgeId, p, _actorOtherThan(buyerSeed >> 8, buyer), _bound(modeSeed >> 24, 1, left), price);
        }
    }

    /// @dev `buyer` (unless the stablecoin blacklists it) buys `units` of `pledgeId`'s collateral at `price`, the
    /// current one; the lender is expected to be credited up to what principal + fee still owe, the holder the rest.
    function _buyAt(uint256 pledgeId, IComputeLending.Pledge memory p, address buyer, uint256 units, uint256 price)
        internal
    {
        if (usdc.isBlacklisted(buyer)) return;
        uint256 cost = units * price;
        _topUp(buyer, cost);
        uint256 owed = uint256(p.principal) + p.fee - lending.auctionOf(pledgeId).paidToLender;
        uint256 toLender = cost < owed ? cost : owed;

        vm.prank(buyer);
        lending.buyCollateral(pledgeId, units, price);
        if (toLender != 0) store.addCredit(p.lender, toLender);
        if (cost != toLender) store.addCredit(p.holder, cost - toLender);
        store.recordCollateralSale(pledgeId, units, toLender, cost - toLender);
    }

    /// @dev The first Auctioning pledge from the seed's pick on (wrapping around) whose auction has not ended; else the
    /// first Auctioning one; else (0, empty). Auctions end fast as time runs: a plain pick would often find them over.
    function _pickRunningAuction(uint256 seed) internal view returns (uint256, IComputeLending.Pledge memory) {
        uint256 n = store.pledgeCount();
        for (uint256 i; i < n; ++i) {
            uint256 pledgeId = store.pledgeIds((seed % n + i) % n);
            IComputeLending.Pledge memory p = lending.pledge(pledgeId);
            if (
                p.status == IComputeLending.PledgeStatus.Auctioning
                    && block.timestamp < lending.auctionOf(pledgeId).endsAt
            ) return (pledgeId, p);
        }
        return _pickPledgeIn(seed, IComputeLending.PledgeStatus.Auctioning);
    }

    /// @dev A buy of `units` at `limit` that must refuse with `expected`.
    function _refuseBuy(address buyer, uint256 pledgeId, uint256 units, uint256 limit, bytes memory expected) internal {
        vm.prank(buyer);
        try lending.buyCollateral(pledgeId, units, limit) {
            _fail("bought collateral that must refuse");
        } catch (bytes memory err) {
            _assertError(err, expected);
        }
        store.countAuctionRefusal();
    }

    /// @dev Anyone settles an auction (the first Auctioning pledge from the seed's pick on) once it ended (time runs to
    /// its end): the unsold units go to the lender (every actor can receive units). One time in four, before the end,
    /// the settlement must refuse; one time in four the lender is de-listed for the settlement (L-3: it must refuse
    /// with Lending_LenderCannotReceive while the lot can be redeemed, and unlock the units for the holder from the
    /// lot's redeemableUntil on) and re-listed after it.
    function settleCollateralAuction(uint256 pledgeSeed, uint256 callerSeed)
        external
        tracked("settleCollateralAuction")
    {
        (uint256 pledgeId, IComputeLending.Pledge memory p) =
            _pickPledgeIn(pledgeSeed, IComputeLending.PledgeStatus.Auctioning);
        if (pledgeId == 0) return;
        IComputeLending.CollateralAuction memory a = lending.auctionOf(pledgeId);
        address caller = _actor(callerSeed >> 8);
        if (block.timestamp < a.endsAt && callerSeed % 4 == 0) {
            vm.prank(caller);
            try lending.settleCollateralAuction(pledgeId) {
                _fail("settled a running auction");
            } catch (bytes memory err) {
                _assertError(
                    err, abi.encodeWithSelector(IComputeLending.Lending_AuctionNotEnded.selector, pledgeId, a.endsAt)
                );
            }
            store.countAuctionRefusal();
            return;
        }
        _warpAtLeast(a.endsAt);
        if ((callerSeed >> 4) % 4 == 0) return _settleWithLenderDelisted(pledgeId, p, a.unitsLeft, caller);
        if (token.receiverStatus(p.lender) != IComputeCapacityToken.TransferStatus.Ok) {
            _fail("a lender cannot receive units");
        }
        uint256 lenderUnits = token.balanceOf(p.lender, p.lotId);

        vm.prank(caller);
        lending.settleCollateralAuction(pledgeId);
        if (token.balanceOf(p.lender, p.lotId) - lenderUnits != a.unitsLeft) {
            _fail("the unsold units did not reach the lender");
        }
        store.recordSettlement(pledgeId, true);
    }

    /// @dev Settles `pledgeId`'s ended auction with its lender de-listed (the handler holds the token's COMPLIANCE_ROLE),
    /// then re-lists it. L-3: while the lot can still be redeemed the settlement must refuse, naming the lot's
    /// redeemableUntil, so the units stay locked for the lender; from then on they are unlocked for the holder.
    function _settleWithLenderDelisted(
        uint256 pledgeId,
        IComputeLending.Pledge memory p,
        uint256 unitsLeft,
        address caller
    ) internal {
        token.setAllowed(p.lender, false);
        uint40 until = token.redeemableUntil(p.lotId);
        if (block.timestamp < until) {
            vm.prank(caller);
            try lending.settleCollateralAuction(pledgeId) {
                _fail("settled to the holder while the lot can be redeemed");
            } catch (bytes memory err) {
                _assertError(
                    err,
                    abi.encodeWithSelector(
                        IComputeLending.Lending_LenderCannotReceive.selector,
                        pledgeId,
                        IComputeCapacityToken.TransferStatus.ReceiverNotAllowed,
                        until
                    )
                );
            }
            store.countSettlementAwaitingLender();
        } else {
            uint256 locked = token.lockedBalanceOf(p.holder, p.lotId);
            uint256 lenderUnits = token.balanceOf(p.lender, p.lotId);
            vm.prank(caller);
            lending.settleCollateralAuction(pledgeId);
            if (locked - token.lockedBalanceOf(p.holder, p.lotId) != unitsLeft) _fail("the unsold units not unlocked");
            if (token.balanceOf(p.lender, p.lotId) != lenderUnits) _fail("a de-listed lender received units");
            store.recordSettlement(pledgeId, false);
        }
        token.setAllowed(p.lender, true);
    }

    /// @dev The lender takes the units out of an auction (the first Auctioning pledge from the seed's pick on) that has
    /// sold nothing (L-2): once it ended (instead of settling), or one time in four while it runs (a lender giving up
    /// on a stalled auction; the other times it waits, so that running auctions are left to buyers). Once a unit sold
    /// it must refuse with Lending_AuctionHasSales; one time in four another actor tries and must be refused with
    /// Lending_NotPledgeLender.
    function claimOutOfAuction(uint256 pledgeSeed, uint256 callerSeed) external tracked("claimOutOfAuction") {
        (uint256 pledgeId, IComputeLending.Pledge memory p) =
            _pickPledgeIn(pledgeSeed, IComputeLending.PledgeStatus.Auctioning);
        if (pledgeId == 0) return;
        IComputeLending.CollateralAuction memory a = lending.auctionOf(pledgeId);
        bool sold = a.unitsLeft != p.units;
        bool byOther = callerSeed % 4 == 0;
        address caller = byOther ? _actorOtherThan(callerSeed >> 8, p.lender) : p.lender;
        if (sold || byOther) {
            bytes memory expected = sold
                ? abi.encodeWithSelector(IComputeLending.Lending_AuctionHasSales.selector, pledgeId)
                : abi.encodeWithSelector(IComputeLending.Lending_NotPledgeLender.selector, pledgeId, caller);
            vm.prank(caller);
            try lending.claimCollateral(pledgeId) {
                _fail("claimed out of an auction that must refuse");
            } catch (bytes memory err) {
                _assertError(err, expected);
            }
            store.countAuctionRefusal();
            return;
        }
        if (block.timestamp < a.endsAt && (callerSeed >> 16) % 4 != 0) return;
        uint256 lenderUnits = token.balanceOf(p.lender, p.lotId);
        vm.prank(p.lender);
        lending.claimCollateral(pledgeId);
        if (token.balanceOf(p.lender, p.lotId) - lenderUnits != p.units) _fail("the lender did not get every unit");
        store.unlockPledge(pledgeId);
        store.recordClaimOut(pledgeId);
    }

    /*//////////////////////////////////////////////////////////////
                                 REDEEM
    //////////////////////////////////////////////////////////////*/

    function postBond(uint256 actorSeed, uint256 lotSeed, uint256 amount) external tracked("postBond") {
        address from = _actor(actorSeed);
        if (usdc.isBlacklisted(from)) return;
        amount = _bound(amount, 1, 5000e6);
        _topUp(from, amount);
        vm.prank(from);
        escrow.postBond(_lot(lotSeed), amount);
    }

    function withdrawBond(uint256 lotSeed, uint256 amount) external tracked("withdrawBond") {
        uint256 lotId = _lot(lotSeed);
        IComputeCapacityToken.Lot memory record = token.lot(lotId);
        (uint256 total, uint256 reserved) = escrow.bondOf(lotId);
        uint40 unlocksAt = token.redeemableUntil(lotId);
        if (block.timestamp < unlocksAt) {
            // S-1: the provider cannot take bond out while holders may still redeem.
            vm.prank(record.provider);
            try escrow.withdrawBond(lotId, 1) {
                _fail("bond withdrawn before redeemableUntil");
            } catch (bytes memory err) {
                _assertError(err, abi.encodeWithSelector(IComputeEscrow.Escrow_BondLocked.selector, lotId, unlocksAt));
            }
            return;
        }
        if (total == reserved || usdc.isBlacklisted(record.provider)) return;
        amount = _bound(amount, 1, total - reserved);
        vm.prank(record.provider);
        escrow.withdrawBond(lotId, amount);
    }

    function redeem(uint256 actorSeed, uint256 lotSeed, uint256 units) external tracked("redeem") {
        address holder = _actor(actorSeed);
        uint256 lotId = _lot(lotSeed);
        IComputeCapacityToken.Lot memory record = token.lot(lotId);
        if (block.timestamp >= record.endsAt) return;
        uint256 unlocked = _unlocked(holder, lotId);

        // Pledged units cannot be redeemed: asking for one more than the unlocked balance must fail in the token.
        if (token.lockedBalanceOf(holder, lotId) != 0) {
            bytes memory expected = abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector,
                holder,
                lotId,
                unlocked,
                unlocked + 1
            );
            vm.prank(holder);
            try escrow.redeem(lotId, unlocked + 1) {
                _fail("redeemed pledged units");
            } catch (bytes memory err) {
                _assertError(err, expected);
            }
        }

        // S-1: before the window ends every unlocked unit is redeemable, whatever the provider did before (the
        // call must succeed under fail_on_revert; it reverted with Escrow_InsufficientBond before the fix).
        if (unlocked == 0) return;
        units = _bound(units, 1, unlocked);
        vm.prank(holder);
        store.pushRedemptionId(escrow.redeem(lotId, units));
    }

    /// @dev The provider issues more units of a live lot (to itself or an actor); issuing pulls the missing bond.
    function issueMore(uint256 lotSeed, uint256 units, uint256 toSeed) external tracked("issueMore") {
        uint256 lotId = _lot(lotSeed);
        IComputeCapacityToken.Lot memory record = token.lot(lotId);
        if (block.timestamp >= record.endsAt || usdc.isBlacklisted(record.provider)) return;
        units = _bound(units, 1, 200);
        _topUp(record.provider, units * record.referencePrice);
        vm.prank(record.provider);
        token.issue(lotId, _actor(toSeed), units);
    }

    /// @dev S-1 attack: the provider redeems units it holds, confirms its own delivery and withdraws the released
    /// bond at once. Holders' redemptions must stay covered (checked by `redeem` and `_assertBondCoversOutstanding`).
    function providerSelfRedeem(uint256 lotSeed, uint256 units) external tracked("providerSelfRedeem") {
        uint256 lotId = _lot(lotSeed);
        IComputeCapacityToken.Lot memory record = token.lot(lotId);
        uint256 unlocked = _unlocked(record.provider, lotId);
        if (block.timestamp >= record.endsAt || unlocked == 0) return;
        units = _bound(units, 1, unlocked);
        vm.prank(record.provider);
        uint256 id = escrow.redeem(lotId, units);
        store.pushRedemptionId(id);
        _syncStatuses(); // Open first, then Delivered
        vm.prank(record.provider);
        escrow.confirmDelivery(id);
        store.addCredit(record.provider, escrow.redemption(id).reserved);
        if (usdc.isBlacklisted(record.provider)) return;
        uint256 credit = escrow.claimable(record.provider, address(usdc));
        vm.prank(record.provider);
        escrow.withdraw(address(usdc), record.provider);
        store.addWithdrawal(record.provider, credit);
    }

    function confirmDelivery(uint256 redemptionSeed) external tracked("confirmDelivery") {
        (uint256 id, IComputeEscrow.Redemption memory r) = _pickRedemption(redemptionSeed);
        if (r.status != IComputeEscrow.RedemptionStatus.Open) return;
        vm.prank(r.holder);
        escrow.confirmDelivery(id);
        store.addCredit(token.lot(r.lotId).provider, r.reserved);
    }

    /// @dev Submits a fresh report meeting the SLA whose cumulative delivered count lands either short of the
    /// redemption's place in the pool's queue or at (or a little past) it, then confirms by oracle: it must succeed
    /// exactly when the count reached the redemption's `deliveredBy` (O-3). A second open redemption of the same pool
    /// is then held to the same rule against the same count, so hours never serve two redemptions.
    function confirmByOracle(uint256 redemptionSeed, uint256 uptime, uint256 deliveredSeed, uint256 otherSeed)
        external
        tracked("confirmByOracle")
    {
        // Oracle confirmation only within the deadline (the spec; see confirmDeliveryByOracle.t.sol,
        // test_RevertWhen_TheDeadlineHasPassed).
        (uint256 id, IComputeEscrow.Redemption memory r) = _pickOpenRedemption(redemptionSeed);
        if (id == 0) return;
        IComputeCapacityToken.Lot memory record = token.lot(r.lotId);
        uptime = _bound(uptime, record.slaUptimeBps, 10_000);
        uint64 delivered = _deliveredFor(deliveredSeed, store.lastDelivered(record.poolId), r.deliveredBy);
        // forge-lint: disable-next-line(unsafe-typecast)
        _submitReport(record.poolId, uint16(uptime), delivered);
        _confirmOrRefuse(id, r, record.provider, delivered, _actor(otherSeed));
        _confirmAnother(id, record.poolId, uptime, delivered, otherSeed);
    }

    /// @dev A cumulative delivered count for the next report: never below the pool's `attested` count; half the time
    /// short of `deliveredBy` (when the pool's count is below it), else at or up to 50 past it.
    function _deliveredFor(uint256 seed, uint64 attested, uint64 deliveredBy) internal pure returns (uint64) {
        if (seed % 2 == 0 && attested < deliveredBy) return uint64(_bound(seed, attested, deliveredBy - 1));
        uint64 from = deliveredBy > attested ? deliveredBy : attested;
        return uint64(_bound(seed, from, uint256(from) + 50));
    }

    /// @dev A second open redemption of the same pool, held to the same rule against the same attested count.
    function _confirmAnother(uint256 id, bytes32 poolId, uint256 uptime, uint64 delivered, uint256 seed) internal {
        (uint256 id2, IComputeEscrow.Redemption memory r2) = _pickOpenRedemption(seed);
        if (id2 == 0 || id2 == id) return;
        IComputeCapacityToken.Lot memory record2 = token.lot(r2.lotId);
        if (record2.poolId != poolId || uptime < record2.slaUptimeBps) return;
        _confirmOrRefuse(id2, r2, record2.provider, delivered, _actor(seed >> 8));
    }

    /// @dev Submits a report breaching the SLA and claims the refund (attested before the deadline, plain after).
    function refundOnBreach(uint256 redemptionSeed, uint256 uptime, uint256 callerSeed)
        external
        tracked("refundOnBreach")
    {
        (uint256 id, IComputeEscrow.Redemption memory r) = _pickRedemption(redemptionSeed);
        if (r.status != IComputeEscrow.RedemptionStatus.Open) return;
        IComputeCapacityToken.Lot memory record = token.lot(r.lotId);
        if (record.slaUptimeBps == 0) return;
        _submitReport(
            record.poolId, uint16(_bound(uptime, 0, record.slaUptimeBps - 1)), store.lastDelivered(record.poolId)
        );

        vm.prank(_actor(callerSeed));
        escrow.claimRefund(id);
        store.addCredit(r.holder, r.reserved);
    }

    /// @dev Lets time run past an open redemption's deadline, then anyone claims the refund (no oracle needed).
    function warpPastDeadlineAndRefund(uint256 redemptionSeed, uint256 callerSeed)
        external
        tracked("warpPastDeadlineAndRefund")
    {
        (uint256 id, IComputeEscrow.Redemption memory r) = _pickRedemption(redemptionSeed);
        if (r.status != IComputeEscrow.RedemptionStatus.Open) return;
        _warpAtLeast(uint256(r.deadline) + 1);
        vm.prank(_actor(callerSeed));
        escrow.claimRefund(id);
        store.addCredit(r.holder, r.reserved);
    }

    /// @dev Claims a refund without a new report: succeeds after the deadline or on an already attested breach,
    /// otherwise must fail with the expected error.
    function claimRefund(uint256 redemptionSeed, uint256 callerSeed) external tracked("claimRefund") {
        (uint256 id, IComputeEscrow.Redemption memory r) = _pickRedemption(redemptionSeed);
        if (r.status != IComputeEscrow.RedemptionStatus.Open) return;
        bytes memory expected = _expectedRefundError(id, r);
        vm.prank(_actor(callerSeed));
        if (expected.length != 0) {
            try escrow.claimRefund(id) {
                _fail("refund without cause");
            } catch (bytes memory err) {
                // With no report yet the escrow raises its own Escrow_NoRefundDue (the oracle's Oracle_NoReport is
                // caught; claimRefund.t.sol, test_RevertWhen_ThePoolHasNoReport).
                _assertError(err, expected);
            }
            return;
        }
        escrow.claimRefund(id);
        store.addCredit(r.holder, r.reserved);
    }

    /*//////////////////////////////////////////////////////////////
                        WITHDRAWAL AND STABLECOIN
    //////////////////////////////////////////////////////////////*/

    function withdraw(uint256 actorSeed, uint256 toSeed) external tracked("withdraw") {
        address account = _actor(actorSeed);
        address to = _actor(toSeed);
        uint256 credit = escrow.claimable(account, address(usdc));
        if (credit == 0) {
            vm.prank(account);
            try escrow.withdraw(address(usdc), to) {
                _fail("withdrew nothing");
            } catch (bytes memory err) {
                _assertError(
                    err,
                    abi.encodeWithSelector(IComputeEscrow.Escrow_NothingToWithdraw.selector, account, address(usdc))
                );
            }
            return;
        }
        if (usdc.isBlacklisted(to)) {
            vm.prank(account);
            try escrow.withdraw(address(usdc), to) {
                _fail("paid a blacklisted recipient");
            } catch (bytes memory err) {
                _assertError(err, abi.encodeWithSelector(MockUSDC.MockUSDC_Blacklisted.selector, to));
            }
            if (escrow.claimable(account, address(usdc)) != credit) _fail("credit lost");
            return;
        }
        uint256 before = usdc.balanceOf(to);
        vm.prank(account);
        escrow.withdraw(address(usdc), to);
        if (usdc.balanceOf(to) - before != credit) _fail("not paid in full");
        store.addWithdrawal(account, credit);
    }

    /// @dev Blacklists an actor in the stablecoin, then checks that another actor with a credit still withdraws.
    function blacklist(uint256 actorSeed, uint256 otherSeed) external tracked("blacklist") {
        address blocked = _actor(actorSeed);
        vm.prank(usdcOwner);
        usdc.setBlacklisted(blocked, true);

        for (uint256 i; i < actors.length; ++i) {
            address other = actors[(otherSeed % actors.length + i) % actors.length];
            uint256 credit = escrow.claimable(other, address(usdc));
            if (other == blocked || usdc.isBlacklisted(other) || credit == 0) continue;
            vm.prank(other);
            try escrow.withdraw(address(usdc), other) {
                store.addWithdrawal(other, credit);
                store.countWithdrawalDespiteBlacklist();
            } catch {
                store.flagBlacklistBlockedOther();
            }
            return;
        }
    }

    function unblacklist(uint256 actorSeed) external tracked("unblacklist") {
        vm.prank(usdcOwner);
        usdc.setBlacklisted(_actor(actorSeed), false);
    }

    /*//////////////////////////////////////////////////////////////
                               TIME, RISK
    //////////////////////////////////////////////////////////////*/

    function warp(uint256 seconds_) external tracked("warp") {
        _warpBy(_bound(seconds_, 1, 2 days));
    }

    function setLoanToValue(uint256 lotSeed, uint256 ltv) external tracked("setLoanToValue") {
        vm.prank(riskManager);
        lending.setLoanToValue(_lot(lotSeed), uint16(_bound(ltv, 0, 10_000)));
    }

    /// @dev Risk staff switch the loan-to-value cap's price index on (the suite's market, whose trades in this
    /// campaign move it) or off.
    function setPriceIndex(uint256 seed) external tracked("setPriceIndex") {
        vm.prank(riskManager);
        lending.setPriceIndex(IComputeMarket(seed % 3 == 0 ? address(0) : address(market)));
        store.countIndexSwitch();
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Confirms `id` by oracle as `caller` when the pool's attested count `delivered` reached its place in the
    /// queue, else checks the exact refusal.
    function _confirmOrRefuse(
        uint256 id,
        IComputeEscrow.Redemption memory r,
        address provider,
        uint64 delivered,
        address caller
    ) internal {
        vm.prank(caller);
        if (delivered < r.deliveredBy) {
            try escrow.confirmDeliveryByOracle(id) {
                _fail("confirmed before the pool delivered its place in the queue");
            } catch (bytes memory err) {
                _assertError(
                    err,
                    abi.encodeWithSelector(
                        IComputeEscrow.Escrow_InsufficientDeliveredHours.selector, id, delivered, r.deliveredBy
                    )
                );
            }
            store.countOracleRefusal();
            return;
        }
        escrow.confirmDeliveryByOracle(id);
        store.addCredit(provider, r.reserved);
        store.pushOracleConfirmation(id, oracle.latest(token.lot(r.lotId).poolId).deliveredGpuHours);
    }

    /// @dev The error `claimRefund` must raise for an open redemption now, or empty if a refund is due: before the
    /// deadline only a fresh report (at most REPORT_MAX_AGE old, current configuration) observed after the redemption
    /// opened and breaching the SLA makes one due (O-4).
    function _expectedRefundError(uint256 id, IComputeEscrow.Redemption memory r) internal view returns (bytes memory) {
        if (block.timestamp > r.deadline) return "";
        IComputeCapacityToken.Lot memory record = token.lot(r.lotId);
        bytes memory noRefund = abi.encodeWithSelector(IComputeEscrow.Escrow_NoRefundDue.selector, id, r.deadline);
        if (store.lastEpoch(record.poolId) == 0) return noRefund;
        IUtilizationOracle.PoolReport memory report = oracle.latest(record.poolId);
        bool fresh = block.timestamp - report.observedAt <= escrow.REPORT_MAX_AGE()
            && report.configVersion == oracle.configVersion();
        if (fresh && report.observedAt >= r.openedAt && report.uptimeBps < record.slaUptimeBps) return "";
        return noRefund;
    }

    /// @dev A quorum (2 of 3) report for `poolId` at the next epoch, observed now by the two signers, with the
    /// cumulative `delivered` (never below the pool's last count).
    function _submitReport(bytes32 poolId, uint16 uptimeBps, uint64 delivered) internal {
        uint64 epoch = store.lastEpoch(poolId) + 1;
        IUtilizationOracle.Report memory report = IUtilizationOracle.Report({
            poolId: poolId,
            epoch: epoch,
            utilizationBps: 8000,
            uptimeBps: uptimeBps,
            deliveredGpuHours: delivered,
            energyKwh: 1000 + epoch,
            curtailedGpuHours: 0,
            observedAt: uint64(block.timestamp),
            observers: 0x03,
            configVersion: oracle.configVersion()
        });
        bytes32 digest = oracle.hashReport(report);
        bytes[] memory sigs = new bytes[](2);
        for (uint256 i; i < 2; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(reporterKeys[i], digest);
            sigs[i] = abi.encodePacked(r, s, v);
        }
        oracle.submitReport(report, sigs);
        store.recordReport(poolId, epoch, delivered);
    }
}
