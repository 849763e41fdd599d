// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCurtailment} from "../../../src/interfaces/IComputeCurtailment.sol";
import {CurtailmentBase} from "../CurtailmentBase.sol";

contract Sync_Unit_Test is CurtailmentBase {
    /// @dev The lot's capacity over `seconds_` of its 30-day window, rounded up.
    function _capacityOver(uint256 seconds_) internal pure returns (uint256) {
        return (uint256(CAPACITY) * seconds_ + WINDOW - 1) / WINDOW;
    }

    /// @dev Puts the checkpoint at the window's start (a report there, synced).
    function _checkpointAtStart() internal {
        vm.warp(iStartsAt);
        _reportAndSync(0);
    }

    function test_RevertWhen_ThePoolHasNoLiveInterruptibleLot() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_NoLiveLot.selector, POOL));
        curtailment.sync(POOL);
    }

    function test_RevertWhen_ThePoolsLatestReportIsStale() external {
        _reportCurtailed(5, 0);
        vm.warp(block.timestamp + 1 days + 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_NoFreshReport.selector, POOL_2));
        curtailment.sync(POOL_2);
    }

    function test_RevertWhen_TheReportIsNoNewerThanTheCheckpoint() external {
        _checkpointAtStart();
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeCurtailment.Curtailment_ReportNotNewer.selector, POOL_2, uint64(iStartsAt), uint64(iStartsAt)
            )
        );
        curtailment.sync(POOL_2);
    }

    function test_When_ThePeriodEndsBeforeTheWindow() external {
        vm.warp(iStartsAt - 1);
        assertEq(_reportAndSync(50), 0, "returns nothing");
        assertEq(_attributed(), 0, "nothing attributed");
        IComputeCurtailment.Checkpoint memory cp = curtailment.checkpointOf(POOL_2);
        assertEq(cp.observedAt, iStartsAt - 1);
        assertEq(cp.curtailed, 50, "the report's counter");
        assertEq(cp.epoch, 1);
    }

    function test_When_ThePeriodStraddlesTheWindowStart() external {
        // Declared at START, the window starts a day later; 50 hours curtailed by an hour into the window.
        vm.warp(iStartsAt + 1 hours);
        uint64 attributed = _reportAndSync(50);
        assertEq(attributed, _capacityOver(1 hours), "the capacity over the hour inside the window");
        assertEq(attributed, 2);
    }

    function test_When_TheCurtailedHoursExceedTheLotsCapacityOverThePeriod() external {
        _checkpointAtStart();
        vm.warp(block.timestamp + 1 days);
        uint64 attributed = _reportAndSync(100);
        assertEq(attributed, _capacityOver(1 days), "a day of the lot's capacity");
        assertEq(attributed, 34);
    }

    function test_When_TheAttributionReachesTheCurtailableShare() external {
        _checkpointAtStart();
        for (uint256 day = 1; day <= 10; ++day) {
            vm.warp(iStartsAt + day * 1 days);
            _reportAndSync(30);
        }
        assertEq(_attributed(), CURTAIL_CAP, "the share: 200 of 1000 hours, not 300");
        vm.warp(block.timestamp + 1 days);
        assertEq(_reportAndSync(30), 0, "nothing once the share is reached");
    }

    function test_When_ThePeriodIsAfterTheWindow() external {
        _checkpointAtStart();
        vm.warp(iEndsAt);
        _reportAndSync(0);
        vm.warp(iEndsAt + 1 hours);
        assertEq(_reportAndSync(40), 0, "after the window");
        assertEq(_attributed(), 0);
    }

    function test_When_ThePeriodLiesInsideTheWindow() external {
        _checkpointAtStart();
        vm.warp(iStartsAt + 1 days);
        _reportCurtailed(12, 0);
        vm.expectEmit(address(curtailment));
        emit IComputeCurtailment.PoolSynced(POOL_2, iLot, 2, uint64(iStartsAt), uint64(block.timestamp), 12, 12);
        uint64 attributed = curtailment.sync(POOL_2);
        assertEq(attributed, 12, "returned");
        assertEq(_attributed(), 12, "attributed");
        IComputeCurtailment.Checkpoint memory cp = curtailment.checkpointOf(POOL_2);
        assertEq(cp.observedAt, block.timestamp);
        assertEq(cp.curtailed, 12);
        assertEq(cp.epoch, 2);
    }
}
