// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

import {IComputeCapacityToken} from "../interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../interfaces/IComputeEscrow.sol";
import {IComputeMarket} from "../interfaces/IComputeMarket.sol";
import {BondMath} from "../libraries/BondMath.sol";

/// @title ComputeMarket
/// @notice Fixed-price offers and Dutch auctions of compute lots, EIP-712 signed orders (asks for a lot, bids by
/// criteria: an off-chain order book, settled on chain), all delivery versus payment, and a price index per
/// (GPU model, region, currency) that every sale updates.
/// @dev Holds no money: a buyer's payment goes straight from the buyer into the escrow (the suite's single
/// custodian), which credits the seller through `creditSale` (MARKET_ROLE) only out of what arrived; the units move
/// from the seller's wallet, the market being the seller's ERC-1155 operator. The token checks both sides of the
/// move (allowlist, freeze, pause, locked units), so a sale passes the same compliance as any transfer. Signed orders
/// are bound to this chain and this contract (EIP-712 domain), filled in parts up to their units, and cancelled one by
/// one or all at once (the maker's counter).
contract ComputeMarket is IComputeMarket, AccessControlDefaultAdminRules, ReentrancyGuardTransient, EIP712 {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the price index's averaging window.
    bytes32 public constant RISK_ROLE = keccak256("RISK_ROLE");
    /// @notice The shortest averaging window of the price index.
    uint32 public constant MIN_INDEX_WINDOW = 1 hours;
    /// @notice The longest averaging window of the price index.
    uint32 public constant MAX_INDEX_WINDOW = 90 days;

    /// @notice The EIP-712 type hash of `Ask`.
    bytes32 public constant ASK_TYPEHASH = keccak256(
        "Ask(address seller,uint256 lotId,uint64 units,uint96 pricePerUnit,address currency,uint40 expiry,uint256 salt,uint256 counter)"
    );
    /// @notice The EIP-712 type hash of `Bid`.
    bytes32 public constant BID_TYPEHASH = keccak256(
        "Bid(address buyer,bytes16 gpuModel,bytes16 region,uint40 deliveryFrom,uint40 deliveryUntil,uint16 minSlaBps,uint32 maxWhPerGpuHour,uint96 minUnitCover,address currency,uint96 pricePerUnit,uint64 units,uint40 expiry,uint256 salt,uint256 counter)"
    );

    /// @notice The compute-capacity token.
    IComputeCapacityToken public immutable TOKEN;
    /// @notice The escrow that receives payments and credits sellers; it also knows each lot's currency.
    IComputeEscrow public immutable ESCROW;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev The index key of lots whose trades the index skips (interruptible lots).
    bytes32 private constant _NO_INDEX = bytes32(uint256(1));

    uint256 private _nextOfferId = 1;
    uint32 private _indexWindow;

    mapping(uint256 offerId => Offer) private _offers;
    mapping(bytes32 key => PricePoint) private _index;
    /// @dev A lot's index key, recorded when its first offer is listed (a lot's GPU model and region never change);
    /// `_NO_INDEX` for an interruptible lot, whose discounted trades must not move the firm index.
    mapping(uint256 lotId => bytes32 key) private _lotKeys;

    /// @dev A signed order's fills and cancellation, by its EIP-712 digest.
    struct OrderState {
        uint64 filled;
        bool cancelled;
    }

    mapping(bytes32 orderHash => OrderState) private _orderStates;
    mapping(address account => uint256) private _orderCounters;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed over in two steps after `adminDelay`) and RISK_ROLE.
    /// @param adminDelay Seconds a default-admin hand-over must wait.
    /// @param escrow The escrow (this market needs its MARKET_ROLE); the token is the escrow's, and every sale settles
    /// in its lot's currency as the escrow records it.
    /// @param indexWindowSeconds The price index's averaging window.
    constructor(address admin, uint48 adminDelay, IComputeEscrow escrow, uint32 indexWindowSeconds)
        AccessControlDefaultAdminRules(adminDelay, admin)
        EIP712("RwaCompute ComputeMarket", "1")
    {
        if (address(escrow) == address(0)) revert Market_ZeroEscrow();
        ESCROW = escrow;
        TOKEN = escrow.TOKEN();
        _setIndexWindow(indexWindowSeconds);
        _grantRole(RISK_ROLE, admin);
    }

    /*//////////////////////////////////////////////////////////////
                                 OFFERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeMarket
    function createOffer(uint256 lotId, uint256 units, uint256 pricePerUnit, uint40 expiresAt)
        external
        returns (uint256 offerId)
    {
        return _list(lotId, units, pricePerUnit, pricePerUnit, uint40(block.timestamp), expiresAt);
    }

    /// @inheritdoc IComputeMarket
    function createAuction(
        uint256 lotId,
        uint256 units,
        uint256 startPrice,
        uint256 floorPrice,
        uint40 startsAt,
        uint40 endsAt
    ) external returns (uint256 offerId) {
        if (floorPrice > startPrice) revert Market_FloorAboveStart(startPrice, floorPrice);
        return _list(lotId, units, startPrice, floorPrice, startsAt, endsAt);
    }

    /// @inheritdoc IComputeMarket
    function cancelOffer(uint256 offerId) external {
        Offer storage o = _offers[offerId];
        if (o.seller == address(0)) revert Market_UnknownOffer(offerId);
        if (o.seller != msg.sender) revert Market_NotOfferSeller(offerId, msg.sender);
        if (o.cancelled) revert Market_OfferCancelled(offerId);
        o.cancelled = true;
        emit OfferCancelled(offerId);
    }

    /// @inheritdoc IComputeMarket
    function purchase(uint256 offerId, uint256 units, uint256 maxPricePerUnit) external nonReentrant {
        _purchase(offerId, units, maxPricePerUnit);
    }

    /// @inheritdoc IComputeMarket
    function purchaseWithPermit(
        uint256 offerId,
        uint256 units,
        uint256 maxPricePerUnit,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        // An overflowing limit permits nothing; `_purchase` then reverts with the offer's own error, or the transfer
        // with the token's. A failed permit is ignored: a front-runner may have used it already, in which case the
        // allowance is there (OpenZeppelin's guidance).
        uint256 value = units <= type(uint64).max && maxPricePerUnit <= type(uint96).max ? units * maxPricePerUnit : 0;
        // The permit is for the offer's lot's currency; an unknown offer has none (and `_purchase` reverts).
        address currency = ESCROW.currencyOf(_offers[offerId].lotId);
        if (currency != address(0)) {
            try IERC20Permit(currency).permit(msg.sender, address(this), value, deadline, v, r, s) {} catch {}
        }
        _purchase(offerId, units, maxPricePerUnit);
    }

    /*//////////////////////////////////////////////////////////////
                              SIGNED ORDERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeMarket
    function fillAsk(Ask calldata ask, bytes calldata signature, uint256 units) external nonReentrant {
        bytes32 orderHash = _hashAsk(ask);
        _takeOrder(orderHash, ask.seller, ask.expiry, ask.counter, ask.units, units, signature);
        _settle(
            orderHash, ask.seller, ask.seller, msg.sender, ask.lotId, units, ask.pricePerUnit, ask.currency, bytes32(0)
        );
    }

    /// @inheritdoc IComputeMarket
    function fillBid(Bid calldata bid, bytes calldata signature, uint256 lotId, uint256 units) external nonReentrant {
        bytes32 orderHash = _hashBid(bid);
        _takeOrder(orderHash, bid.buyer, bid.expiry, bid.counter, bid.units, units, signature);
        bytes32 key = _requireMatch(orderHash, bid, lotId);
        _settle(orderHash, bid.buyer, msg.sender, bid.buyer, lotId, units, bid.pricePerUnit, bid.currency, key);
    }

    /// @inheritdoc IComputeMarket
    function cancelAsk(Ask calldata ask) external {
        _cancel(_hashAsk(ask), ask.seller);
    }

    /// @inheritdoc IComputeMarket
    function cancelBid(Bid calldata bid) external {
        _cancel(_hashBid(bid), bid.buyer);
    }

    /// @inheritdoc IComputeMarket
    function incrementOrderCounter() external returns (uint256 counter) {
        counter = ++_orderCounters[msg.sender];
        emit OrderCounterIncremented(msg.sender, counter);
    }

    /*//////////////////////////////////////////////////////////////
                                  ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeMarket
    function setIndexWindow(uint32 windowSeconds) external onlyRole(RISK_ROLE) {
        _setIndexWindow(windowSeconds);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice ERC-165: also declares `IComputeMarket`.
    /// @param interfaceId The interface id.
    /// @return Whether it is supported.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IComputeMarket).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IComputeMarket
    function offer(uint256 offerId) external view returns (Offer memory) {
        return _offers[offerId];
    }

    /// @inheritdoc IComputeMarket
    function priceAt(uint256 offerId, uint256 timestamp) external view returns (uint256) {
        Offer storage o = _offers[offerId];
        if (o.seller == address(0)) revert Market_UnknownOffer(offerId);
        return _priceAt(o, timestamp);
    }

    /// @inheritdoc IComputeMarket
    function priceOf(bytes16 gpuModel, bytes16 region, address currency)
        external
        view
        returns (uint256 lastPrice, uint40 lastTradeAt, uint256 average)
    {
        PricePoint memory p = _index[_indexKey(gpuModel, region, currency)];
        return (p.lastPrice, p.lastTradeAt, p.lastTradeAt == 0 ? 0 : _average(p, block.timestamp));
    }

    /// @inheritdoc IComputeMarket
    function indexKey(bytes16 gpuModel, bytes16 region, address currency) external pure returns (bytes32) {
        return _indexKey(gpuModel, region, currency);
    }

    /// @inheritdoc IComputeMarket
    function indexWindow() external view returns (uint32) {
        return _indexWindow;
    }

    /// @inheritdoc IComputeMarket
    function hashAsk(Ask calldata ask) external view returns (bytes32) {
        return _hashAsk(ask);
    }

    /// @inheritdoc IComputeMarket
    function hashBid(Bid calldata bid) external view returns (bytes32) {
        return _hashBid(bid);
    }

    /// @inheritdoc IComputeMarket
    function orderStatus(bytes32 orderHash) external view returns (uint256 filled, bool cancelled) {
        OrderState memory state = _orderStates[orderHash];
        return (state.filled, state.cancelled);
    }

    /// @inheritdoc IComputeMarket
    function orderCounter(address account) external view returns (uint256) {
        return _orderCounters[account];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Checks and stores an offer; records the lot's index key on its first listing.
    function _list(uint256 lotId, uint256 units, uint256 startPrice, uint256 floorPrice, uint40 startsAt, uint40 endsAt)
        private
        returns (uint256 offerId)
    {
        IComputeCapacityToken.Lot memory record = TOKEN.lot(lotId);
        if (units == 0) revert Market_ZeroUnits();
        if (units > type(uint64).max) revert Market_UnitsOverflow(units, type(uint64).max);
        if (floorPrice == 0) revert Market_ZeroPrice();
        if (startPrice > type(uint96).max) revert Market_PriceOverflow(startPrice, type(uint96).max);
        if (endsAt <= block.timestamp || endsAt <= startsAt) {
            revert Market_InvalidOfferWindow(startsAt, endsAt, block.timestamp);
        }
        if (endsAt > record.endsAt) revert Market_OfferEndsAfterLot(endsAt, record.endsAt);
        if (_lotKeys[lotId] == bytes32(0)) {
            (address currency, uint96 curtailCover) = ESCROW.settlementOf(lotId);
            _lotKeys[lotId] = curtailCover != 0 ? _NO_INDEX : _indexKey(record.gpuModel, record.region, currency);
        }

        offerId = _nextOfferId++;
        _offers[offerId] = Offer({
            seller: msg.sender,
            startsAt: startsAt,
            endsAt: endsAt,
            cancelled: false,
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
            startPrice: uint96(startPrice),
            // forge-lint: disable-next-line(unsafe-typecast) -- at most startPrice
            floorPrice: uint96(floorPrice),
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
            unitsRemaining: uint64(units),
            lotId: lotId
        });
        emit OfferCreated(offerId, msg.sender, lotId, units, startPrice, floorPrice, startsAt, endsAt);
    }

    /// @dev One fill of an offer: checks it, records the trade, then moves the payment into the escrow, has the
    /// escrow credit the seller and moves the units (checks-effects-interactions; callers hold the guard).
    function _purchase(uint256 offerId, uint256 units, uint256 maxPricePerUnit) private {
        Offer storage o = _offers[offerId];
        address seller = o.seller;
        if (seller == address(0)) revert Market_UnknownOffer(offerId);
        if (o.cancelled) revert Market_OfferCancelled(offerId);
        if (block.timestamp < o.startsAt) revert Market_OfferNotStarted(offerId, o.startsAt);
        if (block.timestamp >= o.endsAt) revert Market_OfferExpired(offerId, o.endsAt);
        uint256 remaining = o.unitsRemaining;
        if (units == 0) revert Market_ZeroUnits();
        if (units > remaining) revert Market_InsufficientOfferUnits(offerId, remaining, units);
        uint256 price = _priceAt(o, block.timestamp);
        if (price > maxPricePerUnit) revert Market_PriceAboveLimit(offerId, price, maxPricePerUnit);

        uint256 cost = units * price;
        uint256 lotId = o.lotId;
        // forge-lint: disable-next-line(unsafe-typecast) -- at most the stored 64-bit count
        o.unitsRemaining = uint64(remaining - units);
        emit Purchased(offerId, msg.sender, lotId, units, price, cost);
        // A seller buying its own offer trades with itself: it moves no value and must not move the index.
        if (seller != msg.sender) _recordTrade(_lotKeys[lotId], lotId, price);

        // The buyer pays in the lot's currency, all of it must arrive (M-8), and the escrow credits no more than it
        // holds above what it owes in it.
        _payEscrow(IERC20(ESCROW.currencyOf(lotId)), msg.sender, cost);
        ESCROW.creditSale(seller, lotId, cost);
        TOKEN.safeTransferFrom(seller, msg.sender, lotId, units, "");
    }

    /// @dev Checks a signed order and records a fill of `units` of it: live (not expired, not cancelled, signed under
    /// the maker's current counter), with units left, and signed by its maker — checked on its first fill only, since
    /// a fill is recorded only for an order whose signature verified. `_settle` checks its currency against the lot's.
    function _takeOrder(
        bytes32 orderHash,
        address maker,
        uint40 expiry,
        uint256 counter,
        uint64 total,
        uint256 units,
        bytes calldata signature
    ) private {
        if (block.timestamp >= expiry) revert Market_OrderExpired(orderHash, expiry);
        uint256 current = _orderCounters[maker];
        if (counter != current) revert Market_OrderCounterStale(orderHash, counter, current);
        OrderState memory state = _orderStates[orderHash];
        if (state.cancelled) revert Market_OrderIsCancelled(orderHash);
        if (units == 0) revert Market_ZeroUnits();
        uint256 remaining = total - state.filled;
        if (units > remaining) revert Market_InsufficientOrderUnits(orderHash, remaining, units);
        if (state.filled == 0 && !SignatureChecker.isValidSignatureNow(maker, orderHash, signature)) {
            revert Market_InvalidSignature(orderHash, maker);
        }
        // forge-lint: disable-next-line(unsafe-typecast) -- at most the order's 64-bit total
        _orderStates[orderHash].filled = uint64(state.filled + units);
    }

    /// @dev Settles a fill at `price` in the order's `currency`, which must be the lot's: records the trade, moves the
    /// payment into the escrow, has the escrow credit the seller and moves the units (callers hold the guard and
    /// recorded the fill).
    function _settle(
        bytes32 orderHash,
        address maker,
        address seller,
        address buyer,
        uint256 lotId,
        uint256 units,
        uint256 price,
        address currency,
        bytes32 key
    ) private {
        if (price == 0) revert Market_ZeroPrice();
        (address lotCurrency, uint96 curtailCover) = ESCROW.settlementOf(lotId);
        if (currency != lotCurrency) revert Market_CurrencyMismatch(orderHash, currency, lotCurrency);
        uint256 cost = units * price;
        // A bid's fill already read the lot and passes its index key; an ask's reads the lot's cached key.
        emit OrderFilled(orderHash, maker, msg.sender, lotId, units, price, cost, key == bytes32(0));
        // A self-trade (maker filling its own order) moves no value and must not move the index.
        if (seller != buyer) {
            if (key == bytes32(0)) key = _lotKeys[lotId];
            if (key == bytes32(0)) {
                IComputeCapacityToken.Lot memory record = TOKEN.lot(lotId);
                key = curtailCover != 0 ? _NO_INDEX : _indexKey(record.gpuModel, record.region, currency);
                _lotKeys[lotId] = key;
            }
            _recordTrade(key, lotId, price);
        }

        _payEscrow(IERC20(currency), buyer, cost);
        ESCROW.creditSale(seller, lotId, cost);
        TOKEN.safeTransferFrom(seller, buyer, lotId, units, "");
    }

    /// @dev Moves `cost` of `coin` from `payer` into the escrow and reverts unless all of it arrived, measured on the
    /// escrow's balance (M-8): a fee-on-transfer or short transfer is refused even when the escrow holds a surplus
    /// (someone's donation) that `creditSale`'s own check would accept.
    function _payEscrow(IERC20 coin, address payer, uint256 cost) private {
        uint256 before = coin.balanceOf(address(ESCROW));
        coin.safeTransferFrom(payer, address(ESCROW), cost);
        uint256 arrived = coin.balanceOf(address(ESCROW)) - before;
        if (arrived < cost) revert Market_PaymentShortfall(cost, arrived);
    }

    /// @dev Reverts unless the lot meets every criterion of the bid (zero criteria match anything); returns the lot's
    /// index key, derived from the record it read.
    function _requireMatch(bytes32 orderHash, Bid calldata bid, uint256 lotId) private view returns (bytes32) {
        IComputeCapacityToken.Lot memory record = TOKEN.lot(lotId);
        BidCriterion failed;
        if (bid.gpuModel != bytes16(0) && bid.gpuModel != record.gpuModel) {
            failed = BidCriterion.GpuModel;
        } else if (bid.region != bytes16(0) && bid.region != record.region) {
            failed = BidCriterion.Region;
        } else if (record.startsAt < bid.deliveryFrom) {
            failed = BidCriterion.DeliveryFrom;
        } else if (bid.deliveryUntil != 0 && record.endsAt > bid.deliveryUntil) {
            failed = BidCriterion.DeliveryUntil;
        } else if (record.slaUptimeBps < bid.minSlaBps) {
            failed = BidCriterion.Sla;
        } else if (bid.maxWhPerGpuHour != 0 && record.energyWhPerGpuHour > bid.maxWhPerGpuHour) {
            failed = BidCriterion.Energy;
        } else if (BondMath.unitCover(record.referencePrice, record.bondCoverageBps) < bid.minUnitCover) {
            failed = BidCriterion.Cover;
        } else {
            (address currency, uint96 curtailCover) = ESCROW.settlementOf(lotId);
            if (bid.currency != currency) {
                failed = BidCriterion.Currency;
            } else if (curtailCover != 0) {
                // A bid names firm capacity: curtailable units would be an M-1 analogue (less than it asked for).
                failed = BidCriterion.Interruptible;
            } else {
                return _indexKey(record.gpuModel, record.region, currency);
            }
        }
        revert Market_LotDoesNotMatchBid(orderHash, lotId, failed);
    }

    /// @dev Marks the caller's order cancelled.
    function _cancel(bytes32 orderHash, address maker) private {
        if (maker != msg.sender) revert Market_NotOrderMaker(orderHash, msg.sender);
        if (_orderStates[orderHash].cancelled) revert Market_OrderIsCancelled(orderHash);
        _orderStates[orderHash].cancelled = true;
        emit OrderCancelled(orderHash, maker);
    }

    function _hashAsk(Ask calldata ask) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(ASK_TYPEHASH, ask)));
    }

    function _hashBid(Bid calldata bid) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(BID_TYPEHASH, bid)));
    }

    /// @dev Updates the index entry `key` with a trade of `lotId` at `price` now: the average first takes in how long
    /// the previous price stood, then the new price becomes the latest.
    function _recordTrade(bytes32 key, uint256 lotId, uint256 price) private {
        if (key == _NO_INDEX) return;
        PricePoint memory p = _index[key];
        uint256 average = p.lastTradeAt == 0 ? price : _average(p, block.timestamp);
        _index[key] = PricePoint({
            // forge-lint: disable-next-line(unsafe-typecast) -- an offer's price, a 96-bit field
            lastPrice: uint96(price),
            lastTradeAt: uint40(block.timestamp),
            // forge-lint: disable-next-line(unsafe-typecast) -- between two 96-bit prices
            average: uint96(average)
        });
        emit PriceRecorded(key, lotId, price, average);
    }

    /// @dev `p.average` moved toward `p.lastPrice` by the share of the window the latest price has stood until `at`.
    function _average(PricePoint memory p, uint256 at) private view returns (uint256) {
        uint256 window = _indexWindow;
        uint256 elapsed = at - p.lastTradeAt;
        if (elapsed >= window) return p.lastPrice;
        if (p.lastPrice >= p.average) return p.average + (uint256(p.lastPrice) - p.average) * elapsed / window;
        return p.average - (uint256(p.average) - p.lastPrice) * elapsed / window;
    }

    /// @dev An offer's price per unit at `at`: linear from `startPrice` at `startsAt` to `floorPrice` at `endsAt`,
    /// rounded up (the seller's side), clamped outside the window.
    function _priceAt(Offer storage o, uint256 at) private view returns (uint256) {
        uint256 startPrice = o.startPrice;
        uint256 floorPrice = o.floorPrice;
        uint256 startsAt = o.startsAt;
        if (startPrice == floorPrice || at <= startsAt) return startPrice;
        uint256 endsAt = o.endsAt;
        if (at >= endsAt) return floorPrice;
        return startPrice - (startPrice - floorPrice) * (at - startsAt) / (endsAt - startsAt);
    }

    function _setIndexWindow(uint32 windowSeconds) private {
        if (windowSeconds < MIN_INDEX_WINDOW || windowSeconds > MAX_INDEX_WINDOW) {
            revert Market_InvalidIndexWindow(windowSeconds);
        }
        _indexWindow = windowSeconds;
        emit IndexWindowUpdated(windowSeconds);
    }

    function _indexKey(bytes16 gpuModel, bytes16 region, address currency) private pure returns (bytes32) {
        return keccak256(abi.encode(gpuModel, region, currency));
    }
}
