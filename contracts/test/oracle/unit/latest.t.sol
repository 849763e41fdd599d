// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";

/// @notice Branching-tree tests of the `latest` view (see latest.tree).
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
                deliveredGpuHours: 1200,
                energyKwh: 5400
            })
        );
    }

    function test_When_TheReportIsOlderThanAnyLimit() external {
        _submitDefault(POOL, 1, 3);
        vm.warp(block.timestamp + 365 days);
        assertEq(oracle.latest(POOL).epoch, 1);
    }

    function test_When_ALaterEpochWasSubmitted() external {
        _submitDefault(POOL, 1, 3);
        vm.warp(block.timestamp + 10 minutes);
        IUtilizationOracle.Observation memory obs = _defaultObs();
        obs.utilizationBps = 4200;
        _submit(POOL, 2, _repeat(obs, 3));

        IUtilizationOracle.PoolReport memory r = oracle.latest(POOL);
        assertEq(r.epoch, 2);
        assertEq(r.utilizationBps, 4200);
        assertEq(r.observedAt, block.timestamp);
    }
}
