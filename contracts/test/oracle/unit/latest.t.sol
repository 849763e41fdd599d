// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";

/// @notice Branching-tree tests of the `latest` view (see latest.tree): the raw stored report, however old and
/// whoever signed it; decisions read `latestFresh` instead.
contract Latest_Unit_Test is OracleBase {
    function test_RevertWhen_ThePoolHasNoReport() external {
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_NoReport.selector, POOL));
        oracle.latest(POOL);
    }

    function test_When_ThePoolHasAReport() external {
        _submitDefault(POOL, 3, 3);
        _assertReport(
            oracle.latest(POOL),
            IUtilizationOracle.PoolReport({
                epoch: 3,
                observedAt: uint64(block.timestamp),
                utilizationBps: 8000,
                uptimeBps: 9950,
                configVersion: 1,
                signerCount: 3,
                observers: 0x1f,
                deliveredGpuHours: 1200,
                energyKwh: 5400,
                curtailedGpuHours: 30
            })
        );
    }

    function test_When_TheReportIsOlderThanAnyLimit() external {
        _submitDefault(POOL, 1, 3);
        vm.warp(block.timestamp + 365 days);
        assertEq(oracle.latest(POOL).epoch, 1);
    }

    function test_When_TheReporterConfigurationWasReplacedSince() external {
        _submitDefault(POOL, 1, 3);
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, QUORUM);

        IUtilizationOracle.PoolReport memory stored = oracle.latest(POOL);
        assertEq(stored.epoch, 1);
        assertEq(stored.configVersion, 1, "the signing configuration, not the current one");
    }

    function test_When_ALaterEpochWasSubmitted() external {
        _submitDefault(POOL, 1, 3);
        vm.warp(block.timestamp + 10 minutes);
        IUtilizationOracle.Report memory next = _report(POOL, 2);
        next.utilizationBps = 4200;
        next.deliveredGpuHours = 1500;
        _submit(next, 3);
        _assertStored(POOL, next, 3);
    }

    function test_When_TheEpochWasRewound() external {
        IUtilizationOracle.Report memory report = _report(POOL, 50);
        _submit(report, 3);
        vm.prank(admin);
        oracle.rewindEpoch(POOL, 20);

        report.epoch = 20;
        _assertStored(POOL, report, 3);
    }
}
