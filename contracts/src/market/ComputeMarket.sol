// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IComputeCapacityToken} from "../interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../interfaces/IComputeEscrow.sol";
import {IComputeMarket} from "../interfaces/IComputeMarket.sol";

/// @title ComputeMarket
/// @notice Fixed-price offers and Dutch auctions of compute lots, settled delivery versus payment, and a price index
/// per (GPU model, region, currency) that every sale updates.
/// @dev Holds no money: a buyer's payment goes straight from the buyer into the escrow (the suite's single
/// custodian), which credits the seller through `creditSale` (MARKET_ROLE) only out of what arrived; the units move
/// from the seller's wallet, the market being the seller's ERC-1155 operator. The token checks both sides of the
/// move (allowlist, freeze, pause, locked units), so a sale passes the same compliance as any transfer.
contract ComputeMarket is IComputeMarket, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
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

    /// @notice The compute-capacity token.
    IComputeCapacityToken public immutable TOKEN;
    /// @notice The escrow that receives payments and credits sellers.
    IComputeEscrow public immutable ESCROW;
    /// @notice The settlement stablecoin (the escrow's).
    IERC20 public immutable STABLECOIN;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    uint256 private _nextOfferId = 1;
    uint32 private _indexWindow;

    mapping(uint256 offerId => Offer) private _offers;
    mapping(bytes32 key => PricePoint) private _index;
    /// @dev A lot's index key, recorded when its first offer is listed (a lot's GPU model and region never change).
    mapping(uint256 lotId => bytes32 key) private _lotKeys;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed over in two steps after `adminDelay`) and RISK_ROLE.
    /// @param adminDelay Seconds a default-admin hand-over must wait.
    /// @param escrow The escrow (this market needs its MARKET_ROLE); the token and stablecoin are the escrow's.
    /// @param indexWindowSeconds The price index's averaging window.
    constructor(address admin, uint48 adminDelay, IComputeEscrow escrow, uint32 indexWindowSeconds)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        if (address(escrow) == address(0)) revert Market_ZeroEscrow();
        ESCROW = escrow;
        TOKEN = escrow.TOKEN();
        STABLECOIN = escrow.STABLECOIN();
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
        try IERC20Permit(address(STABLECOIN)).permit(msg.sender, address(this), value, deadline, v, r, s) {} catch {}
        _purchase(offerId, units, maxPricePerUnit);
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
            _lotKeys[lotId] = _indexKey(record.gpuModel, record.region, address(STABLECOIN));
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
        _recordTrade(lotId, price);

        STABLECOIN.safeTransferFrom(msg.sender, address(ESCROW), cost);
        // The escrow credits no more than arrived above what it owes (a short transfer reverts there).
        ESCROW.creditSale(seller, cost);
        TOKEN.safeTransferFrom(seller, msg.sender, lotId, units, "");
    }

    /// @dev Updates the lot's index entry with a trade at `price` now: the average first takes in how long the
    /// previous price stood, then the new price becomes the latest.
    function _recordTrade(uint256 lotId, uint256 price) private {
        bytes32 key = _lotKeys[lotId];
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
