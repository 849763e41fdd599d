// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCurtailment} from "../../../src/interfaces/IComputeCurtailment.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {CurtailmentBase} from "../CurtailmentBase.sol";

contract ClaimRedeemed_Unit_Test is CurtailmentBase {
    uint64 internal constant CURTAILED = 12;

    /// @dev 800 units issued (alice 500, bob 200); bob redeems 50 on the window's first day, the provider delivers,
    /// and 12 hours are curtailed that day.
    function _deliveredRedemption() internal returns (uint256 redemptionId) {
        _issueInterruptible(800, 500, 200);
        vm.warp(iStartsAt);
        _reportAndSync(0);
        vm.prank(bob);
        redemptionId = escrow.redeem(iLot, 50);
        vm.prank(bob);
        escrow.confirmDelivery(redemptionId);
        vm.warp(iStartsAt + 1 days);
        _reportAndSync(CURTAILED);
    }

    function test_RevertWhen_TheRedemptionIsNotDelivered() external {
        _issueInterruptible(800, 500, 200);
        vm.prank(bob);
        uint256 redemptionId = escrow.redeem(iLot, 50);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeCurtailment.Curtailment_RedemptionNotDelivered.selector,
                redemptionId,
                uint8(IComputeEscrow.RedemptionStatus.Open)
            )
        );
        curtailment.claimRedeemed(redemptionId);
    }

    function test_RevertWhen_ItWasAlreadyClaimed() external {
        uint256 redemptionId = _deliveredRedemption();
        _finalizeExact();
        curtailment.claimRedeemed(redemptionId);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_RedemptionAlreadyClaimed.selector, redemptionId)
        );
        curtailment.claimRedeemed(redemptionId);
    }

    function test_RevertWhen_ItsLotIsFirm() external {
        uint256 redemptionId = _redeem(alice, 10); // the fixture's firm lot
        vm.prank(alice);
        escrow.confirmDelivery(redemptionId);
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_NotDeclared.selector, lotId));
        curtailment.claimRedeemed(redemptionId);
    }

    function test_RevertWhen_ItsLotIsNotFinalized() external {
        uint256 redemptionId = _deliveredRedemption();
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_NotFinalized.selector, iLot));
        curtailment.claimRedeemed(redemptionId);
    }

    function test_When_ItsLotIsFinalized() external {
        uint256 redemptionId = _deliveredRedemption();
        _finalizeExact();
        uint256 expected = uint256(50) * (CURTAILED * uint256(RATE)) / 800; // 50 of the 800 issued units: 0.9375 USDC
        uint256 creditBefore = escrow.claimable(bob, address(usdc));
        vm.expectEmit(address(curtailment));
        emit IComputeCurtailment.RedemptionCurtailmentClaimed(redemptionId, iLot, bob, 50, expected);
        vm.prank(outsider);
        uint256 amount = curtailment.claimRedeemed(redemptionId);
        assertEq(amount, expected);
        assertEq(escrow.claimable(bob, address(usdc)) - creditBefore, expected, "credited to the holder");
        assertTrue(curtailment.redemptionClaimed(redemptionId));
        // bob's 150 remaining units claim separately; together they are his 200 units' share.
        assertEq(curtailment.claim(iLot, bob) + amount, uint256(200) * (CURTAILED * uint256(RATE)) / 800);
    }
}
