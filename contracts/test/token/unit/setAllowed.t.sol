// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `setAllowed` (see setAllowed.tree).
contract SetAllowed_Unit_Test is TokenBase {
    function test_RevertWhen_TheCallerDoesNotHaveCOMPLIANCEROLE() external {
        vm.expectRevert(_unauthorized(alice, COMPLIANCE_ROLE));
        vm.prank(alice);
        token.setAllowed(outsider, true);
    }

    function test_When_TheStatusAlreadyEqualsTheRequestedOne() external {
        vm.recordLogs();
        vm.startPrank(compliance);
        token.setAllowed(alice, true);
        token.setAllowed(outsider, false);
        vm.stopPrank();

        assertEq(vm.getRecordedLogs().length, 0);
        assertTrue(token.isAllowed(alice));
        assertFalse(token.isAllowed(outsider));
    }

    function test_When_AllowingAnAccount() external {
        uint256 lotId = _issueLot(10);

        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.AllowlistUpdated(outsider, true);
        vm.prank(compliance);
        token.setAllowed(outsider, true);

        assertTrue(token.isAllowed(outsider));
        vm.prank(provider);
        token.safeTransferFrom(provider, outsider, lotId, 4, "");
        vm.prank(outsider);
        token.safeTransferFrom(outsider, alice, lotId, 1, "");
        assertEq(token.balanceOf(outsider, lotId), 3);
        assertEq(token.balanceOf(alice, lotId), 1);
    }

    function test_When_RemovingAnAccount() external {
        uint256 lotId = _issueTo(alice, 10);

        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.AllowlistUpdated(alice, false);
        vm.prank(compliance);
        token.setAllowed(alice, false);

        assertFalse(token.isAllowed(alice));
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderNotAllowed.selector, alice));
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 1, "");

        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, alice));
        vm.prank(provider);
        token.issue(lotId, alice, 1);
    }
}
