// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract CancelPledge_Unit_Test is EscrowBase {
    function _expectWrongStatus(uint256 pledgeId, IComputeEscrow.PledgeStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_WrongPledgeStatus.selector, pledgeId, status));
        vm.prank(alice);
        escrow.cancelPledge(pledgeId);
    }

    function test_RevertWhen_ThePledgeDoesNotExist() external {
        _expectWrongStatus(3, IComputeEscrow.PledgeStatus.None);
    }

    function test_RevertWhen_ThePledgeIsActive() external {
        uint256 pledgeId = _activePledge();
        _expectWrongStatus(pledgeId, IComputeEscrow.PledgeStatus.Active);
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "still locked");
    }

    function test_RevertWhen_ThePledgeIsAlreadyCancelled() external {
        uint256 pledgeId = _defaultPledge();
        vm.prank(alice);
        escrow.cancelPledge(pledgeId);
        _expectWrongStatus(pledgeId, IComputeEscrow.PledgeStatus.Cancelled);
    }

    function test_RevertWhen_TheCallerIsNotTheHolder() external {
        uint256 pledgeId = _defaultPledge();
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NotPledgeHolder.selector, pledgeId, lender));
        vm.prank(lender);
        escrow.cancelPledge(pledgeId);
    }

    function test_When_TheMaturityHasPassed() external {
        uint256 pledgeId = _defaultPledge();
        vm.warp(maturity + 1);
        vm.prank(alice);
        escrow.cancelPledge(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Cancelled));
        assertEq(token.lockedBalanceOf(alice, lotId), 0);
    }

    function test_When_AllChecksPass() external {
        uint256 pledgeId = _defaultPledge();

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.PledgeCancelled(pledgeId);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsUnlocked(alice, lotId, PLEDGE_UNITS);
        vm.prank(alice);
        escrow.cancelPledge(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Cancelled));
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "unlocked");
        assertEq(token.balanceOf(alice, lotId), UNITS);

        // Units move freely again, and the request can no longer be funded.
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, UNITS, "");
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_WrongPledgeStatus.selector, pledgeId, IComputeEscrow.PledgeStatus.Cancelled
            )
        );
        vm.prank(lender);
        escrow.fundPledge(pledgeId);
    }
}
