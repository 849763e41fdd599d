// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract ClaimCollateral_Unit_Test is EscrowBase {
    function _expectWrongStatus(uint256 pledgeId, IComputeEscrow.PledgeStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_WrongPledgeStatus.selector, pledgeId, status));
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);
    }

    function _assertSeized(uint256 pledgeId) internal view {
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Claimed));
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS, "lender got the collateral");
        assertEq(token.balanceOf(alice, lotId), UNITS - PLEDGE_UNITS, "holder lost it");
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "nothing locked");
    }

    function test_RevertWhen_ThePledgeIsRequested() external {
        uint256 pledgeId = _defaultPledge();
        vm.warp(maturity);
        _expectWrongStatus(pledgeId, IComputeEscrow.PledgeStatus.Requested);
    }

    function test_RevertWhen_ThePledgeIsRepaid() external {
        uint256 pledgeId = _activePledge();
        vm.prank(alice);
        escrow.repay(pledgeId);
        vm.warp(maturity);
        _expectWrongStatus(pledgeId, IComputeEscrow.PledgeStatus.Repaid);
    }

    function test_RevertWhen_ThePledgeIsAlreadyClaimed() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);
        _expectWrongStatus(pledgeId, IComputeEscrow.PledgeStatus.Claimed);
    }

    function test_RevertWhen_TheCallerIsNotTheLender() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NotPledgeLender.selector, pledgeId, alice));
        vm.prank(alice);
        escrow.claimCollateral(pledgeId);
    }

    function test_RevertWhen_TheTimeIsBeforeTheMaturity() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_PledgeNotMatured.selector, pledgeId, maturity));
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);
    }

    function test_RevertWhen_TheLenderIsNoLongerAllowlisted() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setAllowed(lender, false);
        vm.warp(maturity);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, lender));
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Active));
    }

    function test_When_TheHolderIsFrozen() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setFrozen(alice, true);
        vm.warp(maturity);
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);
        _assertSeized(pledgeId);
    }

    /// @dev S-5: while the stablecoin is paused the borrower cannot repay, so no default is taken.
    function test_RevertWhen_TheStablecoinIsPaused() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.prank(admin);
        usdc.setPaused(true);
        vm.expectRevert(IComputeEscrow.Escrow_SettlementPaused.selector);
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);
    }

    /// @dev S-5: a stablecoin pause across maturity is followed by a cure: the borrower gets SETTLEMENT_CURE after
    /// the pause was last recorded to repay.
    function test_RevertWhen_AStablecoinPauseWasRecordedLessThanSETTLEMENTCUREAgo() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity - 1 hours);
        vm.prank(admin);
        usdc.setPaused(true);
        vm.warp(maturity + 2 days);
        escrow.recordSettlementPause(); // anyone (a keeper, the borrower) records it while it lasts
        vm.prank(admin);
        usdc.setPaused(false);
        uint256 cureEnd = block.timestamp + escrow.SETTLEMENT_CURE();
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SettlementCure.selector, cureEnd));
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);
        // the borrower repays within the cure
        vm.prank(alice);
        escrow.repay(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Repaid));
    }

    function test_When_TheLastRecordedPauseIsAtLeastSETTLEMENTCUREOld() external {
        uint256 pledgeId = _activePledge();
        vm.prank(admin);
        usdc.setPaused(true);
        escrow.recordSettlementPause();
        vm.prank(admin);
        usdc.setPaused(false);
        vm.warp(maturity + escrow.SETTLEMENT_CURE());
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);
        _assertSeized(pledgeId);
    }

    function test_When_TheLotsWindowHasEnded() external {
        uint256 pledgeId =
            _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, FEE, endsAt - escrow.MATURITY_MARGIN());
        vm.prank(lender);
        escrow.fundPledge(pledgeId);
        vm.warp(endsAt + 30 days);
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);
        _assertSeized(pledgeId);
    }

    function test_When_AllChecksPass() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CollateralClaimed(pledgeId, lender, PLEDGE_UNITS);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsSeized(alice, lender, lotId, PLEDGE_UNITS);
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);

        _assertSeized(pledgeId);
        assertEq(escrow.claimable(alice), PRINCIPAL, "holder keeps the advance");
        assertEq(escrow.claimable(lender), 0, "lender gets units, not money");
    }
}
