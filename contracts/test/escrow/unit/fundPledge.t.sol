// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract FundPledge_Unit_Test is EscrowBase {
    function _expectWrongStatus(uint256 pledgeId, IComputeEscrow.PledgeStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_WrongPledgeStatus.selector, pledgeId, status));
        vm.prank(lender);
        escrow.fundPledge(pledgeId);
    }

    function test_RevertWhen_ThePledgeDoesNotExist() external {
        _expectWrongStatus(1, IComputeEscrow.PledgeStatus.None);
    }

    function test_RevertWhen_ThePledgeIsAlreadyActive() external {
        uint256 pledgeId = _activePledge();
        _expectWrongStatus(pledgeId, IComputeEscrow.PledgeStatus.Active);
        assertEq(escrow.claimable(alice), PRINCIPAL, "credited once");
    }

    function test_RevertWhen_ThePledgeIsCancelled() external {
        uint256 pledgeId = _defaultPledge();
        vm.prank(alice);
        escrow.cancelPledge(pledgeId);
        _expectWrongStatus(pledgeId, IComputeEscrow.PledgeStatus.Cancelled);
    }

    function test_RevertWhen_ALenderIsDesignatedAndTheCallerIsAnotherAccount() external {
        uint256 pledgeId = _defaultPledge();
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NotDesignatedLender.selector, pledgeId, bob));
        vm.prank(bob);
        escrow.fundPledge(pledgeId);
    }

    /// @dev S-3: a stale request funded just before maturity would leave the borrower no block to repay in.
    function test_RevertWhen_LessThanMINREPAYWINDOWIsLeftBeforeMaturity() external {
        uint256 pledgeId = _defaultPledge();
        uint256 fundBy = maturity - escrow.MIN_REPAY_WINDOW();
        vm.warp(maturity - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_PledgeRequestExpired.selector, pledgeId, fundBy));
        vm.prank(lender);
        escrow.fundPledge(pledgeId);
        vm.warp(fundBy); // the last second it can be funded leaves the whole window
        vm.prank(lender);
        escrow.fundPledge(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Active));
    }

    function test_When_ExactlyMINREPAYWINDOWIsLeft() external {
        uint256 pledgeId = _defaultPledge();
        vm.warp(maturity - escrow.MIN_REPAY_WINDOW());

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.PledgeFunded(pledgeId, lender, PRINCIPAL);
        vm.prank(lender);
        escrow.fundPledge(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Active));
        assertEq(escrow.claimable(alice), PRINCIPAL, "holder credited");
    }

    /// @dev S-4: a lender that could not receive the units at default is refused at funding.
    function test_RevertWhen_TheFunderCouldNotReceiveTheUnits() external {
        _onboard(outsider);
        vm.prank(compliance);
        token.setAllowed(outsider, false);
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_PledgeNotTransferable.selector,
                pledgeId,
                IComputeCapacityToken.TransferStatus.ReceiverNotAllowed
            )
        );
        vm.prank(outsider);
        escrow.fundPledge(pledgeId);
    }

    /// @dev S-2: a holder frozen after requesting cannot get the pledge funded.
    function test_RevertWhen_TheHolderWasFrozenAfterRequesting() external {
        uint256 pledgeId = _defaultPledge();
        vm.prank(compliance);
        token.setFrozen(alice, true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_PledgeNotTransferable.selector,
                pledgeId,
                IComputeCapacityToken.TransferStatus.SenderFrozen
            )
        );
        vm.prank(lender);
        escrow.fundPledge(pledgeId);
    }

    function test_RevertWhen_TheLenderCannotPayThePrincipal() external {
        uint256 pledgeId = _defaultPledge();
        uint256 balance = usdc.balanceOf(lender);
        vm.prank(lender);
        assertTrue(usdc.transfer(bob, balance - 1));

        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, lender, 1, PRINCIPAL));
        vm.prank(lender);
        escrow.fundPledge(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Requested));
        assertEq(escrow.pledge(pledgeId).lender, lender);
        assertEq(escrow.claimable(alice), 0);
    }

    function test_RevertWhen_TheLenderIsBlacklistedInTheStablecoin() external {
        uint256 pledgeId = _defaultPledge();
        vm.prank(admin);
        usdc.setBlacklisted(lender, true);
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDC_Blacklisted.selector, lender));
        vm.prank(lender);
        escrow.fundPledge(pledgeId);
    }

    function test_When_NoLenderIsDesignated() external {
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.PledgeFunded(pledgeId, bob, PRINCIPAL);
        vm.prank(bob);
        escrow.fundPledge(pledgeId);

        IComputeEscrow.Pledge memory p = escrow.pledge(pledgeId);
        assertEq(p.lender, bob, "funder becomes the lender");
        assertEq(uint8(p.status), uint8(IComputeEscrow.PledgeStatus.Active));
        assertEq(escrow.claimable(alice), PRINCIPAL);
    }

    function test_When_TheHolderIsBlacklistedInTheStablecoin() external {
        uint256 pledgeId = _defaultPledge();
        vm.prank(admin);
        usdc.setBlacklisted(alice, true);
        vm.prank(lender);
        escrow.fundPledge(pledgeId);
        assertEq(escrow.claimable(alice), PRINCIPAL, "credited, not pushed");
    }

    function test_When_AllChecksPass() external {
        uint256 pledgeId = _defaultPledge();
        uint256 lenderBefore = usdc.balanceOf(lender);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.PledgeFunded(pledgeId, lender, PRINCIPAL);
        vm.prank(lender);
        escrow.fundPledge(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Active));
        assertEq(lenderBefore - usdc.balanceOf(lender), PRINCIPAL, "lender paid");
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, PRINCIPAL, "escrow holds it");
        assertEq(escrow.claimable(alice), PRINCIPAL, "holder credited");
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "still locked");

        uint256 aliceBefore = usdc.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(alice);
        assertEq(usdc.balanceOf(alice) - aliceBefore, PRINCIPAL, "holder receives the advance");
    }
}
