// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `unpause` (see unpause.tree).
contract Unpause_Unit_Test is TokenBase {
    function test_RevertWhen_TheCallerDoesNotHavePAUSERROLE() external {
        _pause();
        vm.expectRevert(_unauthorized(compliance, PAUSER_ROLE));
        vm.prank(compliance);
        token.unpause();
    }

    function test_RevertWhen_TheTokenIsNotPaused() external {
        vm.expectRevert(_err(Pausable.ExpectedPause.selector));
        vm.prank(pauser);
        token.unpause();
    }

    function test_When_TheTokenIsPaused() external {
        uint256 lotId = _issueTo(alice, 10);
        _pause();

        vm.expectEmit(false, false, false, true, address(token));
        emit Pausable.Unpaused(pauser);
        vm.prank(pauser);
        token.unpause();

        assertFalse(token.paused());
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 3, "");
        vm.prank(provider);
        token.issue(lotId, bob, 2);
        vm.prank(escrowAgent);
        token.redeemFrom(bob, lotId, 1);
        assertEq(token.balanceOf(bob, lotId), 4);
        assertEq(token.totalSupply(lotId), 11);
        (, uint40 unpausedAt) = token.pauseWindow();
        assertEq(unpausedAt, block.timestamp, "unpausedAt recorded");
    }
}
