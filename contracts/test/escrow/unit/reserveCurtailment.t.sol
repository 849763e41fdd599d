// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {CurtailmentBase} from "../../curtailment/CurtailmentBase.sol";

contract ReserveCurtailment_Unit_Test is CurtailmentBase {
    uint256 internal constant HELD = ISSUED * CURTAIL_COVER; // 200 USDC

    function setUp() public override {
        super.setUp();
        _issueInterruptible(ISSUED, 500, 200);
    }

    function _reserve(uint256 pot) internal {
        vm.prank(address(curtailment));
        escrow.reserveCurtailment(iLot, pot);
    }

    function test_RevertWhen_TheCallerIsNotTheCurtailmentModule() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CallerNotCurtailmentModule.selector, provider));
        vm.prank(provider);
        escrow.reserveCurtailment(iLot, 1);
    }

    function test_RevertWhen_TheLotIsFirm() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NotInterruptible.selector, lotId));
        vm.prank(address(curtailment));
        escrow.reserveCurtailment(lotId, 1);
    }

    function test_RevertWhen_ThePotIsAlreadyReserved() external {
        _reserve(1e6);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CurtailmentAlreadyReserved.selector, iLot));
        _reserve(1e6);
    }

    function test_RevertWhen_ThePotExceedsIssuedUnitsCover() external {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_CurtailmentAboveCover.selector, iLot, HELD + 1, HELD)
        );
        _reserve(HELD + 1);
    }

    function test_When_ThePotIsWithinTheCover() external {
        uint256 pot = 12e6;
        (uint256 totalBefore, uint256 reservedBefore) = escrow.bondOf(iLot);
        assertEq(totalBefore, ISSUED * (PRICE + CURTAIL_COVER), "bond: units' cover plus the curtailment cover");
        (uint256 credits, uint256 bonds,) = escrow.totals(address(usdc));
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurtailmentReserved(iLot, pot);
        _reserve(pot);

        (uint256 totalAfter, uint256 reservedAfter) = escrow.bondOf(iLot);
        assertEq(totalAfter, totalBefore, "inside the bond");
        assertEq(reservedAfter, reservedBefore + pot, "reserved");
        IComputeEscrow.Curtailment memory c = escrow.curtailmentOf(iLot);
        assertTrue(c.reserved);
        assertEq(c.potRemaining, pot);
        (uint256 creditsAfter, uint256 bondsAfter,) = escrow.totals(address(usdc));
        assertEq(creditsAfter, credits);
        assertEq(bondsAfter, bonds);
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertGe(balance, obligations);

        // After the window, everything but the pot is the provider's again.
        vm.warp(iEndsAt);
        uint256 free = totalAfter - reservedAfter;
        vm.prank(provider);
        escrow.withdrawBond(iLot, free);
        assertEq(_bondTotal(iLot), pot, "only the pot left");
    }
}
