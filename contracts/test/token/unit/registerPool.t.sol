// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `registerPool` (see registerPool.tree).
contract RegisterPool_Unit_Test is TokenBase {
    bytes32 internal constant NEW_POOL = keccak256("pool:amsterdam-1");

    function test_RevertWhen_TheCallerDoesNotHaveREGISTRARROLE() external {
        vm.expectRevert(_unauthorized(provider, REGISTRAR_ROLE));
        vm.prank(provider);
        token.registerPool(NEW_POOL, provider);
    }

    function test_RevertWhen_TheProviderNeverWasRegistered() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotProvider.selector, outsider));
        vm.prank(registrar);
        token.registerPool(NEW_POOL, outsider);
    }

    function test_RevertWhen_TheProviderWasRemoved() external {
        vm.startPrank(registrar);
        token.removeProvider(provider);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotProvider.selector, provider));
        token.registerPool(NEW_POOL, provider);
        vm.stopPrank();
    }

    function test_RevertWhen_ThePoolIdIsZero() external {
        vm.expectRevert(_err(IComputeCapacityToken.ComputeToken_ZeroPoolId.selector));
        vm.prank(registrar);
        token.registerPool(bytes32(0), provider);
    }

    function test_RevertWhen_ThePoolBelongsToTheSameProvider() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_PoolTaken.selector, POOL, provider));
        vm.prank(registrar);
        token.registerPool(POOL, provider);
    }

    function test_RevertWhen_ThePoolBelongsToAnotherProvider() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_PoolTaken.selector, POOL, provider));
        vm.prank(registrar);
        token.registerPool(POOL, provider2);
    }

    function test_When_ThePoolIsFree() external {
        assertEq(token.poolProvider(NEW_POOL), address(0));

        vm.expectEmit(true, true, false, true, address(token));
        emit IComputeCapacityToken.PoolRegistered(NEW_POOL, provider2);
        vm.prank(registrar);
        token.registerPool(NEW_POOL, provider2);

        assertEq(token.poolProvider(NEW_POOL), provider2);
        IComputeCapacityToken.LotSpec memory spec = _spec2();
        spec.poolId = NEW_POOL;
        uint256 lotId = _issue(spec, provider2, 7);
        assertEq(token.lot(lotId).poolId, NEW_POOL);
    }
}
