// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

/// @notice Branching-tree tests of `recordSettlementPause` (see recordSettlementPause.tree).
contract RecordSettlementPause_Unit_Test is EscrowBase {
    function test_RevertWhen_TheStablecoinIsNotPaused() external {
        vm.expectRevert(IComputeEscrow.Escrow_SettlementNotPaused.selector);
        vm.prank(outsider);
        escrow.recordSettlementPause();
    }

    function test_When_TheStablecoinIsPaused() external {
        vm.prank(admin);
        usdc.setPaused(true);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.SettlementPauseRecorded(block.timestamp);
        vm.prank(outsider);
        escrow.recordSettlementPause();
        assertEq(escrow.settlementPauseSeenAt(), block.timestamp);

        skip(5 hours);
        escrow.recordSettlementPause();
        assertEq(escrow.settlementPauseSeenAt(), block.timestamp, "moves forward");
    }

    function test_When_CalledAgainLaterInTheSamePause() external {
        vm.prank(admin);
        usdc.setPaused(true);
        escrow.recordSettlementPause();
        uint256 first = escrow.settlementPauseSeenAt();

        skip(5 hours);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.SettlementPauseRecorded(block.timestamp);
        vm.prank(outsider);
        escrow.recordSettlementPause();

        assertEq(escrow.settlementPauseSeenAt(), first + 5 hours, "moved forward");
    }
}
