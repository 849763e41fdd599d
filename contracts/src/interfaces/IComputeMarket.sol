// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IComputeMarket
/// @notice The trading module of the suite: fixed-price offers and Dutch auctions of compute lots, EIP-712 signed
/// orders (asks for a lot, bids by criteria) filled on chain, all settled delivery versus payment (the buyer's
/// stablecoin goes straight into the escrow, which credits the seller; the units move from the seller's wallet in the
/// same transaction), and a price index per (GPU model, region, currency).
interface IComputeMarket {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice A seller's standing offer; units stay in the seller's wallet until bought. The price per unit falls
    /// linearly from `startPrice` at `startsAt` to `floorPrice` at `endsAt`; a fixed-price offer has both prices
    /// equal. Units can be bought from `startsAt` until just before `endsAt`.
    struct Offer {
        address seller;
        uint40 startsAt;
        uint40 endsAt;
        bool cancelled;
        uint96 startPrice;
        uint96 floorPrice;
        uint64 unitsRemaining;
        uint256 lotId;
    }

    /// @notice One entry of the price index, per (GPU model, region, currency).
    /// @param lastPrice The price per unit of the latest trade (0 before the first).
    /// @param lastTradeAt When the latest trade happened (0 before the first).
    /// @param average The time-weighted moving average as of `lastTradeAt` (see `priceOf`).
    struct PricePoint {
        uint96 lastPrice;
        uint40 lastTradeAt;
        uint96 average;
    }

    /// @notice A signed offer to sell units of one lot at a fixed price (EIP-712 type `Ask`), filled by buyers with
    /// `fillAsk`, in parts, until `units` are sold, it expires, or its seller cancels it.
    /// @param seller Who signs and sells; the units leave this wallet (the market must be its ERC-1155 operator).
    /// @param lotId The lot.
    /// @param units The most units the ask sells over all its fills.
    /// @param pricePerUnit Price of one unit in `currency` base units.
    /// @param currency The settlement currency: it must be the lot's (`IComputeEscrow.currencyOf`).
    /// @param expiry Unix time from which it can no longer be filled.
    /// @param salt Any number that makes two otherwise equal orders distinct.
    /// @param counter The seller's order counter when signing (`orderCounter`); raising it cancels every older order.
    struct Ask {
        address seller;
        uint256 lotId;
        uint64 units;
        uint96 pricePerUnit;
        address currency;
        uint40 expiry;
        uint256 salt;
        uint256 counter;
    }

    /// @notice A signed offer to buy units of any lot that meets criteria, at a price per unit (EIP-712 type `Bid`):
    /// "200 H100-hours in eu-west in December at <= 2.60 USDC". A seller fills it with `fillBid`, naming a matching
    /// lot; criteria left zero match anything.
    /// @param buyer Who signs and pays (the market must be approved for the stablecoin).
    /// @param gpuModel The lot's GPU model, or zero for any.
    /// @param region The lot's region, or zero for any.
    /// @param deliveryFrom The lot's window must start at or after this (0: any).
    /// @param deliveryUntil The lot's window must end at or before this (0: any).
    /// @param minSlaBps The lot's SLA uptime must be at least this, in basis points.
    /// @param maxWhPerGpuHour The lot's energy figure must be at most this (0: any).
    /// @param minUnitCover The lot's bond per unit (`referencePrice × bondCoverageBps`, what an undelivered unit refunds)
    /// must be at least this, in base units of the lot's currency (0: any) — without it a provider could fill the bid from a lot
    /// it issued with a token bond. The SDK and CLI default it to the bid's price.
    /// @param currency The settlement currency (a bid matches only lots that settle in it).
    /// @param pricePerUnit The price per unit the buyer pays (its maximum: sellers fill at it).
    /// @param units The most units the bid buys over all its fills.
    /// @param expiry Unix time from which it can no longer be filled.
    /// @param salt Any number that makes two otherwise equal orders distinct.
    /// @param counter The buyer's order counter when signing.
    struct Bid {
        address buyer;
        bytes16 gpuModel;
        bytes16 region;
        uint40 deliveryFrom;
        uint40 deliveryUntil;
        uint16 minSlaBps;
        uint32 maxWhPerGpuHour;
        uint96 minUnitCover;
        address currency;
        uint96 pricePerUnit;
        uint64 units;
        uint40 expiry;
        uint256 salt;
        uint256 counter;
    }

    /// @notice The criterion of a bid a lot fails (`Market_LotDoesNotMatchBid`).
    enum BidCriterion {
        /// @notice The lot's GPU model differs.
        GpuModel,
        /// @notice The lot's region differs.
        Region,
        /// @notice The lot's window starts before the bid's `deliveryFrom`.
        DeliveryFrom,
        /// @notice The lot's window ends after the bid's `deliveryUntil`.
        DeliveryUntil,
        /// @notice The lot's SLA uptime is below the bid's minimum.
        Sla,
        /// @notice The lot's energy figure is above the bid's maximum.
        Energy,
        /// @notice The lot's bond per unit is below the bid's minimum.
        Cover,
        /// @notice The lot settles in another currency than the bid's.
        Currency,
        /// @notice The lot is interruptible (its provider may curtail part of it); bids name firm capacity.
        Interruptible
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when a seller lists units, at a fixed price (`startPrice == floorPrice`) or by Dutch auction.
    event OfferCreated(
        uint256 indexed offerId,
        address indexed seller,
        uint256 indexed lotId,
        uint256 units,
        uint256 startPrice,
        uint256 floorPrice,
        uint40 startsAt,
        uint40 endsAt
    );
    /// @notice Emitted when a seller withdraws an offer.
    event OfferCancelled(uint256 indexed offerId);
    /// @notice Emitted when units are bought from an offer (delivery versus payment) at `pricePerUnit`.
    event Purchased(
        uint256 indexed offerId,
        address indexed buyer,
        uint256 indexed lotId,
        uint256 units,
        uint256 pricePerUnit,
        uint256 cost
    );
    /// @notice Emitted when a signed order is filled (in part): `maker` signed it, `taker` sent the fill.
    event OrderFilled(
        bytes32 indexed orderHash,
        address indexed maker,
        address indexed taker,
        uint256 lotId,
        uint256 units,
        uint256 pricePerUnit,
        uint256 cost,
        bool isAsk
    );
    /// @notice Emitted when a maker cancels one signed order.
    event OrderCancelled(bytes32 indexed orderHash, address indexed maker);
    /// @notice Emitted when an account raises its order counter, cancelling every order it signed before.
    event OrderCounterIncremented(address indexed account, uint256 counter);
    /// @notice Emitted when a trade updates the price index of (GPU model, region, currency) `key`.
    event PriceRecorded(bytes32 indexed key, uint256 indexed lotId, uint256 pricePerUnit, uint256 average);
    /// @notice Emitted when the price index's averaging window changes.
    event IndexWindowUpdated(uint32 windowSeconds);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when the market is deployed with the zero address as its escrow.
    error Market_ZeroEscrow();
    /// @notice Thrown when a unit count is zero.
    error Market_ZeroUnits();
    /// @notice Thrown when a unit count does not fit the offer's 64-bit field.
    /// @param units The units given.
    /// @param max The largest unit count accepted.
    error Market_UnitsOverflow(uint256 units, uint256 max);
    /// @notice Thrown when a payment arrives in the escrow short of its cost (a fee-on-transfer or otherwise short
    /// stablecoin transfer; M-8): the escrow's surplus never makes up for it.
    /// @param cost What the buyer owed.
    /// @param arrived What the escrow's balance rose by.
    error Market_PaymentShortfall(uint256 cost, uint256 arrived);
    /// @notice Thrown when a price per unit is zero.
    error Market_ZeroPrice();
    /// @notice Thrown when a price per unit does not fit the offer's 96-bit field.
    /// @param pricePerUnit The price given.
    /// @param max The largest price accepted.
    error Market_PriceOverflow(uint256 pricePerUnit, uint256 max);
    /// @notice Thrown when an auction's floor price is above its start price.
    /// @param startPrice The start price given.
    /// @param floorPrice The floor price given.
    error Market_FloorAboveStart(uint256 startPrice, uint256 floorPrice);
    /// @notice Thrown when an offer's end is not in the future, or not after its start.
    /// @param startsAt The start given (the current time for a fixed-price offer).
    /// @param endsAt The end given.
    /// @param timestamp The current block timestamp.
    error Market_InvalidOfferWindow(uint40 startsAt, uint40 endsAt, uint256 timestamp);
    /// @notice Thrown when an offer would end after its lot's `endsAt` (the units could no longer move).
    /// @param endsAt The offer's end given.
    /// @param lotEndsAt The lot's end of window.
    error Market_OfferEndsAfterLot(uint40 endsAt, uint40 lotEndsAt);
    /// @notice Thrown when an offer id is unknown.
    /// @param offerId The offer id given.
    error Market_UnknownOffer(uint256 offerId);
    /// @notice Thrown when cancelling or buying from a cancelled offer.
    /// @param offerId The offer.
    error Market_OfferCancelled(uint256 offerId);
    /// @notice Thrown when buying from an offer before its `startsAt`.
    /// @param offerId The offer.
    /// @param startsAt When it opens.
    error Market_OfferNotStarted(uint256 offerId, uint40 startsAt);
    /// @notice Thrown when buying from an offer at or past its `endsAt`.
    /// @param offerId The offer.
    /// @param endsAt When it ended.
    error Market_OfferExpired(uint256 offerId, uint40 endsAt);
    /// @notice Thrown when buying more units than an offer has left.
    /// @param offerId The offer.
    /// @param remaining The units it has left.
    /// @param requested The units asked for.
    error Market_InsufficientOfferUnits(uint256 offerId, uint256 remaining, uint256 requested);
    /// @notice Thrown when anyone but an offer's seller cancels it.
    /// @param offerId The offer.
    /// @param caller The caller.
    error Market_NotOfferSeller(uint256 offerId, address caller);
    /// @notice Thrown when an offer's current price per unit is above the buyer's limit (the slippage guard).
    /// @param offerId The offer.
    /// @param pricePerUnit Its price per unit now.
    /// @param maxPricePerUnit The buyer's limit.
    error Market_PriceAboveLimit(uint256 offerId, uint256 pricePerUnit, uint256 maxPricePerUnit);
    /// @notice Thrown when filling a signed order at or after its expiry.
    /// @param orderHash The order's EIP-712 digest.
    /// @param expiry Its expiry.
    error Market_OrderExpired(bytes32 orderHash, uint40 expiry);
    /// @notice Thrown when filling an order signed under an older counter than its maker's (cancelled by
    /// `incrementOrderCounter`).
    /// @param orderHash The order's EIP-712 digest.
    /// @param counter The order's counter.
    /// @param current The maker's counter now.
    error Market_OrderCounterStale(bytes32 orderHash, uint256 counter, uint256 current);
    /// @notice Thrown when filling or cancelling a cancelled order.
    /// @param orderHash The order's EIP-712 digest.
    error Market_OrderIsCancelled(bytes32 orderHash);
    /// @notice Thrown when a fill asks for more units than the order has left.
    /// @param orderHash The order's EIP-712 digest.
    /// @param remaining The units it has left.
    /// @param requested The units asked for.
    error Market_InsufficientOrderUnits(bytes32 orderHash, uint256 remaining, uint256 requested);
    /// @notice Thrown when an order's signature is not its maker's (EOA or ERC-1271 contract wallet).
    /// @param orderHash The order's EIP-712 digest.
    /// @param maker The account the order names.
    error Market_InvalidSignature(bytes32 orderHash, address maker);
    /// @notice Thrown when an order's currency is not its lot's settlement currency.
    /// @param orderHash The order's EIP-712 digest.
    /// @param orderCurrency The order's currency.
    /// @param lotCurrency The lot's currency (the zero address for a lot the escrow does not know).
    error Market_CurrencyMismatch(bytes32 orderHash, address orderCurrency, address lotCurrency);
    /// @notice Thrown when anyone but its maker cancels an order.
    /// @param orderHash The order's EIP-712 digest.
    /// @param caller The caller.
    error Market_NotOrderMaker(bytes32 orderHash, address caller);
    /// @notice Thrown when a seller fills a bid with a lot that fails one of its criteria.
    /// @param orderHash The bid's EIP-712 digest.
    /// @param lotId The lot offered.
    /// @param criterion The first criterion it fails.
    error Market_LotDoesNotMatchBid(bytes32 orderHash, uint256 lotId, BidCriterion criterion);
    /// @notice Thrown when the price index's window is outside [`MIN_INDEX_WINDOW`, `MAX_INDEX_WINDOW`].
    /// @param windowSeconds The window given.
    error Market_InvalidIndexWindow(uint32 windowSeconds);

    /*//////////////////////////////////////////////////////////////
                                 OFFERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Lists `units` of `lotId` at a fixed `pricePerUnit` from now until `expiresAt`. The seller must
    /// approve the market as ERC-1155 operator; the units stay in the seller's wallet until bought.
    /// @param lotId The lot.
    /// @param units Units for sale (at most 2^64 - 1).
    /// @param pricePerUnit Price of one unit in stablecoin base units (1 to 2^96 - 1).
    /// @param expiresAt When the offer lapses; in the future and no later than the lot's `endsAt`.
    /// @return offerId The new offer's id (ids count up from 1).
    function createOffer(uint256 lotId, uint256 units, uint256 pricePerUnit, uint40 expiresAt)
        external
        returns (uint256 offerId);

    /// @notice Lists `units` of `lotId` by Dutch auction: the price per unit falls linearly from `startPrice` at
    /// `startsAt` to `floorPrice` at `endsAt`, when the offer lapses; unsold units stay with the seller. The seller
    /// must approve the market as ERC-1155 operator.
    /// @param lotId The lot.
    /// @param units Units for sale (at most 2^64 - 1).
    /// @param startPrice Price per unit at `startsAt` (at most 2^96 - 1).
    /// @param floorPrice Price per unit reached at `endsAt` (1 to `startPrice`).
    /// @param startsAt When buying opens and the price starts to fall (may be in the past).
    /// @param endsAt When the auction ends; after `startsAt`, in the future, no later than the lot's `endsAt`.
    /// @return offerId The new offer's id.
    function createAuction(
        uint256 lotId,
        uint256 units,
        uint256 startPrice,
        uint256 floorPrice,
        uint40 startsAt,
        uint40 endsAt
    ) external returns (uint256 offerId);

    /// @notice Withdraws an offer (its seller only).
    /// @param offerId The offer.
    function cancelOffer(uint256 offerId) external;

    /// @notice Buys `units` from an offer at its current price: the buyer's stablecoin moves into the escrow (which
    /// credits the seller) and the units move from the seller to the buyer, atomically, or nothing moves. The buyer
    /// must approve the market for the cost. Both sides pass the token's transfer checks.
    /// @param offerId The offer.
    /// @param units Units to buy.
    /// @param maxPricePerUnit The most the buyer pays per unit (reverts with `Market_PriceAboveLimit` above it).
    function purchase(uint256 offerId, uint256 units, uint256 maxPricePerUnit) external;

    /// @notice `purchase` with an EIP-2612 permit for `units × maxPricePerUnit` to the market.
    /// @param offerId The offer.
    /// @param units Units to buy.
    /// @param maxPricePerUnit The most the buyer pays per unit.
    /// @param deadline The permit's deadline.
    /// @param v The permit signature's v.
    /// @param r The permit signature's r.
    /// @param s The permit signature's s.
    function purchaseWithPermit(
        uint256 offerId,
        uint256 units,
        uint256 maxPricePerUnit,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /*//////////////////////////////////////////////////////////////
                             SIGNED ORDERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Buys `units` from a signed ask at its price: the caller's stablecoin goes into the escrow (credited to
    /// the seller) and the units from the seller to the caller, atomically. Both sides pass the token's transfer
    /// checks.
    /// @param ask The ask, as signed.
    /// @param signature The seller's EIP-712 signature of `hashAsk(ask)` (65 bytes, or an ERC-1271 wallet's).
    /// @param units Units to buy (at most what the ask has left).
    function fillAsk(Ask calldata ask, bytes calldata signature, uint256 units) external;

    /// @notice Sells `units` of `lotId` into a signed bid at its price: the caller's units go to the buyer and the
    /// buyer's stablecoin into the escrow (credited to the caller), atomically. The lot must meet every criterion of
    /// the bid.
    /// @param bid The bid, as signed.
    /// @param signature The buyer's EIP-712 signature of `hashBid(bid)`.
    /// @param lotId The lot sold (the caller's units).
    /// @param units Units to sell (at most what the bid has left).
    function fillBid(Bid calldata bid, bytes calldata signature, uint256 lotId, uint256 units) external;

    /// @notice Cancels one of the caller's asks; it can no longer be filled.
    /// @param ask The ask.
    function cancelAsk(Ask calldata ask) external;

    /// @notice Cancels one of the caller's bids; it can no longer be filled.
    /// @param bid The bid.
    function cancelBid(Bid calldata bid) external;

    /// @notice Raises the caller's order counter: every order it signed under an older counter can no longer be
    /// filled.
    /// @return counter The new counter.
    function incrementOrderCounter() external returns (uint256 counter);

    /// @notice The EIP-712 digest an ask's seller signs (bound to this chain and this market).
    /// @param ask The ask.
    /// @return The digest, also the ask's id in events and `orderStatus`.
    function hashAsk(Ask calldata ask) external view returns (bytes32);

    /// @notice The EIP-712 digest a bid's buyer signs.
    /// @param bid The bid.
    /// @return The digest.
    function hashBid(Bid calldata bid) external view returns (bytes32);

    /// @notice How much of a signed order was filled, and whether its maker cancelled it.
    /// @param orderHash The order's digest.
    /// @return filled Units filled so far.
    /// @return cancelled Whether it was cancelled.
    function orderStatus(bytes32 orderHash) external view returns (uint256 filled, bool cancelled);

    /// @notice An account's order counter (orders signed under an older one cannot be filled).
    /// @param account The account.
    /// @return The counter.
    function orderCounter(address account) external view returns (uint256);

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets the price index's averaging window (RISK_ROLE).
    /// @param windowSeconds The window, within [`MIN_INDEX_WINDOW`, `MAX_INDEX_WINDOW`].
    function setIndexWindow(uint32 windowSeconds) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice An offer by id (all fields zero for an unknown id).
    /// @param offerId The offer.
    /// @return The offer.
    function offer(uint256 offerId) external view returns (Offer memory);

    /// @notice An offer's price per unit at `timestamp` (clamped to its start and floor prices outside its window).
    /// @param offerId The offer.
    /// @param timestamp The time, in unix seconds.
    /// @return The price per unit, in stablecoin base units.
    function priceAt(uint256 offerId, uint256 timestamp) external view returns (uint256);

    /// @notice The price index of (GPU model, region, currency): the latest trade's price per unit and time, and
    /// the time-weighted moving average over `indexWindow()` as of now. The average moves toward the latest price
    /// in proportion to how long that price has stood (all the way once it stood a whole window), so one trade at
    /// an odd price moves it only as time passes.
    /// @param gpuModel The GPU model label, as in the lot.
    /// @param region The region label, as in the lot.
    /// @param currency The settlement currency of the lots traded.
    /// @return lastPrice The latest trade's price per unit (0 before any trade).
    /// @return lastTradeAt When it happened (0 before any trade).
    /// @return average The time-weighted average price per unit now (0 before any trade).
    function priceOf(bytes16 gpuModel, bytes16 region, address currency)
        external
        view
        returns (uint256 lastPrice, uint40 lastTradeAt, uint256 average);

    /// @notice The index key of (GPU model, region, currency): `keccak256(abi.encode(gpuModel, region, currency))`.
    /// @param gpuModel The GPU model label.
    /// @param region The region label.
    /// @param currency The settlement currency.
    /// @return The key used in `PriceRecorded`.
    function indexKey(bytes16 gpuModel, bytes16 region, address currency) external pure returns (bytes32);

    /// @notice The price index's averaging window, in seconds.
    /// @return The window.
    function indexWindow() external view returns (uint32);
}
