// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `cancelPledge` (see cancelPledge.tree).
contract CancelPledge_Unit_Test is LendingBase {
    function _expectWrongStatus(uint256 pledgeId, IComputeLending.PledgeStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, status));
        vm.prank(alice);
        lending.cancelPledge(pledgeId);
    }

    function test_RevertWhen_ThePledgeDoesNotExist() external {
        _expectWrongStatus(3, IComputeLending.PledgeStatus.None);
    }

    function test_RevertWhen_ThePledgeIsActive() external {
        uint256 pledgeId = _activePledge();
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Active);
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "still locked");
    }

    function test_RevertWhen_ThePledgeIsAlreadyCancelled() external {
        uint256 pledgeId = _defaultPledge();
        vm.prank(alice);
        lending.cancelPledge(pledgeId);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Cancelled);
    }

    function test_RevertWhen_TheCallerIsNotTheHolder() external {
        uint256 pledgeId = _defaultPledge();
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_NotPledgeHolder.selector, pledgeId, lender));
        vm.prank(lender);
        lending.cancelPledge(pledgeId);
    }

    function test_When_TheMaturityHasPassed() external {
        uint256 pledgeId = _defaultPledge();
        vm.warp(maturity + 1);
        vm.prank(alice);
        lending.cancelPledge(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Cancelled));
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
    }

    /// @dev Unlocking passes no transfer check, so a pause cannot keep a holder's units locked for an unfunded request.
    function test_When_TheTokenIsPaused() external {
        uint256 pledgeId = _defaultPledge();
        vm.prank(pauser);
        token.pause();
        vm.prank(alice);
        lending.cancelPledge(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Cancelled);
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "unlocked while paused");
    }

    function test_When_AllChecksPass() external {
        uint256 pledgeId = _defaultPledge();

        vm.expectEmit(address(lending));
        emit IComputeLending.PledgeCancelled(pledgeId);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsUnlocked(alice, lotId, PLEDGE_UNITS);
        vm.prank(alice);
        lending.cancelPledge(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Cancelled));
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "unlocked");
        assertEq(token.balanceOf(alice, lotId), UNITS);

        // Units move freely again, and the request can no longer be funded.
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, UNITS, "");
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Cancelled
            )
        );
        vm.prank(lender);
        lending.fundPledge(pledgeId);
    }
}
