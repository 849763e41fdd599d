// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IComputeMarket
/// @notice The trading module of the suite: fixed-price offers and Dutch auctions of compute lots, settled delivery
/// versus payment (the buyer's stablecoin goes straight into the escrow, which credits the seller; the units move
/// from the seller's wallet in the same transaction), and a price index per (GPU model, region, currency).
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
    /// @param currency The settlement stablecoin.
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
    /// @param currency The settlement stablecoin.
    /// @return The key used in `PriceRecorded`.
    function indexKey(bytes16 gpuModel, bytes16 region, address currency) external pure returns (bytes32);

    /// @notice The price index's averaging window, in seconds.
    /// @return The window.
    function indexWindow() external view returns (uint32);
}
