// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `repay` (see repay.tree).
contract Repay_Unit_Test is LendingBase {
    function _expectWrongStatus(uint256 pledgeId, IComputeLending.PledgeStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, status));
        vm.prank(alice);
        lending.repay(pledgeId);
    }

    function test_RevertWhen_ThePledgeIsRequested() external {
        _expectWrongStatus(_defaultPledge(), IComputeLending.PledgeStatus.Requested);
    }

    function test_RevertWhen_ThePledgeIsAlreadyRepaid() external {
        uint256 pledgeId = _activePledge();
        vm.prank(alice);
        lending.repay(pledgeId);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Repaid);
        assertEq(escrow.claimable(lender, address(usdc)), OWED, "lender credited once");
    }

    function test_RevertWhen_ThePledgeIsClaimed() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
    }

    /// @dev Once the lender put the collateral up for auction, the borrower can no longer repay (and reclaim the units
    /// a buyer may be paying for): the sale's proceeds repay the lender.
    function test_RevertWhen_ThePledgesCollateralIsBeingAuctioned() external {
        uint256 pledgeId = _auctionedPledge();
        uint256 aliceUsdc = usdc.balanceOf(alice);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
        assertEq(usdc.balanceOf(alice), aliceUsdc, "nothing paid");
        assertEq(escrow.claimable(lender, address(usdc)), 0, "nothing credited");
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "still locked, still for sale");
    }

    function test_RevertWhen_ThePledgeIsLiquidated() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, PLEDGE_UNITS);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
        assertEq(escrow.claimable(lender, address(usdc)), OWED, "paid once, by the sale");
    }

    function test_When_TheTimeIsAtTheMaturity() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.prank(alice);
        lending.repay(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Repaid));
    }

    /// @dev S-4: after maturity, with a lender that can no longer receive the units, the pledge can still be closed.
    function test_When_TheTimeIsAfterTheMaturityAndTheLenderCanNoLongerReceiveUnits() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setFrozen(lender, true);
        vm.warp(maturity + 3 days);
        vm.prank(alice);
        lending.repay(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Repaid));
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "units unlocked");
        assertEq(escrow.claimable(lender, address(usdc)), PRINCIPAL + FEE, "lender credited");
    }

    function test_RevertWhen_ThePayerCannotPayPrincipalPlusFee() external {
        uint256 pledgeId = _activePledge();
        vm.prank(admin);
        usdc.mint(outsider, OWED - 1);
        vm.prank(outsider);
        usdc.approve(address(lending), type(uint256).max);

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, outsider, OWED - 1, OWED)
        );
        vm.prank(outsider);
        lending.repay(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Active));
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS);
        assertEq(escrow.claimable(lender, address(usdc)), 0);
    }

    /// @dev The repayment is pulled by the lending module: an allowance to the escrow does not repay.
    function test_RevertWhen_ThePayerApprovedTheEscrowButNotTheLendingModule() external {
        uint256 pledgeId = _activePledge();
        vm.prank(admin);
        usdc.mint(outsider, OWED);
        vm.prank(outsider);
        usdc.approve(address(escrow), type(uint256).max);

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(lending), 0, OWED)
        );
        vm.prank(outsider);
        lending.repay(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);
        assertEq(usdc.balanceOf(outsider), OWED, "nothing pulled");
    }

    /// @dev S-5: while the stablecoin is paused nobody can repay (claimCollateral refuses meanwhile, then the cure).
    function test_RevertWhen_TheStablecoinIsPaused() external {
        uint256 pledgeId = _activePledge();
        vm.prank(admin);
        usdc.setPaused(true);
        vm.expectRevert(MockUSDC.MockUSDC_Paused.selector);
        vm.prank(alice);
        lending.repay(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "still locked");
    }

    /// @dev The lending module is the spender of every repayment: a stablecoin that blacklists it stops repayments.
    function test_RevertWhen_TheStablecoinBlacklistsTheLendingModule() external {
        uint256 pledgeId = _activePledge();
        vm.prank(admin);
        usdc.setBlacklisted(address(lending), true);
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDC_Blacklisted.selector, address(lending)));
        vm.prank(alice);
        lending.repay(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);
    }

    /// @dev Unlocking passes no transfer check: a paused token does not keep repaid collateral locked.
    function test_When_TheTokenIsPaused() external {
        uint256 pledgeId = _activePledge();
        vm.prank(pauser);
        token.pause();
        vm.prank(alice);
        lending.repay(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Repaid);
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "unlocked while paused");
        assertEq(escrow.claimable(lender, address(usdc)), OWED, "lender credited");
    }

    function test_When_AThirdPartyPays() external {
        uint256 pledgeId = _activePledge();
        uint256 bobBefore = usdc.balanceOf(bob);
        vm.expectEmit(address(lending));
        emit IComputeLending.PledgeRepaid(pledgeId, bob, OWED);
        vm.prank(bob);
        lending.repay(pledgeId);

        assertEq(bobBefore - usdc.balanceOf(bob), OWED);
        assertEq(escrow.claimable(lender, address(usdc)), OWED);
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "holder's units released");
    }

    function test_When_TheLenderIsBlacklistedInTheStablecoin() external {
        uint256 pledgeId = _activePledge();
        vm.prank(admin);
        usdc.setBlacklisted(lender, true);
        vm.prank(alice);
        lending.repay(pledgeId);
        assertEq(escrow.claimable(lender, address(usdc)), OWED);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Repaid));
    }

    function test_When_TheHolderPaysOneSecondBeforeMaturity() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity - 1);
        uint256 aliceBefore = usdc.balanceOf(alice);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        vm.expectEmit(address(lending));
        emit IComputeLending.PledgeRepaid(pledgeId, alice, OWED);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanCredited(address(lending), lender, address(usdc), OWED);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsUnlocked(alice, lotId, PLEDGE_UNITS);
        vm.prank(alice);
        lending.repay(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Repaid));
        assertEq(aliceBefore - usdc.balanceOf(alice), OWED, "payer paid principal + fee");
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, OWED);
        assertEq(escrow.claimable(lender, address(usdc)), OWED, "lender credited");
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "unlocked");
        assertEq(token.balanceOf(alice, lotId), UNITS);
        _assertLendingHoldsNothing();
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance, obligations, "exactly solvent");

        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, UNITS, ""); // free to move
    }
}
