// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {CurtailmentBase} from "../../curtailment/CurtailmentBase.sol";

contract SetInterruptible_Unit_Test is CurtailmentBase {
    /// @dev A spec nobody declared or issued yet, on POOL.
    function _freshSpec() internal view returns (IComputeCapacityToken.LotSpec memory spec) {
        spec = _spec();
        spec.metadataHash = keccak256("set interruptible");
    }

    function test_RevertWhen_TheCallerIsNotTheCurtailmentModule() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CallerNotCurtailmentModule.selector, provider));
        vm.prank(provider);
        escrow.setInterruptible(iLot, 1, 1);
    }

    function test_RevertWhen_TheLotWasAlreadyIssued() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_LotAlreadySettled.selector, lotId));
        vm.prank(address(curtailment));
        escrow.setInterruptible(lotId, CURTAIL_COVER, CAPACITY);
        assertEq(escrow.curtailmentOf(lotId).curtailCover, 0, "the firm lot stays firm");
    }

    function test_When_TheTermsAreZero() external {
        IComputeCapacityToken.LotSpec memory spec = _freshSpec();
        uint256 id = token.lotIdOf(spec);
        vm.startPrank(address(curtailment));
        escrow.setInterruptible(id, CURTAIL_COVER, CAPACITY);
        escrow.setInterruptible(id, 0, 0);
        vm.stopPrank();
        vm.prank(provider);
        token.issueLot(spec, provider, 100);
        assertEq(escrow.curtailmentOf(id).curtailCover, 0, "firm");
        assertEq(_bondTotal(id), 100 * uint256(PRICE), "a firm lot's bond");
    }

    function test_When_TheLotWasNeverIssued() external {
        IComputeCapacityToken.LotSpec memory spec = _freshSpec();
        uint256 id = token.lotIdOf(spec);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LotInterruptible(id, CURTAIL_COVER, CAPACITY);
        vm.prank(address(curtailment));
        escrow.setInterruptible(id, CURTAIL_COVER, CAPACITY);
        IComputeEscrow.Curtailment memory c = escrow.curtailmentOf(id);
        assertEq(c.curtailCover, CURTAIL_COVER);
        assertEq(c.capacityUnits, CAPACITY);
        assertFalse(c.reserved);

        vm.prank(provider);
        token.issueLot(spec, provider, 400);
        assertEq(_bondTotal(id), 400 * (uint256(PRICE) + CURTAIL_COVER), "units' cover plus the refund cover");
        (address currency, uint96 cover) = escrow.settlementOf(id);
        assertEq(currency, address(usdc));
        assertEq(cover, CURTAIL_COVER);
    }
}
