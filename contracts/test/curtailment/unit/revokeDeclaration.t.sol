// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCurtailment} from "../../../src/interfaces/IComputeCurtailment.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {CurtailmentBase} from "../CurtailmentBase.sol";

contract RevokeDeclaration_Unit_Test is CurtailmentBase {
    function test_RevertWhen_TheLotWasNeverDeclared() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_NotDeclared.selector, lotId));
        vm.prank(provider);
        curtailment.revokeDeclaration(lotId);
    }

    function test_RevertWhen_TheCallerDidNotDeclareIt() external {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeCurtailment.Curtailment_NotDeclaringProvider.selector, iLot, outsider)
        );
        vm.prank(outsider);
        curtailment.revokeDeclaration(iLot);
    }

    function test_RevertWhen_TheDeclarationIsFinalized() external {
        vm.warp(uint256(iEndsAt) + curtailment.FINALIZE_GRACE());
        curtailment.finalize(iLot);
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_AlreadyFinalized.selector, iLot));
        vm.prank(provider);
        curtailment.revokeDeclaration(iLot);
    }

    function test_RevertWhen_TheLotWasIssued() external {
        _issueInterruptible(100, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_LotAlreadyIssued.selector, iLot));
        vm.prank(provider);
        curtailment.revokeDeclaration(iLot);
    }

    function test_When_TheLotWasNotIssued() external {
        vm.expectEmit(address(curtailment));
        emit IComputeCurtailment.DeclarationRevoked(iLot);
        vm.prank(provider);
        curtailment.revokeDeclaration(iLot);
        assertEq(_terms().provider, address(0), "terms deleted");
        assertEq(curtailment.liveLotOf(POOL_2), 0, "the pool is free");
        _issueInterruptible(100, 0, 0);
        IComputeEscrow.Curtailment memory c = escrow.curtailmentOf(iLot);
        assertEq(c.curtailCover, 0, "issued firm");
        assertEq(_bondTotal(iLot), 100 * uint256(PRICE), "a firm lot's bond");
    }
}
