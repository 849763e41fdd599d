// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {ComputeCurtailment} from "../../../src/curtailment/ComputeCurtailment.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract SetCurtailmentModule_Unit_Test is EscrowBase {
    ComputeCurtailment internal module;

    function setUp() public override {
        super.setUp();
        module = new ComputeCurtailment(token, escrow, oracle);
    }

    function test_RevertWhen_TheCallerIsNotTheAdmin() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, escrow.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(outsider);
        escrow.setCurtailmentModule(address(module));
    }

    function test_RevertWhen_TheModuleIsTheZeroAddress() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_ZeroCurtailmentModule.selector));
        vm.prank(admin);
        escrow.setCurtailmentModule(address(0));
    }

    function test_RevertWhen_AModuleIsAlreadyWired() external {
        vm.prank(admin);
        escrow.setCurtailmentModule(address(module));
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_CurtailmentModuleAlreadySet.selector, address(module))
        );
        vm.prank(admin);
        escrow.setCurtailmentModule(outsider);
    }

    function test_When_NoModuleIsWired() external {
        assertEq(escrow.curtailmentModule(), address(0));
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurtailmentModuleSet(address(module));
        vm.prank(admin);
        escrow.setCurtailmentModule(address(module));
        assertEq(escrow.curtailmentModule(), address(module), "wired");
        // The fixture's lot was issued before: it stays firm.
        (address currency, uint96 cover) = escrow.settlementOf(lotId);
        assertEq(currency, address(usdc));
        assertEq(cover, 0, "firm");
        assertEq(escrow.curtailmentOf(lotId).capacityUnits, 0);
    }
}
