// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";
import {OracleTestLib} from "../utils/OracleTestLib.sol";

/// @notice Branching-tree tests of the `hashReport` view (see hashReport.tree): the `Report` struct is the typed data
/// the SDK hashes from its generated bindings, so it must hash exactly as the signatures are checked.
contract HashReport_Unit_Test is OracleBase {
    function test_HashReport() external view {
        IUtilizationOracle.Observation memory obs = _defaultObs();
        assertEq(oracle.hashReport(_report(POOL, 9, obs, 1)), OracleTestLib.digest(address(oracle), POOL, 9, obs, 1));
    }

    function test_When_TheReportNamesTheCurrentConfigVersion() external view {
        IUtilizationOracle.Observation memory obs = _defaultObs();
        assertEq(oracle.hashReport(_report(POOL, 4, obs, oracle.configVersion())), oracle.reportDigest(POOL, 4, obs));
    }

    function test_When_TheReportNamesAnotherConfigVersion() external view {
        IUtilizationOracle.Observation memory obs = _defaultObs();
        bytes32 other = oracle.hashReport(_report(POOL, 4, obs, 7));
        assertNotEq(other, oracle.reportDigest(POOL, 4, obs));
        assertEq(other, OracleTestLib.digest(address(oracle), POOL, 4, obs, 7));
    }

    function _report(bytes32 poolId, uint64 epoch, IUtilizationOracle.Observation memory obs, uint32 version)
        private
        pure
        returns (IUtilizationOracle.Report memory)
    {
        return IUtilizationOracle.Report({
            poolId: poolId,
            epoch: epoch,
            utilizationBps: obs.utilizationBps,
            uptimeBps: obs.uptimeBps,
            deliveredGpuHours: obs.deliveredGpuHours,
            energyKwh: obs.energyKwh,
            observedAt: obs.observedAt,
            configVersion: version
        });
    }
}
