// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract Repay_Unit_Test is EscrowBase {
    uint256 internal constant OWED = PRINCIPAL + FEE;

    function _expectWrongStatus(uint256 pledgeId, IComputeEscrow.PledgeStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_WrongPledgeStatus.selector, pledgeId, status));
        vm.prank(alice);
        escrow.repay(pledgeId);
    }

    function test_RevertWhen_ThePledgeIsRequested() external {
        _expectWrongStatus(_defaultPledge(), IComputeEscrow.PledgeStatus.Requested);
    }

    function test_RevertWhen_ThePledgeIsAlreadyRepaid() external {
        uint256 pledgeId = _activePledge();
        vm.prank(alice);
        escrow.repay(pledgeId);
        _expectWrongStatus(pledgeId, IComputeEscrow.PledgeStatus.Repaid);
        assertEq(escrow.claimable(lender), OWED, "lender credited once");
    }

    function test_RevertWhen_ThePledgeIsClaimed() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.prank(lender);
        escrow.claimCollateral(pledgeId);
        _expectWrongStatus(pledgeId, IComputeEscrow.PledgeStatus.Claimed);
    }

    function test_When_TheTimeIsAtTheMaturity() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.prank(alice);
        escrow.repay(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Repaid));
    }

    /// @dev S-4: after maturity, with a lender that can no longer receive the units, the pledge can still be closed.
    function test_When_TheTimeIsAfterTheMaturityAndTheLenderCanNoLongerReceiveUnits() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setFrozen(lender, true);
        vm.warp(maturity + 3 days);
        vm.prank(alice);
        escrow.repay(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Repaid));
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "units unlocked");
        assertEq(escrow.claimable(lender), PRINCIPAL + FEE, "lender credited");
    }

    function test_RevertWhen_ThePayerCannotPayPrincipalPlusFee() external {
        uint256 pledgeId = _activePledge();
        vm.prank(admin);
        usdc.mint(outsider, OWED - 1);
        vm.prank(outsider);
        usdc.approve(address(escrow), type(uint256).max);

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, outsider, OWED - 1, OWED)
        );
        vm.prank(outsider);
        escrow.repay(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Active));
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS);
        assertEq(escrow.claimable(lender), 0);
    }

    function test_When_AThirdPartyPays() external {
        uint256 pledgeId = _activePledge();
        uint256 bobBefore = usdc.balanceOf(bob);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.PledgeRepaid(pledgeId, bob, OWED);
        vm.prank(bob);
        escrow.repay(pledgeId);

        assertEq(bobBefore - usdc.balanceOf(bob), OWED);
        assertEq(escrow.claimable(lender), OWED);
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "holder's units released");
    }

    function test_When_TheLenderIsBlacklistedInTheStablecoin() external {
        uint256 pledgeId = _activePledge();
        vm.prank(admin);
        usdc.setBlacklisted(lender, true);
        vm.prank(alice);
        escrow.repay(pledgeId);
        assertEq(escrow.claimable(lender), OWED);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Repaid));
    }

    function test_When_TheHolderPaysOneSecondBeforeMaturity() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity - 1);
        uint256 aliceBefore = usdc.balanceOf(alice);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.PledgeRepaid(pledgeId, alice, OWED);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsUnlocked(alice, lotId, PLEDGE_UNITS);
        vm.prank(alice);
        escrow.repay(pledgeId);

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Repaid));
        assertEq(aliceBefore - usdc.balanceOf(alice), OWED, "payer paid principal + fee");
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, OWED);
        assertEq(escrow.claimable(lender), OWED, "lender credited");
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "unlocked");
        assertEq(token.balanceOf(alice, lotId), UNITS);

        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, UNITS, ""); // free to move
    }
}
