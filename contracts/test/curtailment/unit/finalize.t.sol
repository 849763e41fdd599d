// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeCurtailment} from "../../../src/interfaces/IComputeCurtailment.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {CurtailmentBase} from "../CurtailmentBase.sol";

contract Finalize_Unit_Test is CurtailmentBase {
    function test_RevertWhen_TheLotWasNeverDeclared() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_NotDeclared.selector, lotId));
        curtailment.finalize(lotId);
    }

    function test_RevertWhen_ItIsAlreadyFinalized() external {
        _curtailedOnFirstDay(12);
        _finalizeExact();
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_AlreadyFinalized.selector, iLot));
        curtailment.finalize(iLot);
    }

    function test_RevertWhen_ItsWindowHasNotEnded() external {
        _curtailedOnFirstDay(12);
        vm.warp(iEndsAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_WindowNotEnded.selector, iLot, iEndsAt));
        curtailment.finalize(iLot);
    }

    function test_RevertWhen_NoReportPastTheWindowEndWasSyncedAndTheGraceRuns() external {
        _curtailedOnFirstDay(12);
        uint256 graceEndsAt = uint256(iEndsAt) + curtailment.FINALIZE_GRACE();
        vm.warp(graceEndsAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeCurtailment.Curtailment_NotYetFinal.selector, iLot, uint64(iStartsAt + 1 days), graceEndsAt
            )
        );
        curtailment.finalize(iLot);
    }

    function test_When_NoReportPastTheWindowEndWasSyncedAndTheGraceIsOver() external {
        _curtailedOnFirstDay(12);
        vm.warp(uint256(iEndsAt) + curtailment.FINALIZE_GRACE());
        uint256 pot = curtailment.finalize(iLot);
        // The 29 unsynced days are worth 967 hours of capacity: the room left under the share (188) is presumed.
        assertEq(_attributed(), CURTAIL_CAP, "presumed up to the share");
        // Charged on the 800 sold hours: their share, 160 of the 200 hours attributed to the 1000-hour capacity.
        assertEq(pot, ISSUED * SHARE_BPS / 10_000 * RATE, "the pot of the sold hours' whole share");
        assertEq(pot, 200e6);
        assertEq(escrow.curtailmentOf(iLot).potRemaining, pot, "reserved in the escrow");
    }

    function test_When_NothingWasCurtailed() external {
        _issuedAndStarted();
        assertEq(_finalizeExact(), 0, "an empty pot");
        IComputeEscrow.Curtailment memory c = escrow.curtailmentOf(iLot);
        assertTrue(c.reserved, "reserved all the same");
        assertEq(c.potRemaining, 0);
        (uint256 total, uint256 reserved) = escrow.bondOf(iLot);
        assertEq(reserved, 0);
        vm.prank(provider);
        escrow.withdrawBond(iLot, total);
        assertEq(_bondTotal(iLot), 0, "the refund cover is the provider's again");
    }

    function test_When_TheLotWasNeverIssued() external {
        vm.warp(uint256(iEndsAt) + curtailment.FINALIZE_GRACE());
        assertEq(curtailment.finalize(iLot), 0, "an empty pot");
        assertTrue(_terms().finalized);
        assertEq(curtailment.liveLotOf(POOL_2), 0, "the pool is free");
        IComputeCapacityToken.LotSpec memory next = iSpec;
        next.metadataHash = keccak256("the next interruptible lot");
        next.startsAt = uint40(block.timestamp + 1 days);
        next.endsAt = uint40(block.timestamp + 10 days);
        _declare(next, SHARE_BPS, RATE, CAPACITY);
    }

    function test_When_AReportPastTheWindowEndWasSynced() external {
        _curtailedOnFirstDay(12);
        (uint256 bondBefore, uint256 reservedBefore) = escrow.bondOf(iLot);
        vm.warp(iEndsAt);
        _reportAndSync(0);
        uint256 expected = 12 * uint256(RATE); // 12 hours, all charged to the 800 sold hours: 15 USDC
        vm.expectEmit(address(curtailment));
        emit IComputeCurtailment.CurtailmentFinalized(iLot, 12, 0, expected);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.CurtailmentReserved(iLot, expected);
        uint256 pot = curtailment.finalize(iLot);

        assertEq(pot, expected, "returned");
        assertEq(pot, 15e6);
        assertEq(_attributed(), 12, "exact");
        assertTrue(_terms().finalized);
        IComputeEscrow.Curtailment memory c = escrow.curtailmentOf(iLot);
        assertTrue(c.reserved);
        assertEq(c.potRemaining, pot);
        (uint256 bondAfter, uint256 reservedAfter) = escrow.bondOf(iLot);
        assertEq(bondAfter, bondBefore, "the pot stays in the bond");
        assertEq(reservedAfter, reservedBefore + pot, "reserved");
        assertEq(curtailment.liveLotOf(POOL_2), 0, "the pool is free");
    }
}
