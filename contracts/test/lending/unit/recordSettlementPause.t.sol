// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `recordSettlementPause` (see recordSettlementPause.tree).
contract RecordSettlementPause_Unit_Test is LendingBase {
    function test_RevertWhen_TheStablecoinIsNotPaused() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementNotPaused.selector, address(usdc)));
        vm.prank(outsider);
        lending.recordSettlementPause(address(usdc));
    }

    function test_When_TheStablecoinIsPaused() external {
        vm.prank(admin);
        usdc.setPaused(true);
        vm.expectEmit(address(lending));
        emit IComputeLending.SettlementPauseRecorded(address(usdc), block.timestamp);
        vm.prank(outsider);
        lending.recordSettlementPause(address(usdc));
        assertEq(lending.settlementPauseSeenAt(address(usdc)), block.timestamp);

        skip(5 hours);
        lending.recordSettlementPause(address(usdc));
        assertEq(lending.settlementPauseSeenAt(address(usdc)), block.timestamp, "moves forward");
    }

    function test_When_CalledAgainLaterInTheSamePause() external {
        vm.prank(admin);
        usdc.setPaused(true);
        lending.recordSettlementPause(address(usdc));
        uint256 first = lending.settlementPauseSeenAt(address(usdc));

        skip(5 hours);
        vm.expectEmit(address(lending));
        emit IComputeLending.SettlementPauseRecorded(address(usdc), block.timestamp);
        vm.prank(outsider);
        lending.recordSettlementPause(address(usdc));

        assertEq(lending.settlementPauseSeenAt(address(usdc)), first + 5 hours, "moved forward");
    }
}
