// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {UtilizationOracle} from "../../../src/oracle/UtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";
import {OracleTestLib} from "../utils/OracleTestLib.sol";

/// @notice Branching-tree tests of the `hashReport` view (see hashReport.tree): the `Report` struct is the typed data
/// every reporter signs and the SDK hashes from its generated bindings, so it must hash exactly as `submitReport`
/// checks the signatures, and bind every field.
contract HashReport_Unit_Test is OracleBase {
    function test_HashReport() external view {
        IUtilizationOracle.Report memory report = _report(POOL, 9);
        assertEq(oracle.hashReport(report), OracleTestLib.digest(address(oracle), report));
    }

    /// @dev The ten fields, each changed on its own, give ten digests distinct from the original and from each other.
    function test_When_AnyOneFieldOfTheReportDiffers() external view {
        IUtilizationOracle.Report memory base = _report(POOL, 9);
        bytes32[] memory digests = new bytes32[](11);
        digests[0] = oracle.hashReport(base);
        for (uint256 field; field < 10; ++field) {
            IUtilizationOracle.Report memory changed = _report(POOL, 9);
            if (field == 0) changed.poolId = POOL_2;
            if (field == 1) changed.epoch += 1;
            if (field == 2) changed.utilizationBps += 1;
            if (field == 3) changed.uptimeBps += 1;
            if (field == 4) changed.deliveredGpuHours += 1;
            if (field == 5) changed.energyKwh += 1;
            if (field == 6) changed.curtailedGpuHours += 1;
            if (field == 7) changed.observedAt -= 1;
            if (field == 8) changed.observers ^= 1;
            if (field == 9) changed.configVersion += 1;
            digests[field + 1] = oracle.hashReport(changed);
            assertEq(digests[field + 1], OracleTestLib.digest(address(oracle), changed), "reference digest");
        }
        for (uint256 i; i < digests.length; ++i) {
            for (uint256 j = i + 1; j < digests.length; ++j) {
                assertNotEq(digests[i], digests[j], "two reports share a digest");
            }
        }
    }

    function test_When_TheReportNamesAnotherConfigVersion() external view {
        IUtilizationOracle.Report memory report = _report(POOL, 4);
        bytes32 current = oracle.hashReport(report);
        report.configVersion = 7;
        bytes32 other = oracle.hashReport(report);
        assertNotEq(other, current);
        assertEq(other, OracleTestLib.digest(address(oracle), report));
    }

    function test_When_AnotherOracleDeploymentHashesTheSameReport() external {
        UtilizationOracle twin = new UtilizationOracle(admin, 0, reporterAddrs, QUORUM, MAX_AGE);
        IUtilizationOracle.Report memory report = _report(POOL, 4);
        assertNotEq(twin.hashReport(report), oracle.hashReport(report));
        assertEq(twin.hashReport(report), OracleTestLib.digest(address(twin), report));
    }
}
