// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `pause` (see pause.tree).
contract Pause_Unit_Test is TokenBase {
    uint256 internal lotId;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 10);
    }

    function test_RevertWhen_TheCallerDoesNotHavePAUSERROLE() external {
        vm.expectRevert(_unauthorized(admin, PAUSER_ROLE));
        vm.prank(admin);
        token.pause();
    }

    function test_RevertWhen_TheTokenIsAlreadyPaused() external {
        _pause();
        vm.expectRevert(_err(Pausable.EnforcedPause.selector));
        vm.prank(pauser);
        token.pause();
    }

    function test_When_TheTokenIsNotPaused() external {
        _lock(alice, lotId, 2); // for the seize check below

        vm.expectEmit(false, false, false, true, address(token));
        emit Pausable.Paused(pauser);
        vm.prank(pauser);
        token.pause();
        assertTrue(token.paused());

        bytes memory paused = _err(Pausable.EnforcedPause.selector);

        // it should block transfers
        vm.expectRevert(paused);
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 1, "");
        // it should block batch transfers
        uint256[] memory ids = new uint256[](1);
        uint256[] memory units = new uint256[](1);
        (ids[0], units[0]) = (lotId, 1);
        vm.expectRevert(paused);
        vm.prank(alice);
        token.safeBatchTransferFrom(alice, bob, ids, units, "");
        // it should block issueLot, issue and issueBatch
        vm.startPrank(provider);
        vm.expectRevert(paused);
        token.issueLot(_specN(7), provider, 1);
        vm.expectRevert(paused);
        token.issue(lotId, provider, 1);
        vm.expectRevert(paused);
        token.issueBatch(ids, provider, units);
        vm.stopPrank();
        // it should block redeemFrom and seize
        vm.expectRevert(paused);
        vm.prank(escrowAgent);
        token.redeemFrom(alice, lotId, 1);
        vm.startPrank(collateralAgent);
        vm.expectRevert(paused);
        token.seize(alice, lender, lotId, 1);
        // it should block lock (S-2: a pledge passes a transfer's checks) and still allow unlock
        vm.expectRevert(paused);
        token.lock(alice, lotId, 1);
        token.unlock(alice, lotId, 2);
        vm.stopPrank();
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
        // it should still allow forcedTransfer
        vm.prank(recovery);
        token.forcedTransfer(alice, bob, lotId, 4);
        assertEq(token.balanceOf(bob, lotId), 4);
        // it should record the pause start in pauseWindow
        (uint40 pausedAt, uint40 unpausedAt) = token.pauseWindow();
        assertEq(pausedAt, block.timestamp, "pausedAt");
        assertEq(unpausedAt, 0, "still paused");
    }

    function test_When_ThePreviousPauseEndedLessThanPAUSECUREAgo() external {
        _pause();
        uint256 firstStart = block.timestamp;
        skip(2 hours);
        vm.prank(pauser);
        token.unpause();
        skip(token.PAUSE_CURE() - 1);
        _pause();
        (uint40 pausedAt, uint40 unpausedAt) = token.pauseWindow();
        assertEq(pausedAt, firstStart, "one continued pause");
        assertEq(unpausedAt, 0);
    }

    function test_When_ThePreviousPauseEndedPAUSECUREAgoOrMore() external {
        _pause();
        skip(2 hours);
        vm.prank(pauser);
        token.unpause();
        skip(token.PAUSE_CURE());
        _pause();
        (uint40 pausedAt,) = token.pauseWindow();
        assertEq(pausedAt, block.timestamp, "a new pause");
    }
}
