// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";

/// @notice Branching-tree tests of the `latestFresh` view (see latestFresh.tree): the report a decision may use, or a
/// revert; stale or revoked data is never returned silently.
contract LatestFresh_Unit_Test is OracleBase {
    /// @dev Submits the default report for `(pool, epoch)` observed `age` seconds ago.
    function _submitAged(bytes32 pool, uint64 epoch, uint64 age) internal {
        IUtilizationOracle.Report memory report = _report(pool, epoch);
        report.observedAt = uint64(block.timestamp) - age;
        _submit(report, 3);
    }

    function _revoked(uint32 configVersion, uint32 current) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IUtilizationOracle.Oracle_RevokedReport.selector, POOL, configVersion, current);
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

    function test_RevertWhen_TheStaleReportWasAlsoSignedUnderAReplacedConfiguration() external {
        _submitDefault(POOL, 1, 3);
        uint64 observedAt = uint64(block.timestamp);
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, QUORUM);
        vm.warp(block.timestamp + 1 hours + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IUtilizationOracle.Oracle_StaleReport.selector, POOL, observedAt, 1 hours)
        );
        oracle.latestFresh(POOL, 1 hours);
    }

    function test_RevertWhen_TheReporterSetChanged() external {
        _submitDefault(POOL, 1, 3);
        address[] memory next = new address[](3);
        (next[0], next[1], next[2]) = (reporterAddrs[2], reporterAddrs[3], stranger);
        vm.prank(admin);
        oracle.setReporters(next, 2);

        vm.expectRevert(_revoked(1, 2));
        oracle.latestFresh(POOL, 1 days);
        assertEq(oracle.latest(POOL).epoch, 1, "latest still returns it");
    }

    function test_RevertWhen_OnlyTheQuorumChanged() external {
        _submitDefault(POOL, 1, 3);
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, QUORUM + 1);

        vm.expectRevert(_revoked(1, 2));
        oracle.latestFresh(POOL, 1 days);
    }

    function test_When_AReportOfTheCurrentConfigurationFollows() external {
        _submitDefault(POOL, 1, 3);
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, QUORUM);
        vm.warp(block.timestamp + 1 minutes);
        IUtilizationOracle.Report memory next = _report(POOL, 2); // version 2
        _submit(next, 3);

        _assertReport(oracle.latestFresh(POOL, 1 days), oracle.latest(POOL));
        assertEq(oracle.latestFresh(POOL, 1 days).configVersion, 2);
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
        vm.expectRevert(
            abi.encodeWithSelector(IUtilizationOracle.Oracle_StaleReport.selector, POOL, block.timestamp - 1, 0)
        );
        oracle.latestFresh(POOL, 0);
    }
}
