// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `removeProvider` (see removeProvider.tree).
contract RemoveProvider_Unit_Test is TokenBase {
    function test_RevertWhen_TheCallerDoesNotHaveREGISTRARROLE() external {
        vm.expectRevert(_unauthorized(provider, REGISTRAR_ROLE));
        vm.prank(provider);
        token.removeProvider(provider);
    }

    function test_RevertWhen_TheAccountIsNotARegisteredProvider() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotProvider.selector, outsider));
        vm.prank(registrar);
        token.removeProvider(outsider);
    }

    function test_RevertWhen_TheProviderWasAlreadyRemoved() external {
        vm.startPrank(registrar);
        token.removeProvider(provider);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotProvider.selector, provider));
        token.removeProvider(provider);
        vm.stopPrank();
    }

    function test_When_TheAccountIsARegisteredProvider() external {
        uint256 lotId = _issueLot(100);

        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.ProviderRemoved(provider);
        vm.prank(registrar);
        token.removeProvider(provider);

        // it should unregister the provider
        assertFalse(token.isProvider(provider));
        // it should keep its pools assigned to it
        assertEq(token.poolProvider(POOL), provider);
        assertEq(token.poolProvider(POOL_2), provider);
        // it should keep its existing lots valid and transferable
        assertTrue(token.exists(lotId));
        assertEq(token.lot(lotId).provider, provider);
        vm.prank(provider);
        token.safeTransferFrom(provider, alice, lotId, 40, "");
        assertEq(token.balanceOf(alice, lotId), 40);
        // it should block new lots
        IComputeCapacityToken.LotSpec memory spec = _specN(1);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotProvider.selector, provider));
        vm.prank(provider);
        token.issueLot(spec, provider, 1);
        // it should block further issues of its lots
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotProvider.selector, provider));
        vm.prank(provider);
        token.issue(lotId, provider, 1);
    }
}
