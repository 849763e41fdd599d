// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `setAllowedBatch` (see setAllowedBatch.tree).
contract SetAllowedBatch_Unit_Test is TokenBase {
    address internal carol = makeAddr("carol");

    function _three(address a, address b, address c) internal pure returns (address[] memory list) {
        list = new address[](3);
        (list[0], list[1], list[2]) = (a, b, c);
    }

    function test_RevertWhen_TheCallerDoesNotHaveCOMPLIANCEROLE() external {
        vm.expectRevert(_unauthorized(registrar, COMPLIANCE_ROLE));
        vm.prank(registrar);
        token.setAllowedBatch(_three(outsider, carol, alice), true);
    }

    function test_When_TheListIsEmpty() external {
        vm.recordLogs();
        vm.prank(compliance);
        token.setAllowedBatch(new address[](0), true);
        assertEq(vm.getRecordedLogs().length, 0);
    }

    function test_When_AllowingSeveralAccounts() external {
        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.AllowlistUpdated(outsider, true);
        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.AllowlistUpdated(carol, true);
        vm.recordLogs();
        vm.prank(compliance);
        token.setAllowedBatch(_three(outsider, alice, carol), true); // alice is allowed already

        assertEq(vm.getRecordedLogs().length, 2);
        assertTrue(token.isAllowed(outsider));
        assertTrue(token.isAllowed(alice));
        assertTrue(token.isAllowed(carol));
    }

    function test_When_RemovingSeveralAccounts() external {
        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.AllowlistUpdated(alice, false);
        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.AllowlistUpdated(bob, false);
        vm.expectEmit(true, false, false, true, address(token));
        emit IComputeCapacityToken.AllowlistUpdated(lender, false);
        vm.prank(compliance);
        token.setAllowedBatch(_three(alice, bob, lender), false);

        assertFalse(token.isAllowed(alice));
        assertFalse(token.isAllowed(bob));
        assertFalse(token.isAllowed(lender));
        assertTrue(token.isAllowed(provider));
    }

    function test_When_AnAccountIsListedTwice() external {
        vm.recordLogs();
        vm.prank(compliance);
        token.setAllowedBatch(_three(carol, carol, carol), true);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        assertEq(logs[0].topics[0], IComputeCapacityToken.AllowlistUpdated.selector);
        assertEq(logs[0].topics[1], bytes32(uint256(uint160(carol))));
        assertTrue(token.isAllowed(carol));
    }
}
