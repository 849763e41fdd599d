// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {EscrowBase} from "../escrow/EscrowBase.sol";

/// @notice Shared state and helpers of the market unit, fuzz, matrix and security tests.
/// @dev Extends `EscrowBase`: the market settles into the escrow, so its tests need the same bonded lot (`lotId`,
/// `UNITS` units held by alice), the permit signer and the pledge helpers (pledged units cannot be sold).
abstract contract MarketBase is EscrowBase {
    bytes16 internal constant GPU = bytes16("H100-SXM5-80GB");
    bytes16 internal constant REGION = bytes16("eu-central");

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
}
