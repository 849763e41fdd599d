// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";
import {OracleTestLib} from "../utils/OracleTestLib.sol";

/// @notice Branching-tree tests of the `reportDigest` view (see reportDigest.tree).
contract ReportDigest_Unit_Test is OracleBase {
    function test_ReportDigest() external view {
        IUtilizationOracle.Observation memory obs = _defaultObs();
        assertEq(oracle.reportDigest(POOL, 9, obs), OracleTestLib.digest(address(oracle), POOL, 9, obs, 1));
    }

    function test_When_ThePoolTheEpochOrAnyObservationFieldDiffers() external view {
        IUtilizationOracle.Observation memory obs = _defaultObs();
        bytes32 base = oracle.reportDigest(POOL, 1, obs);
        assertNotEq(base, oracle.reportDigest(POOL_2, 1, obs));
        assertNotEq(base, oracle.reportDigest(POOL, 2, obs));

        IUtilizationOracle.Observation memory changed = _defaultObs();
        changed.utilizationBps += 1;
        assertNotEq(base, oracle.reportDigest(POOL, 1, changed));
        changed = _defaultObs();
        changed.uptimeBps -= 1;
        assertNotEq(base, oracle.reportDigest(POOL, 1, changed));
        changed = _defaultObs();
        changed.deliveredGpuHours += 1;
        assertNotEq(base, oracle.reportDigest(POOL, 1, changed));
        changed = _defaultObs();
        changed.energyKwh += 1;
        assertNotEq(base, oracle.reportDigest(POOL, 1, changed));
        changed = _defaultObs();
        changed.observedAt -= 1;
        assertNotEq(base, oracle.reportDigest(POOL, 1, changed));
    }

    function test_When_TheReporterConfigurationChanges() external {
        IUtilizationOracle.Observation memory obs = _defaultObs();
        bytes32 before = oracle.reportDigest(POOL, 1, obs);
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, QUORUM);

        bytes32 afterChange = oracle.reportDigest(POOL, 1, obs);
        assertNotEq(before, afterChange);
        assertEq(afterChange, OracleTestLib.digest(address(oracle), POOL, 1, obs, 2));
    }
}
