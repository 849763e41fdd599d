// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `recordSettlementPause` (see recordSettlementPause.tree).
contract RecordSettlementPause_Unit_Test is LendingBase {
    function test_RevertWhen_TheStablecoinIsNotPaused() external {
        vm.expectRevert(IComputeLending.Lending_SettlementNotPaused.selector);
        vm.prank(outsider);
        lending.recordSettlementPause();
    }

    function test_When_TheStablecoinIsPaused() external {
        vm.prank(admin);
        usdc.setPaused(true);
        vm.expectEmit(address(lending));
        emit IComputeLending.SettlementPauseRecorded(block.timestamp);
        vm.prank(outsider);
        lending.recordSettlementPause();
        assertEq(lending.settlementPauseSeenAt(), block.timestamp);

        skip(5 hours);
        lending.recordSettlementPause();
        assertEq(lending.settlementPauseSeenAt(), block.timestamp, "moves forward");
    }

    function test_When_CalledAgainLaterInTheSamePause() external {
        vm.prank(admin);
        usdc.setPaused(true);
        lending.recordSettlementPause();
        uint256 first = lending.settlementPauseSeenAt();

        skip(5 hours);
        vm.expectEmit(address(lending));
        emit IComputeLending.SettlementPauseRecorded(block.timestamp);
        vm.prank(outsider);
        lending.recordSettlementPause();

        assertEq(lending.settlementPauseSeenAt(), first + 5 hours, "moved forward");
    }
}
