// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeMarket} from "../../src/interfaces/IComputeMarket.sol";
import {EscrowBase} from "../escrow/EscrowBase.sol";
import {OrderTestLib} from "./utils/OrderTestLib.sol";

/// @notice Shared state and helpers of the market unit, fuzz, matrix and security tests.
/// @dev Extends `EscrowBase`: the market settles into the escrow, so its tests need the same bonded lot (`lotId`,
/// `UNITS` units held by alice), the permit signer and the pledge helpers (pledged units cannot be sold).
abstract contract MarketBase is EscrowBase {
    bytes16 internal constant GPU = bytes16("H100-SXM5-80GB");
    bytes16 internal constant REGION = bytes16("eu-central");

    /// @dev The keys behind the fixture's named accounts (forge-std's `makeAddr` derives them from the name).
    uint256 internal constant ALICE_KEY = uint256(keccak256("alice"));
    uint256 internal constant BOB_KEY = uint256(keccak256("bob"));

    /// @dev Pools registered by `_lotFromSpec`, one per custom lot.
    uint256 private _customPools;

    /*//////////////////////////////////////////////////////////////
                                 OFFERS
    //////////////////////////////////////////////////////////////*/

    /// @dev `seller` lists `units` of the fixture's lot by Dutch auction.
    function _createAuction(
        address seller,
        uint256 units,
        uint256 startPrice,
        uint256 floorPrice,
        uint40 startsAt,
        uint40 endsAt_
    ) internal returns (uint256 offerId) {
        vm.prank(seller);
        offerId = market.createAuction(lotId, units, startPrice, floorPrice, startsAt, endsAt_);
    }

    /// @dev alice auctions 100 units from 2 × PRICE now down to PRICE / 2 over 10 days.
    function _defaultAuction() internal returns (uint256) {
        return _createAuction(alice, 100, 2 * uint256(PRICE), PRICE / 2, uint40(block.timestamp), _tenDays());
    }

    function _tenDays() internal view returns (uint40) {
        return uint40(block.timestamp + 10 days);
    }

    /*//////////////////////////////////////////////////////////////
                              PRICE INDEX
    //////////////////////////////////////////////////////////////*/

    /// @dev The price index of the fixture's lot (its GPU model and region, settled in the fixture's USDC).
    function _index() internal view returns (uint256 lastPrice, uint40 lastTradeAt, uint256 average) {
        return market.priceOf(GPU, REGION, address(usdc));
    }

    function _indexAverage() internal view returns (uint256 average) {
        (,, average) = _index();
    }

    /// @dev A lot on `POOL_2` (its first, so it sets the pool's profile) in `region`, `units` held by `holder`.
    function _lotInRegion(bytes16 region, address holder, uint256 units) internal returns (uint256 id) {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.poolId = POOL_2;
        spec.region = region;
        spec.metadataHash = keccak256(abi.encode("lot in region", region));
        vm.startPrank(provider);
        id = token.issueLot(spec, provider, units);
        token.safeTransferFrom(provider, holder, id, units, "");
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                                 PERMIT
    //////////////////////////////////////////////////////////////*/

    /// @dev A real EIP-2612 signature by `key` over MockUSDC's domain, for the market as spender.
    function _marketPermitSig(uint256 key, address owner, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        return _permitSigFor(key, owner, address(market), value, deadline);
    }

    /*//////////////////////////////////////////////////////////////
                             SIGNED ORDERS
    //////////////////////////////////////////////////////////////*/

    /// @dev An ask by `seller` of `units` of the fixture's lot at `price`, in the lot's currency (the fixture's USDC), live until
    /// the lot ends, signed under the seller's current counter.
    function _ask(address seller, uint256 units, uint256 price) internal view returns (IComputeMarket.Ask memory) {
        return IComputeMarket.Ask({
            seller: seller,
            lotId: lotId,
            units: uint64(units),
            pricePerUnit: uint96(price),
            currency: address(usdc),
            expiry: endsAt,
            salt: 0,
            counter: market.orderCounter(seller)
        });
    }

    /// @dev A bid by `buyer` for `units` at `price` that names the fixture's GPU model and region and leaves every
    /// other criterion open, live until the fixture's lot ends, under the buyer's current counter.
    function _bid(address buyer, uint256 units, uint256 price) internal view returns (IComputeMarket.Bid memory) {
        return IComputeMarket.Bid({
            buyer: buyer,
            gpuModel: GPU,
            region: REGION,
            deliveryFrom: 0,
            deliveryUntil: 0,
            minSlaBps: 0,
            maxWhPerGpuHour: 0,
            minUnitCover: 0,
            currency: address(usdc),
            pricePerUnit: uint96(price),
            units: uint64(units),
            expiry: endsAt,
            salt: 0,
            counter: market.orderCounter(buyer)
        });
    }

    /// @dev `key`'s signature of the ask's reference digest (OrderTestLib, not the market's `hashAsk`).
    function _signAsk(uint256 key, IComputeMarket.Ask memory ask) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, OrderTestLib.askDigest(address(market), ask));
        return OrderTestLib.packSignature(v, r, s);
    }

    /// @dev `key`'s signature of the bid's reference digest.
    function _signBid(uint256 key, IComputeMarket.Bid memory bid) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, OrderTestLib.bidDigest(address(market), bid));
        return OrderTestLib.packSignature(v, r, s);
    }

    function _fillAsk(address buyer, IComputeMarket.Ask memory ask, bytes memory signature, uint256 units) internal {
        vm.prank(buyer);
        market.fillAsk(ask, signature, units);
    }

    function _fillBid(
        address seller,
        IComputeMarket.Bid memory bid,
        bytes memory signature,
        uint256 lotId_,
        uint256 units
    ) internal {
        vm.prank(seller);
        market.fillBid(bid, signature, lotId_, units);
    }

    function _filled(bytes32 orderHash) internal view returns (uint256 filled) {
        (filled,) = market.orderStatus(orderHash);
    }

    /// @dev A lot issued from `spec` on a pool of its own (registered here, so any GPU model and region fit), `units`
    /// held by `holder`.
    function _lotFromSpec(IComputeCapacityToken.LotSpec memory spec, address holder, uint256 units)
        internal
        returns (uint256 id)
    {
        spec.poolId = keccak256(abi.encode("custom pool", ++_customPools));
        vm.prank(registrar);
        token.registerPool(spec.poolId, provider);
        vm.startPrank(provider);
        id = token.issueLot(spec, provider, units);
        if (holder != provider) token.safeTransferFrom(provider, holder, id, units, "");
        vm.stopPrank();
    }
}
