// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {CurtailmentBase} from "../../curtailment/CurtailmentBase.sol";

contract CreditCurtailment_Unit_Test is CurtailmentBase {
    uint256 internal constant POT = 12e6;

    function setUp() public override {
        super.setUp();
        _issueInterruptible(800, 500, 200);
    }

    function _reserve() internal {
        vm.prank(address(curtailment));
        escrow.reserveCurtailment(iLot, POT);
    }

    function _credit(address account, uint256 amount) internal {
        vm.prank(address(curtailment));
        escrow.creditCurtailment(iLot, account, amount);
    }

    function test_RevertWhen_TheCallerIsNotTheCurtailmentModule() external {
        _reserve();
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CallerNotCurtailmentModule.selector, alice));
        vm.prank(alice);
        escrow.creditCurtailment(iLot, alice, 1);
    }

    function test_RevertWhen_TheLotIsFirm() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NotInterruptible.selector, lotId));
        vm.prank(address(curtailment));
        escrow.creditCurtailment(lotId, alice, 1);
    }

    function test_RevertWhen_ThePotIsNotReserved() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CurtailmentNotReserved.selector, iLot));
        _credit(alice, 1);
    }

    function test_RevertWhen_TheAmountExceedsWhatIsLeftOfThePot() external {
        _reserve();
        _credit(alice, POT - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CurtailmentPotExceeded.selector, iLot, 2, 1));
        _credit(bob, 2);
    }

    function test_When_TheAmountIsWithinThePot() external {
        _reserve();
        uint256 amount = 7_500_000;
        (uint256 totalBefore, uint256 reservedBefore) = escrow.bondOf(iLot);
        uint256 creditBefore = escrow.claimable(alice, address(usdc));
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurtailmentCredited(iLot, alice, address(usdc), amount);
        _credit(alice, amount);

        assertEq(escrow.claimable(alice, address(usdc)) - creditBefore, amount, "credited");
        assertEq(escrow.curtailmentOf(iLot).potRemaining, POT - amount, "out of the pot");
        (uint256 totalAfter, uint256 reservedAfter) = escrow.bondOf(iLot);
        assertEq(totalBefore - totalAfter, amount, "out of the bond");
        assertEq(reservedBefore - reservedAfter, amount, "out of the reserve");
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertGe(balance, obligations, "solvent");
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);
    }
}
