// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {ComputeEscrow} from "../../../src/escrow/ComputeEscrow.sol";
import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {ComputeLending} from "../../../src/lending/ComputeLending.sol";
import {ComputeMarket} from "../../../src/market/ComputeMarket.sol";
import {OrderTestLib} from "../../market/utils/OrderTestLib.sol";
import {MultiCurrencyStore} from "./MultiCurrencyStore.sol";

/// @dev What the handler needs of the suite's stablecoin doubles (MockUSDC and MockStablecoin alike).
interface ITestCoin {
    function mint(address to, uint256 amount) external;
    function setPaused(bool paused_) external;
    function balanceOf(address account) external view returns (uint256);
}

/// @notice Drives the suite across three settlement currencies (USDC and EURC with 6 decimals, a coin with 18):
/// issues lots in any of them (refused while the currency is not accepted), sells through offers, signed asks and
/// bids (one in three in the wrong currency, which must be refused), pledges, repays, claims and auctions collateral,
/// redeems with delivery or refund, posts and withdraws bonds, withdraws credits per currency, refuses and re-accepts
/// currencies mid-run, sends stablecoin to the escrow outside the flows and then tries to have a credit of another
/// currency paid out of it (as a rogue MARKET_ROLE holder: the handler), and pauses a currency to check that only its
/// defaults wait. Every action either takes a path that must succeed or one that must fail with an exact error.
/// @dev Ghost state is written to the `MultiCurrencyStore`. The admin owns every coin double (minting, pausing) and
/// holds the escrow's DEFAULT_ADMIN_ROLE (currencies).
contract MultiCurrencyHandler is Test {
    bytes16 internal constant GPU = bytes16("H100-SXM5-80GB");
    bytes16 internal constant REGION = bytes16("eu-central");

    ComputeEscrow internal immutable escrow;
    ComputeMarket internal immutable market;
    ComputeLending internal immutable lending;
    IComputeCapacityToken internal immutable token;
    MultiCurrencyStore internal immutable store;
    address internal immutable admin;
    address internal immutable provider;
    bytes32 internal immutable pool;

    address[3] internal currencies;
    /// @dev Each currency's reference price per unit, in its base units.
    uint256[3] internal prices;
    address[] internal actors;
    mapping(address actor => uint256) internal keys;
    uint256 internal nonce;

    /// @dev How many times each action ran (including the runs that returned early).
    mapping(bytes32 action => uint256) public calls;

    /// @dev The deployed suite and its parties.
    struct Setup {
        ComputeEscrow escrow;
        ComputeMarket market;
        ComputeLending lending;
        address admin;
        address provider;
        bytes32 pool;
        address[3] currencies;
        uint256[3] prices;
        address[] actors;
        uint256[] actorKeys;
    }

    constructor(Setup memory s, MultiCurrencyStore store_) {
        escrow = s.escrow;
        market = s.market;
        lending = s.lending;
        token = s.escrow.TOKEN();
        store = store_;
        admin = s.admin;
        provider = s.provider;
        pool = s.pool;
        currencies = s.currencies;
        prices = s.prices;
        actors = s.actors;
        for (uint256 i; i < s.actors.length; ++i) {
            keys[s.actors[i]] = s.actorKeys[i];
        }
    }

    /// @dev Counts the call and, first, keeps a lot of every accepted currency open for at least five more days (time
    /// jumps past lots' ends to refund or default), so that every action keeps finding lots to act on.
    modifier counted(bytes32 action) {
        calls[action]++;
        _keepLotsLive();
        _;
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    /// @dev Another actor than `not`.
    function _otherActor(uint256 seed, address not) internal view returns (address a) {
        a = _actor(seed);
        if (a == not) a = actors[(seed % actors.length + 1) % actors.length];
    }

    function _currencyIndex(address currency) internal view returns (uint256 i) {
        for (; i < 3; ++i) {
            if (currencies[i] == currency) return i;
        }
        revert("unknown currency");
    }

    function _accepted(address currency) internal view returns (bool accepted) {
        (accepted,) = escrow.currencyInfo(currency);
    }

    /// @dev The lot picked by `seed`: the first from it on (wrapping) whose window is open at least `margin` more
    /// seconds, or 0 when none is.
    function _liveLot(uint256 seed, uint256 margin) internal view returns (uint256 lotId, address currency) {
        uint256 n = store.lotCount();
        for (uint256 i; i < n; ++i) {
            lotId = store.lotIds((seed % n + i) % n);
            if (block.timestamp + margin < token.lot(lotId).endsAt) return (lotId, escrow.currencyOf(lotId));
        }
        return (0, address(0));
    }

    function _unlocked(address account, uint256 lotId) internal view returns (uint256) {
        return token.balanceOf(account, lotId) - token.lockedBalanceOf(account, lotId);
    }

    /// @dev Mints `account` what it lacks of `currency` to hold `amount`.
    function _topUp(address currency, address account, uint256 amount) internal {
        uint256 balance = ITestCoin(currency).balanceOf(account);
        if (balance >= amount) return;
        vm.prank(admin);
        ITestCoin(currency).mint(account, amount - balance);
    }

    /// @dev A price per unit around the currency's reference price (up to four times it).
    function _price(uint256 seed, address currency) internal view returns (uint256) {
        return _bound(seed, 1, 4 * prices[_currencyIndex(currency)]);
    }

    function _count(bytes32 flow, address currency) internal {
        store.countFlow(flow, currency, !_accepted(currency));
    }

    function _expectError(bytes memory err, bytes memory expected) internal pure {
        if (keccak256(err) != keccak256(expected)) assertEq(err, expected, "unexpected revert");
    }

    function _sign(address account, bytes32 digest) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[account], digest);
        return OrderTestLib.packSignature(v, r, s);
    }

    /*//////////////////////////////////////////////////////////////
                          ISSUANCE AND CURRENCIES
    //////////////////////////////////////////////////////////////*/

    /// @dev The provider issues a new lot in a random currency to an actor: refused with Escrow_CurrencyNotAccepted
    /// while the currency is not accepted, else bonded in full in it.
    function issueLot(uint256 currencySeed, uint256 units, uint256 holderSeed) external counted("issueLot") {
        address currency = currencies[currencySeed % 3];
        units = _bound(units, 1, 500);
        IComputeCapacityToken.LotSpec memory spec = _newSpec(currencySeed % 3);
        if (!_accepted(currency)) {
            vm.prank(provider);
            try token.issueLot(spec, _actor(holderSeed), units) {
                _fail("issued a lot in a currency not accepted");
            } catch (bytes memory err) {
                _expectError(err, abi.encodeWithSelector(IComputeEscrow.Escrow_CurrencyNotAccepted.selector, currency));
            }
            store.countFlow("newLotRefused", currency, true);
            return;
        }
        _topUp(currency, provider, units * spec.referencePrice);
        vm.prank(provider);
        uint256 lotId = token.issueLot(spec, _actor(holderSeed), units);
        store.pushLot(lotId, currency);
        _count("issueLot", currency);
    }

    /// @dev A fresh spec on the pool in currency `c`, open for 20 days from now.
    function _newSpec(uint256 c) internal returns (IComputeCapacityToken.LotSpec memory) {
        return IComputeCapacityToken.LotSpec({
            provider: provider,
            poolId: pool,
            gpuModel: GPU,
            region: REGION,
            startsAt: uint40(block.timestamp),
            endsAt: uint40(block.timestamp + 20 days),
            referencePrice: uint96(prices[c]),
            slaUptimeBps: 9900,
            bondCoverageBps: 10_000,
            energyWhPerGpuHour: 700,
            metadataHash: keccak256(abi.encode("multi-currency lot", ++nonce)),
            currency: currencies[c]
        });
    }

    /// @dev For every accepted currency without a lot open five more days, the provider issues one (600 units) and
    /// hands 150 to each other actor.
    function _keepLotsLive() internal {
        uint256 n = store.lotCount();
        for (uint256 c; c < 3; ++c) {
            if (!_accepted(currencies[c])) continue;
            bool live;
            for (uint256 i; i < n && !live; ++i) {
                uint256 id = store.lotIds(i);
                live = escrow.currencyOf(id) == currencies[c] && block.timestamp + 5 days < token.lot(id).endsAt;
            }
            if (live) continue;
            IComputeCapacityToken.LotSpec memory spec = _newSpec(c);
            _topUp(currencies[c], provider, 600 * spec.referencePrice);
            vm.startPrank(provider);
            uint256 lotId = token.issueLot(spec, provider, 600);
            for (uint256 a; a < actors.length; ++a) {
                if (actors[a] != provider) token.safeTransferFrom(provider, actors[a], lotId, 150, "");
            }
            vm.stopPrank();
            store.pushLot(lotId, currencies[c]);
            _count("issueLot", currencies[c]);
        }
    }

    /// @dev The provider issues more units of a live lot; the bond is pulled in the lot's currency, accepted or not.
    function issueMore(uint256 lotSeed, uint256 units, uint256 toSeed) external counted("issueMore") {
        (uint256 lotId, address currency) = _liveLot(lotSeed, 0);
        if (lotId == 0) return;
        units = _bound(units, 1, 200);
        _topUp(currency, provider, units * token.lot(lotId).referencePrice);
        vm.prank(provider);
        token.issue(lotId, _actor(toSeed), units);
        _count("issueMore", currency);
    }

    /// @dev The admin refuses or re-accepts one of the three currencies; lots already in it keep settling.
    function setAccepted(uint256 currencySeed, bool accepted) external counted("setAccepted") {
        address currency = currencies[currencySeed % 3];
        vm.prank(admin);
        escrow.setCurrencyAccepted(currency, accepted);
        store.countFlow(accepted ? bytes32("accept") : bytes32("refuse"), currency, false);
    }

    /*//////////////////////////////////////////////////////////////
                                  SALES
    //////////////////////////////////////////////////////////////*/

    /// @dev An actor lists units of a live lot and another buys them at once, paying in the lot's currency.
    function buy(uint256 lotSeed, uint256 sellerSeed, uint256 buyerSeed, uint256 units, uint256 price)
        external
        counted("buy")
    {
        (uint256 lotId, address currency) = _liveLot(lotSeed, 0);
        if (lotId == 0) return;
        address seller = _actor(sellerSeed);
        address buyer = _otherActor(buyerSeed, seller);
        uint256 free = _unlocked(seller, lotId);
        if (free == 0) return;
        units = _bound(units, 1, free);
        price = _price(price, currency);
        _topUp(currency, buyer, units * price);

        uint40 lotEndsAt = token.lot(lotId).endsAt;
        vm.prank(seller);
        uint256 offerId = market.createOffer(lotId, units, price, lotEndsAt);
        vm.prank(buyer);
        market.purchase(offerId, units, price);
        store.addCredit(seller, currency, units * price);
        _count("sale", currency);
    }

    /// @dev A seller signs an ask of a live lot and a buyer fills it; one time in three the ask names another currency
    /// than the lot's, which must be refused with Market_CurrencyMismatch after the signature checks out.
    function fillAsk(uint256 lotSeed, uint256 sellerSeed, uint256 buyerSeed, uint256 units, uint256 price)
        external
        counted("fillAsk")
    {
        (uint256 lotId, address currency) = _liveLot(lotSeed, 0);
        if (lotId == 0) return;
        address seller = _actor(sellerSeed);
        address buyer = _otherActor(buyerSeed, seller);
        uint256 free = _unlocked(seller, lotId);
        if (free == 0) return;
        units = _bound(units, 1, free);
        IComputeMarket.Ask memory ask = IComputeMarket.Ask({
            seller: seller,
            lotId: lotId,
            units: uint64(units),
            pricePerUnit: uint96(_price(price, currency)),
            currency: currency,
            expiry: token.lot(lotId).endsAt,
            salt: ++nonce,
            counter: market.orderCounter(seller)
        });
        if (price % 3 == 0) {
            ask.currency = currencies[(_currencyIndex(currency) + 1 + (price >> 8) % 2) % 3];
            bytes32 wrongHash = OrderTestLib.askDigest(address(market), ask);
            bytes memory wrongSig = _sign(seller, wrongHash);
            vm.prank(buyer);
            try market.fillAsk(ask, wrongSig, units) {
                store.flagCrossCredit();
            } catch (bytes memory err) {
                _expectError(
                    err,
                    abi.encodeWithSelector(
                        IComputeMarket.Market_CurrencyMismatch.selector, wrongHash, ask.currency, currency
                    )
                );
            }
            _count("askCurrencyRefused", currency);
            return;
        }
        bytes memory sig = _sign(seller, OrderTestLib.askDigest(address(market), ask));
        uint256 cost = units * ask.pricePerUnit;
        _topUp(currency, buyer, cost);
        vm.prank(buyer);
        market.fillAsk(ask, sig, units);
        store.addCredit(seller, currency, cost);
        _count("fillAsk", currency);
    }

    /// @dev A buyer signs a bid for the pool's GPU model and region and a seller fills it from a live lot; one time
    /// in three the bid names another currency than the lot's, which must be refused naming BidCriterion.Currency.
    function fillBid(uint256 lotSeed, uint256 sellerSeed, uint256 buyerSeed, uint256 units, uint256 price)
        external
        counted("fillBid")
    {
        (uint256 lotId, address currency) = _liveLot(lotSeed, 0);
        if (lotId == 0) return;
        address seller = _actor(sellerSeed);
        address buyer = _otherActor(buyerSeed, seller);
        uint256 free = _unlocked(seller, lotId);
        if (free == 0) return;
        units = _bound(units, 1, free);
        IComputeMarket.Bid memory bid;
        bid.buyer = buyer;
        bid.gpuModel = GPU;
        bid.region = REGION;
        bid.currency = currency;
        bid.pricePerUnit = uint96(_price(price, currency));
        bid.units = uint64(units);
        bid.expiry = token.lot(lotId).endsAt;
        bid.salt = ++nonce;
        bid.counter = market.orderCounter(buyer);
        if (price % 3 == 0) {
            bid.currency = currencies[(_currencyIndex(currency) + 1 + (price >> 8) % 2) % 3];
            bytes32 wrongHash = OrderTestLib.bidDigest(address(market), bid);
            bytes memory wrongSig = _sign(buyer, wrongHash);
            vm.prank(seller);
            try market.fillBid(bid, wrongSig, lotId, units) {
                store.flagCrossCredit();
            } catch (bytes memory err) {
                _expectError(
                    err,
                    abi.encodeWithSelector(
                        IComputeMarket.Market_LotDoesNotMatchBid.selector,
                        wrongHash,
                        lotId,
                        IComputeMarket.BidCriterion.Currency
                    )
                );
            }
            _count("bidCurrencyRefused", currency);
            return;
        }
        bytes memory sig = _sign(buyer, OrderTestLib.bidDigest(address(market), bid));
        uint256 cost = units * bid.pricePerUnit;
        _topUp(currency, buyer, cost);
        vm.prank(seller);
        market.fillBid(bid, sig, lotId, units);
        store.addCredit(seller, currency, cost);
        _count("fillBid", currency);
    }

    /*//////////////////////////////////////////////////////////////
                                 PLEDGES
    //////////////////////////////////////////////////////////////*/

    /// @dev A holder pledges units of a live lot, open to any lender, maturing within a few days.
    function requestPledge(uint256 holderSeed, uint256 lotSeed, uint256 units, uint256 principal, uint256 fee)
        external
        counted("requestPledge")
    {
        (uint256 lotId, address currency) = _liveLot(lotSeed, lending.MIN_REPAY_WINDOW() + lending.MATURITY_MARGIN());
        if (lotId == 0) return;
        address holder = _actor(holderSeed);
        uint256 free = _unlocked(holder, lotId);
        if (free == 0) return;
        units = _bound(units, 1, free);
        uint256 cap = lending.maxPrincipal(lotId, units);
        if (cap == 0) return;
        principal = _bound(principal, 1, cap);
        fee = _bound(fee, 0, principal / 10);
        uint40 maturity = _maturity(principal ^ fee, token.lot(lotId).endsAt);
        vm.prank(holder);
        store.pushPledge(lending.requestPledge(lotId, units, address(0), principal, fee, maturity));
        _count("requestPledge", currency);
    }

    /// @dev A maturity from MIN_REPAY_WINDOW to three days later, and at the latest MATURITY_MARGIN before `lotEndsAt`.
    function _maturity(uint256 seed, uint40 lotEndsAt) internal view returns (uint40) {
        uint256 earliest = block.timestamp + lending.MIN_REPAY_WINDOW();
        uint256 latest = uint256(lotEndsAt) - lending.MATURITY_MARGIN();
        if (earliest + 3 days < latest) latest = earliest + 3 days;
        return uint40(_bound(seed, earliest, latest));
    }

    function _pickPledge(uint256 seed, IComputeLending.PledgeStatus status)
        internal
        view
        returns (uint256 pledgeId, IComputeLending.Pledge memory p)
    {
        uint256 n = store.pledgeCount();
        for (uint256 i; i < n; ++i) {
            pledgeId = store.pledgeIds((seed % n + i) % n);
            p = lending.pledge(pledgeId);
            if (p.status == status) return (pledgeId, p);
        }
        IComputeLending.Pledge memory none;
        return (0, none);
    }

    /// @dev Another actor funds a requested pledge in its lot's currency (refused once too close to maturity).
    function fundPledge(uint256 pledgeSeed, uint256 funderSeed) external counted("fundPledge") {
        (uint256 pledgeId, IComputeLending.Pledge memory p) =
            _pickPledge(pledgeSeed, IComputeLending.PledgeStatus.Requested);
        if (pledgeId == 0) return;
        address funder = _otherActor(funderSeed, p.holder);
        address currency = escrow.currencyOf(p.lotId);
        uint256 fundBy = p.maturity - lending.MIN_REPAY_WINDOW();
        if (block.timestamp > fundBy) {
            vm.prank(funder);
            try lending.fundPledge(pledgeId) {
                _fail("funded a stale request");
            } catch (bytes memory err) {
                _expectError(
                    err, abi.encodeWithSelector(IComputeLending.Lending_PledgeRequestExpired.selector, pledgeId, fundBy)
                );
            }
            return;
        }
        _topUp(currency, funder, p.principal);
        vm.prank(funder);
        lending.fundPledge(pledgeId);
        store.addCredit(p.holder, currency, p.principal);
        _count("fundPledge", currency);
    }

    /// @dev Anyone repays an active pledge in its lot's currency; the lender is credited principal + fee.
    function repay(uint256 pledgeSeed, uint256 payerSeed) external counted("repay") {
        (uint256 pledgeId, IComputeLending.Pledge memory p) =
            _pickPledge(pledgeSeed, IComputeLending.PledgeStatus.Active);
        if (pledgeId == 0) return;
        address currency = escrow.currencyOf(p.lotId);
        address payer = _actor(payerSeed);
        uint256 owed = uint256(p.principal) + p.fee;
        _topUp(currency, payer, owed);
        vm.prank(payer);
        lending.repay(pledgeId);
        store.addCredit(p.lender, currency, owed);
        _count("repay", currency);
    }

    /// @dev The error a default action on `p` must raise now (not matured, or within its currency's cure), or empty.
    function _defaultError(uint256 pledgeId, IComputeLending.Pledge memory p) internal view returns (bytes memory) {
        if (block.timestamp < p.maturity) {
            return abi.encodeWithSelector(IComputeLending.Lending_PledgeNotMatured.selector, pledgeId, p.maturity);
        }
        uint256 seenAt = lending.settlementPauseSeenAt(escrow.currencyOf(p.lotId));
        if (seenAt != 0 && block.timestamp < seenAt + lending.SETTLEMENT_CURE()) {
            return
                abi.encodeWithSelector(
                    IComputeLending.Lending_SettlementCure.selector, seenAt + lending.SETTLEMENT_CURE()
                );
        }
        return "";
    }

    /// @dev The lender of an active pledge takes the collateral: refused before maturity and within the cure of a pause
    /// of the lot's currency (a pause of another currency changes nothing).
    function claimCollateral(uint256 pledgeSeed, bool warpToMaturity) external counted("claimCollateral") {
        (uint256 pledgeId, IComputeLending.Pledge memory p) =
            _pickPledge(pledgeSeed, IComputeLending.PledgeStatus.Active);
        if (pledgeId == 0) return;
        if (warpToMaturity && block.timestamp < p.maturity) vm.warp(p.maturity);
        bytes memory expected = _defaultError(pledgeId, p);
        vm.prank(p.lender);
        if (expected.length != 0) {
            try lending.claimCollateral(pledgeId) {
                _fail("claimed collateral that must wait");
            } catch (bytes memory err) {
                _expectError(err, expected);
            }
            return;
        }
        lending.claimCollateral(pledgeId);
        _count("claimCollateral", escrow.currencyOf(p.lotId));
    }

    /// @dev The lender auctions a matured pledge's collateral for two hours and an actor buys it all an hour in: the
    /// proceeds are credited to the lender (up to principal + fee) and the holder, in the lot's currency.
    function auctionCollateral(uint256 pledgeSeed, uint256 startPrice, uint256 buyerSeed)
        external
        counted("auctionCollateral")
    {
        (uint256 pledgeId, IComputeLending.Pledge memory p) =
            _pickPledge(pledgeSeed, IComputeLending.PledgeStatus.Active);
        if (pledgeId == 0) return;
        if (block.timestamp < p.maturity) vm.warp(p.maturity);
        if (_defaultError(pledgeId, p).length != 0) return;
        if (block.timestamp + 2 hours > uint256(token.lot(p.lotId).endsAt) - lending.MATURITY_MARGIN()) return;
        address currency = escrow.currencyOf(p.lotId);
        startPrice = _price(startPrice, currency);
        vm.prank(p.lender);
        lending.startCollateralAuction(pledgeId, startPrice, startPrice, 2 hours);

        skip(1 hours);
        address buyer = _actor(buyerSeed);
        uint256 cost = uint256(p.units) * startPrice;
        _topUp(currency, buyer, cost);
        vm.prank(buyer);
        lending.buyCollateral(pledgeId, p.units, startPrice);
        uint256 owed = uint256(p.principal) + p.fee;
        uint256 toLender = cost < owed ? cost : owed;
        store.addCredit(p.lender, currency, toLender);
        store.addCredit(p.holder, currency, cost - toLender);
        _count("auctionCollateral", currency);
    }

    /// @dev A currency pauses: a matured pledge in it cannot be claimed while the pause lasts, anyone records the pause
    /// (another, unpaused currency cannot be recorded), and the currency unpauses at the end of the action; its cure
    /// then holds its defaults for SETTLEMENT_CURE (checked by `claimCollateral`).
    function pauseCurrency(uint256 currencySeed, uint256 pledgeSeed) external counted("pauseCurrency") {
        address currency = currencies[currencySeed % 3];
        address other = currencies[(currencySeed % 3 + 1) % 3];
        vm.prank(admin);
        ITestCoin(currency).setPaused(true);

        (uint256 pledgeId, IComputeLending.Pledge memory p) =
            _pickPledge(pledgeSeed, IComputeLending.PledgeStatus.Active);
        if (pledgeId != 0 && escrow.currencyOf(p.lotId) == currency && block.timestamp >= p.maturity) {
            vm.prank(p.lender);
            try lending.claimCollateral(pledgeId) {
                _fail("claimed collateral while its currency is paused");
            } catch (bytes memory err) {
                _expectError(err, abi.encodeWithSelector(IComputeLending.Lending_SettlementPaused.selector, currency));
            }
            _count("pauseBlockedDefault", currency);
        }
        lending.recordSettlementPause(currency);
        try lending.recordSettlementPause(other) {
            _fail("recorded a pause of a currency that is not paused");
        } catch (bytes memory err) {
            _expectError(err, abi.encodeWithSelector(IComputeLending.Lending_SettlementNotPaused.selector, other));
        }
        vm.prank(admin);
        ITestCoin(currency).setPaused(false);
        _count("pause", currency);
    }

    /*//////////////////////////////////////////////////////////////
                           REDEMPTIONS AND BONDS
    //////////////////////////////////////////////////////////////*/

    /// @dev A holder redeems units of a live lot: their refund value is reserved in the lot's currency.
    function redeem(uint256 holderSeed, uint256 lotSeed, uint256 units) external counted("redeem") {
        (uint256 lotId, address currency) = _liveLot(lotSeed, 0);
        if (lotId == 0) return;
        address holder = _actor(holderSeed);
        uint256 free = _unlocked(holder, lotId);
        if (free == 0) return;
        units = _bound(units, 1, free);
        vm.prank(holder);
        store.pushRedemption(escrow.redeem(lotId, units));
        _count("redeem", currency);
    }

    function _pickOpenRedemption(uint256 seed)
        internal
        view
        returns (uint256 redemptionId, IComputeEscrow.Redemption memory r)
    {
        uint256 n = store.redemptionCount();
        for (uint256 i; i < n; ++i) {
            redemptionId = store.redemptionIds((seed % n + i) % n);
            r = escrow.redemption(redemptionId);
            if (r.status == IComputeEscrow.RedemptionStatus.Open) return (redemptionId, r);
        }
        IComputeEscrow.Redemption memory none;
        return (0, none);
    }

    /// @dev The holder confirms delivery of an open redemption: its reserve is credited to the provider in the lot's
    /// currency.
    function confirmDelivery(uint256 redemptionSeed) external counted("confirmDelivery") {
        (uint256 id, IComputeEscrow.Redemption memory r) = _pickOpenRedemption(redemptionSeed);
        if (id == 0) return;
        vm.prank(r.holder);
        escrow.confirmDelivery(id);
        address currency = escrow.currencyOf(r.lotId);
        store.addCredit(provider, currency, r.reserved);
        _count("delivered", currency);
    }

    /// @dev Time runs past an open redemption's deadline and anyone claims its refund, credited to the holder in the
    /// lot's currency.
    function refundAfterDeadline(uint256 redemptionSeed, uint256 callerSeed) external counted("refundAfterDeadline") {
        (uint256 id, IComputeEscrow.Redemption memory r) = _pickOpenRedemption(redemptionSeed);
        if (id == 0) return;
        if (block.timestamp <= r.deadline) vm.warp(uint256(r.deadline) + 1);
        vm.prank(_actor(callerSeed));
        escrow.claimRefund(id);
        address currency = escrow.currencyOf(r.lotId);
        store.addCredit(r.holder, currency, r.reserved);
        _count("refunded", currency);
    }

    /// @dev An actor adds to a lot's bond, in the lot's currency.
    function postBond(uint256 lotSeed, uint256 actorSeed, uint256 amount) external counted("postBond") {
        uint256 n = store.lotCount();
        uint256 lotId = store.lotIds(lotSeed % n);
        address currency = escrow.currencyOf(lotId);
        address from = _actor(actorSeed);
        amount = _bound(amount, 1, 100 * prices[_currencyIndex(currency)]);
        _topUp(currency, from, amount);
        vm.prank(from);
        escrow.postBond(lotId, amount);
        _count("postBond", currency);
    }

    /// @dev The provider withdraws free bond of a lot once nobody may redeem it any more; refused before.
    function withdrawBond(uint256 lotSeed, uint256 amount) external counted("withdrawBond") {
        uint256 n = store.lotCount();
        uint256 lotId = store.lotIds(lotSeed % n);
        IComputeCapacityToken.Lot memory record = token.lot(lotId);
        uint40 unlocksAt = block.timestamp < record.endsAt ? record.endsAt : token.redeemableUntil(lotId);
        if (block.timestamp < unlocksAt) {
            vm.prank(provider);
            try escrow.withdrawBond(lotId, 1) {
                _fail("bond withdrawn while holders may redeem");
            } catch (bytes memory err) {
                _expectError(err, abi.encodeWithSelector(IComputeEscrow.Escrow_BondLocked.selector, lotId, unlocksAt));
            }
            return;
        }
        (uint256 total, uint256 reserved) = escrow.bondOf(lotId);
        if (total == reserved) return;
        amount = _bound(amount, 1, total - reserved);
        address currency = escrow.currencyOf(lotId);
        uint256 before = ITestCoin(currency).balanceOf(provider);
        vm.prank(provider);
        escrow.withdrawBond(lotId, amount);
        if (ITestCoin(currency).balanceOf(provider) - before != amount) _fail("bond not paid in the lot's currency");
        _count("withdrawBond", currency);
    }

    /*//////////////////////////////////////////////////////////////
                         WITHDRAWALS AND ATTACKS
    //////////////////////////////////////////////////////////////*/

    /// @dev An actor withdraws its credit in a random currency (half the time one it has a credit in): paid exactly
    /// that, in that currency only; refused when it has none there (whatever it has elsewhere).
    function withdraw(uint256 actorSeed, uint256 currencySeed) external counted("withdraw") {
        address account = _actor(actorSeed);
        address currency = currencies[currencySeed % 3];
        // Half the time, the first currency from the pick on in which the account has a credit (if any).
        for (uint256 i; i < 3 && currencySeed % 2 == 0; ++i) {
            address candidate = currencies[(currencySeed % 3 + i) % 3];
            if (escrow.claimable(account, candidate) != 0) {
                currency = candidate;
                break;
            }
        }
        uint256 credit = escrow.claimable(account, currency);
        if (credit != store.owed(account, currency)) _fail("credit differs from the ghost ledger");
        if (credit == 0) {
            vm.prank(account);
            try escrow.withdraw(currency, account) {
                _fail("withdrew nothing");
            } catch (bytes memory err) {
                _expectError(
                    err, abi.encodeWithSelector(IComputeEscrow.Escrow_NothingToWithdraw.selector, account, currency)
                );
            }
            return;
        }
        uint256[3] memory before;
        for (uint256 i; i < 3; ++i) {
            before[i] = ITestCoin(currencies[i]).balanceOf(account);
        }
        vm.prank(account);
        escrow.withdraw(currency, account);
        for (uint256 i; i < 3; ++i) {
            uint256 paid = ITestCoin(currencies[i]).balanceOf(account) - before[i];
            if (paid != (currencies[i] == currency ? credit : 0)) store.flagCrossCredit();
        }
        store.addWithdrawal(account, currency, credit);
        _count("withdraw", currency);
    }

    /// @dev Stablecoin is sent to the escrow outside every flow (owed to no one); then the handler, a rogue
    /// MARKET_ROLE holder, asks for a credit of a lot in another currency beyond that currency's own surplus: it must
    /// be refused with that currency's surplus, however large the donation.
    function donateThenCrossCredit(uint256 currencySeed, uint256 amount, uint256 lotSeed, uint256 askSeed)
        external
        counted("donateThenCrossCredit")
    {
        address currency = currencies[currencySeed % 3];
        amount = _bound(amount, 1, 1000 * prices[currencySeed % 3]);
        vm.prank(admin);
        ITestCoin(currency).mint(address(escrow), amount);
        store.addDonation(currency, amount);

        uint256 n = store.lotCount();
        uint256 lotId;
        address lotCurrency;
        for (uint256 i; i < n; ++i) {
            lotId = store.lotIds((lotSeed % n + i) % n);
            lotCurrency = escrow.currencyOf(lotId);
            if (lotCurrency != currency) break;
        }
        if (lotCurrency == currency) return;
        (uint256 balance, uint256 obligations) = escrow.solvency(lotCurrency);
        uint256 surplus = balance > obligations ? balance - obligations : 0;
        uint256 ask = surplus + _bound(askSeed, 1, amount);
        try escrow.creditSale(address(this), lotId, ask) {
            store.flagCrossCredit();
        } catch (bytes memory err) {
            _expectError(err, abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, ask, surplus));
        }
        _count("crossCreditRefused", lotCurrency);
    }

    /// @dev Lets time pass, up to two days.
    function warp(uint256 seconds_) external counted("warp") {
        skip(_bound(seconds_, 1, 2 days));
    }

    function _fail(string memory reason) internal pure {
        assertTrue(false, reason);
    }
}
