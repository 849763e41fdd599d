// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `fundPledge` (see fundPledge.tree).
contract FundPledge_Unit_Test is LendingBase {
    function _expectWrongStatus(uint256 pledgeId, IComputeLending.PledgeStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, status));
        vm.prank(lender);
        lending.fundPledge(pledgeId);
    }

    function test_RevertWhen_ThePledgeDoesNotExist() external {
        _expectWrongStatus(1, IComputeLending.PledgeStatus.None);
    }

    function test_RevertWhen_ThePledgeIsAlreadyActive() external {
        uint256 pledgeId = _activePledge();
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Active);
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "credited once");
    }

    function test_RevertWhen_ThePledgeIsCancelled() external {
        uint256 pledgeId = _defaultPledge();
        vm.prank(alice);
        lending.cancelPledge(pledgeId);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Cancelled);
    }

    function test_RevertWhen_ALenderIsDesignatedAndTheCallerIsAnotherAccount() external {
        uint256 pledgeId = _defaultPledge();
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_NotDesignatedLender.selector, pledgeId, bob));
        vm.prank(bob);
        lending.fundPledge(pledgeId);
    }

    /// @dev L-4: a self-funded pledge moves no value (the principal would go from the holder to itself) and would let
    /// the holder, as its own lender, auction units it cannot move; refused whether the holder designated itself or
    /// funds a request open to anyone.
    function test_RevertWhen_TheFunderIsTheHolderItself() external {
        uint256 toSelf = _requestPledge(alice, PLEDGE_UNITS, alice, PRINCIPAL, FEE, maturity);
        uint256 open = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);
        uint256[2] memory ids = [toSelf, open];
        uint256 aliceUsdc = usdc.balanceOf(alice);
        for (uint256 i; i < ids.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SelfFunding.selector, ids[i]));
            vm.prank(alice);
            lending.fundPledge(ids[i]);
            assertEq(uint8(_pledgeStatus(ids[i])), uint8(IComputeLending.PledgeStatus.Requested));
            assertEq(lending.pledge(ids[i]).lender, i == 0 ? alice : address(0), "no lender recorded");
        }
        assertEq(usdc.balanceOf(alice), aliceUsdc, "nothing paid");
        assertEq(escrow.claimable(alice, address(usdc)), 0, "nothing credited");
        _assertLendingHoldsNothing();
    }

    /// @dev S-3: a stale request funded just before maturity would leave the borrower no block to repay in.
    function test_RevertWhen_LessThanMINREPAYWINDOWIsLeftBeforeMaturity() external {
        uint256 pledgeId = _defaultPledge();
        uint256 fundBy = maturity - lending.MIN_REPAY_WINDOW();
        vm.warp(maturity - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_PledgeRequestExpired.selector, pledgeId, fundBy));
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(fundBy); // the last second it can be funded leaves the whole window
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Active));
    }

    function test_When_ExactlyMINREPAYWINDOWIsLeft() external {
        uint256 pledgeId = _defaultPledge();
        vm.warp(maturity - lending.MIN_REPAY_WINDOW());

        vm.expectEmit(address(lending));
        emit IComputeLending.PledgeFunded(pledgeId, lender, PRINCIPAL);
        vm.prank(lender);
        lending.fundPledge(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Active));
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "holder credited");
    }

    /// @dev S-4: a lender that could not receive the units at default is refused at funding.
    function test_RevertWhen_TheFunderCouldNotReceiveTheUnits() external {
        _onboard(outsider);
        vm.prank(compliance);
        token.setAllowed(outsider, false);
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_PledgeNotTransferable.selector,
                pledgeId,
                IComputeCapacityToken.TransferStatus.ReceiverNotAllowed
            )
        );
        vm.prank(outsider);
        lending.fundPledge(pledgeId);
    }

    /// @dev S-2: a holder frozen after requesting cannot get the pledge funded.
    function test_RevertWhen_TheHolderWasFrozenAfterRequesting() external {
        uint256 pledgeId = _defaultPledge();
        vm.prank(compliance);
        token.setFrozen(alice, true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_PledgeNotTransferable.selector,
                pledgeId,
                IComputeCapacityToken.TransferStatus.SenderFrozen
            )
        );
        vm.prank(lender);
        lending.fundPledge(pledgeId);
    }

    function test_RevertWhen_TheLenderCannotPayThePrincipal() external {
        uint256 pledgeId = _defaultPledge();
        uint256 balance = usdc.balanceOf(lender);
        vm.prank(lender);
        assertTrue(usdc.transfer(bob, balance - 1));

        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, lender, 1, PRINCIPAL));
        vm.prank(lender);
        lending.fundPledge(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Requested));
        assertEq(lending.pledge(pledgeId).lender, lender);
        assertEq(escrow.claimable(alice, address(usdc)), 0);
    }

    /// @dev The principal is pulled by the lending module, not the escrow: an allowance to the escrow does not fund.
    function test_RevertWhen_TheFunderApprovedTheEscrowButNotTheLendingModule() external {
        address funder = makeAddr("escrow-approver");
        vm.prank(admin);
        usdc.mint(funder, PRINCIPAL);
        vm.prank(compliance);
        token.setAllowed(funder, true);
        vm.prank(funder);
        usdc.approve(address(escrow), type(uint256).max);
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(lending), 0, PRINCIPAL)
        );
        vm.prank(funder);
        lending.fundPledge(pledgeId);
        assertEq(usdc.balanceOf(funder), PRINCIPAL, "nothing pulled");
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Requested);
    }

    /// @dev The escrow credits loans only to LENDING_ROLE: a module it does not know cannot hand out its money, and
    /// the principal it moved in is rolled back with the whole call.
    function test_RevertWhen_TheLendingModuleLacksTheEscrowsLENDINGROLE() external {
        uint256 pledgeId = _defaultPledge();
        bytes32 role = escrow.LENDING_ROLE();
        vm.prank(admin);
        escrow.revokeRole(role, address(lending));
        uint256 lenderUsdc = usdc.balanceOf(lender);
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(lending), role)
        );
        vm.prank(lender);
        lending.fundPledge(pledgeId);

        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Requested);
        assertEq(usdc.balanceOf(lender), lenderUsdc, "principal rolled back");
        assertEq(usdc.balanceOf(address(escrow)), escrowUsdc);
        assertEq(escrow.claimable(alice, address(usdc)), 0, "holder uncredited");
    }

    function test_RevertWhen_TheLenderIsBlacklistedInTheStablecoin() external {
        uint256 pledgeId = _defaultPledge();
        vm.prank(admin);
        usdc.setBlacklisted(lender, true);
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDC_Blacklisted.selector, lender));
        vm.prank(lender);
        lending.fundPledge(pledgeId);
    }

    function test_When_NoLenderIsDesignated() external {
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);
        vm.expectEmit(address(lending));
        emit IComputeLending.PledgeFunded(pledgeId, bob, PRINCIPAL);
        vm.prank(bob);
        lending.fundPledge(pledgeId);

        IComputeLending.Pledge memory p = lending.pledge(pledgeId);
        assertEq(p.lender, bob, "funder becomes the lender");
        assertEq(uint8(p.status), uint8(IComputeLending.PledgeStatus.Active));
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL);
    }

    function test_When_TheHolderIsBlacklistedInTheStablecoin() external {
        uint256 pledgeId = _defaultPledge();
        vm.prank(admin);
        usdc.setBlacklisted(alice, true);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "credited, not pushed");
    }

    function test_When_AllChecksPass() external {
        uint256 pledgeId = _defaultPledge();
        uint256 lenderBefore = usdc.balanceOf(lender);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        vm.expectEmit(address(lending));
        emit IComputeLending.PledgeFunded(pledgeId, lender, PRINCIPAL);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanCredited(address(lending), alice, address(usdc), PRINCIPAL);
        vm.prank(lender);
        lending.fundPledge(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Active));
        assertEq(lenderBefore - usdc.balanceOf(lender), PRINCIPAL, "lender paid");
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, PRINCIPAL, "escrow holds it");
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "holder credited");
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "still locked");
        _assertLendingHoldsNothing();
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance, obligations, "exactly solvent");

        uint256 aliceBefore = usdc.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);
        assertEq(usdc.balanceOf(alice) - aliceBefore, PRINCIPAL, "holder receives the advance");
    }
}
