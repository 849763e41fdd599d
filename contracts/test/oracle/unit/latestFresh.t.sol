// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";

/// @notice Branching-tree tests of the `latestFresh` view (see latestFresh.tree).
contract LatestFresh_Unit_Test is OracleBase {
    /// @dev Submits three observations whose median timestamp is `block.timestamp - age`.
    function _submitAged(bytes32 pool, uint64 epoch, uint64 age) internal {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        for (uint256 i; i < 3; ++i) {
            obs[i].observedAt = uint64(block.timestamp) - age;
        }
        _submit(pool, epoch, obs);
    }

    function test_RevertWhen_ThePoolHasNoReport() external {
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_NoReport.selector, POOL));
        oracle.latestFresh(POOL, 1 days);
    }

    function test_RevertWhen_TheReportWasAlreadyOlderAtSubmission() external {
        _submitAged(POOL, 1, 100);
        uint64 observedAt = uint64(block.timestamp - 100);
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_StaleReport.selector, POOL, observedAt, 99));
        oracle.latestFresh(POOL, 99);
    }

    function test_RevertWhen_TimePassedBeyondTheMaxAge() external {
        _submitDefault(POOL, 1, 3);
        uint64 observedAt = uint64(block.timestamp);
        vm.warp(block.timestamp + 2 hours + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IUtilizationOracle.Oracle_StaleReport.selector, POOL, observedAt, 2 hours)
        );
        oracle.latestFresh(POOL, 2 hours);
    }

    function test_When_TheReportIsExactlyTheGivenMaxAgeOld() external {
        _submitAged(POOL, 1, 100);
        assertEq(oracle.latestFresh(POOL, 100).observedAt, block.timestamp - 100);
    }

    function test_When_TheReportIsYoungerThanTheGivenMaxAge() external {
        _submitAged(POOL, 4, 100);
        IUtilizationOracle.PoolReport memory fresh = oracle.latestFresh(POOL, 1 days);
        _assertReport(fresh, oracle.latest(POOL));
        assertEq(fresh.epoch, 4);
    }

    function test_When_TheReportWasObservedInThisBlock() external {
        _submitDefault(POOL, 1, 3);
        assertEq(oracle.latestFresh(POOL, 0).epoch, 1);
    }

    function test_RevertWhen_TheReportWasObservedBeforeThisBlock() external {
        _submitAged(POOL, 1, 1);
        vm.expectPartialRevert(IUtilizationOracle.Oracle_StaleReport.selector);
        oracle.latestFresh(POOL, 0);
    }
}
