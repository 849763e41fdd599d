// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCurtailment} from "../../../src/interfaces/IComputeCurtailment.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {CurtailmentBase} from "../CurtailmentBase.sol";

contract Claim_Unit_Test is CurtailmentBase {
    uint64 internal constant CURTAILED = 12;

    function _refund(uint256 units) internal pure returns (uint256) {
        return units * (CURTAILED * uint256(RATE)) / ISSUED; // the pot, 12 × 1.25 USDC, per issued unit
    }

    function _expectRevertClaim(address account, bytes memory err) internal {
        vm.expectRevert(err);
        curtailment.claim(iLot, account);
    }

    function test_RevertWhen_TheLotWasNeverDeclared() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_NotDeclared.selector, lotId));
        curtailment.claim(lotId, alice);
    }

    function test_RevertWhen_ItIsNotFinalized() external {
        _curtailedOnFirstDay(CURTAILED);
        vm.warp(iEndsAt);
        _expectRevertClaim(alice, abi.encodeWithSelector(IComputeCurtailment.Curtailment_NotFinalized.selector, iLot));
    }

    function test_RevertWhen_ItsUnitsCanStillBeRedeemed() external {
        _curtailedOnFirstDay(CURTAILED);
        vm.warp(iEndsAt - 1 hours);
        vm.prank(pauser);
        token.pause();
        vm.warp(iEndsAt);
        vm.prank(pauser);
        token.unpause();
        _finalizeExact();
        uint40 until = uint40(block.timestamp + token.PAUSE_CURE());
        assertEq(token.redeemableUntil(iLot), until);
        _expectRevertClaim(
            alice, abi.encodeWithSelector(IComputeCurtailment.Curtailment_ClaimsNotOpen.selector, iLot, until)
        );
        vm.warp(until);
        assertEq(curtailment.claim(iLot, alice), _refund(500), "open once the cure is over");
    }

    function test_RevertWhen_TheAccountIsFrozen() external {
        _curtailedOnFirstDay(CURTAILED);
        _finalizeExact();
        vm.prank(compliance);
        token.setFrozen(alice, true);
        _expectRevertClaim(alice, abi.encodeWithSelector(IComputeCurtailment.Curtailment_AccountFrozen.selector, alice));
        vm.prank(compliance);
        token.setFrozen(alice, false);
        assertEq(curtailment.claim(iLot, alice), _refund(500), "the entitlement stays");
    }

    function test_RevertWhen_TheAccountHoldsNoUnits() external {
        _curtailedOnFirstDay(CURTAILED);
        _finalizeExact();
        _expectRevertClaim(
            lender, abi.encodeWithSelector(IComputeCurtailment.Curtailment_NothingToClaim.selector, iLot, lender)
        );
    }

    function test_RevertWhen_TheAccountAlreadyClaimed() external {
        _curtailedOnFirstDay(CURTAILED);
        _finalizeExact();
        curtailment.claim(iLot, alice);
        _expectRevertClaim(
            alice, abi.encodeWithSelector(IComputeCurtailment.Curtailment_NothingToClaim.selector, iLot, alice)
        );
    }

    function test_RevertWhen_NothingWasCurtailed() external {
        _issueInterruptible(ISSUED, 500, 200);
        _finalizeExact();
        assertEq(_attributed(), 0);
        _expectRevertClaim(
            alice, abi.encodeWithSelector(IComputeCurtailment.Curtailment_NothingToClaim.selector, iLot, alice)
        );
    }

    function test_When_SomeUnitsAreLockedInAPledge() external {
        _curtailedOnFirstDay(CURTAILED);
        vm.prank(alice);
        uint256 pledgeId = lending.requestPledge(iLot, 100, lender, 50e6, 1e6, iStartsAt + 5 days);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        _finalizeExact();

        assertEq(curtailment.claim(iLot, alice), _refund(400), "only the 400 unlocked units");
        assertEq(curtailment.claimedUnitsOf(iLot, alice), 400);
        vm.prank(alice);
        lending.repay(pledgeId);
        assertEq(curtailment.claim(iLot, alice), _refund(100), "the 100 released by the repayment");
        assertEq(curtailment.claimedUnitsOf(iLot, alice), 500);
    }

    function test_When_TheAccountHoldsUnclaimedUnits() external {
        _curtailedOnFirstDay(CURTAILED);
        uint256 pot = _finalizeExact();
        uint256 creditBefore = escrow.claimable(bob, address(usdc));
        uint256 expected = _refund(200); // 200 × 15 / 800 = 3.75 USDC
        assertEq(curtailment.claimableOf(iLot, bob), expected, "the view agrees");

        vm.expectEmit(address(curtailment));
        emit IComputeCurtailment.CurtailmentClaimed(iLot, bob, 200, expected);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurtailmentCredited(iLot, bob, address(usdc), expected);
        vm.prank(outsider); // anyone, for bob
        uint256 amount = curtailment.claim(iLot, bob);

        assertEq(amount, expected);
        assertEq(amount, 3_750_000);
        assertEq(escrow.claimable(bob, address(usdc)) - creditBefore, expected, "credited to bob");
        assertEq(escrow.curtailmentOf(iLot).potRemaining, pot - expected, "out of the pot");
        assertEq(curtailment.claimedUnitsOf(iLot, bob), 200);
        assertEq(curtailment.claimableOf(iLot, bob), 0);
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertGe(balance, obligations, "solvent");
    }
}
