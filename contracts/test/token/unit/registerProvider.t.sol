// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `registerProvider` (see registerProvider.tree).
contract RegisterProvider_Unit_Test is TokenBase {
    address internal newProvider = makeAddr("newProvider");

    function test_RevertWhen_TheCallerDoesNotHaveREGISTRARROLE() external {
        vm.expectRevert(_unauthorized(outsider, REGISTRAR_ROLE));
        vm.prank(outsider);
        token.registerProvider(newProvider);
    }

    function test_RevertWhen_TheProviderIsTheZeroAddress() external {
        vm.expectRevert(_err(IComputeCapacityToken.ComputeToken_ZeroProvider.selector));
        vm.prank(registrar);
        token.registerProvider(address(0));
    }

    function test_RevertWhen_TheProviderIsAlreadyRegistered() external {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ProviderAlreadyRegistered.selector, provider)
        );
        vm.prank(registrar);
        token.registerProvider(provider);
    }

    function test_When_TheProviderIsANewNonZeroAddress() external {
        assertFalse(token.isProvider(newProvider));

        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.ProviderRegistered(newProvider);
        vm.prank(registrar);
        token.registerProvider(newProvider);

        assertTrue(token.isProvider(newProvider));
    }

    function test_When_TheProviderWasRemovedBefore() external {
        vm.startPrank(registrar);
        token.removeProvider(provider);
        assertFalse(token.isProvider(provider));

        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.ProviderRegistered(provider);
        token.registerProvider(provider);
        vm.stopPrank();

        assertTrue(token.isProvider(provider));
        assertEq(token.poolProvider(POOL), provider);
        // It can issue on its old pool again.
        uint256 lotId = _issueLot(10);
        assertEq(token.balanceOf(provider, lotId), 10);
    }
}
