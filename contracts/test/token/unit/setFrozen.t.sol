// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `setFrozen` (see setFrozen.tree).
contract SetFrozen_Unit_Test is TokenBase {
    uint256 internal lotId;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 10);
    }

    function test_RevertWhen_TheCallerDoesNotHaveCOMPLIANCEROLE() external {
        vm.expectRevert(_unauthorized(recovery, COMPLIANCE_ROLE));
        vm.prank(recovery);
        token.setFrozen(alice, true);
    }

    function test_When_TheStatusAlreadyEqualsTheRequestedOne() external {
        vm.recordLogs();
        vm.prank(compliance);
        token.setFrozen(alice, false);
        assertEq(vm.getRecordedLogs().length, 0);
        assertFalse(token.isFrozen(alice));
    }

    function test_When_FreezingAnAccount() external {
        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.AccountFrozen(alice, true);
        vm.prank(compliance);
        token.setFrozen(alice, true);

        assertTrue(token.isFrozen(alice));
        assertTrue(token.isAllowed(alice));
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderFrozen.selector, alice));
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 1, "");
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, alice));
        vm.prank(provider);
        token.issue(lotId, alice, 1);
    }

    function test_When_UnfreezingAnAccount() external {
        _freeze(alice);

        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.AccountFrozen(alice, false);
        vm.prank(compliance);
        token.setFrozen(alice, false);

        assertFalse(token.isFrozen(alice));
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 1, "");
        assertEq(token.balanceOf(bob, lotId), 1);
    }
}
