// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../src/interfaces/IUtilizationOracle.sol";
import {OracleFixture} from "./OracleFixture.sol";

/// @notice Branching-tree tests of the `latest` and `latestFresh` views (see latest.tree).
contract LatestTest is OracleFixture {
    /// @dev Submits three observations whose median timestamp is `block.timestamp - age`.
    function _submitAged(bytes32 pool, uint64 epoch, uint64 age) internal {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        for (uint256 i; i < 3; ++i) {
            obs[i].observedAt = uint64(block.timestamp) - age;
        }
        _submit(pool, epoch, obs);
    }

    /*//////////////////////////////////////////////////////////////
                                 LATEST
    //////////////////////////////////////////////////////////////*/

    function test_Latest_RevertWhen_NoReport() external {
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_NoReport.selector, POOL));
        oracle.latest(POOL);
    }

    function test_Latest_WhenReport_ReturnsStoredReport() external {
        _submitDefault(POOL, 3, 3);
        _assertReport(
            oracle.latest(POOL),
            IUtilizationOracle.Report({
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

    function test_Latest_WhenReportOld_StillReturnsIt() external {
        _submitDefault(POOL, 1, 3);
        vm.warp(block.timestamp + 365 days);
        assertEq(oracle.latest(POOL).epoch, 1);
    }

    function test_Latest_WhenLaterEpoch_ReturnsNewest() external {
        _submitDefault(POOL, 1, 3);
        vm.warp(block.timestamp + 10 minutes);
        IUtilizationOracle.Observation memory obs = _defaultObs();
        obs.utilizationBps = 4200;
        _submit(POOL, 2, _repeat(obs, 3));

        IUtilizationOracle.Report memory r = oracle.latest(POOL);
        assertEq(r.epoch, 2);
        assertEq(r.utilizationBps, 4200);
        assertEq(r.observedAt, block.timestamp);
    }

    /*//////////////////////////////////////////////////////////////
                              LATEST FRESH
    //////////////////////////////////////////////////////////////*/

    function test_LatestFresh_RevertWhen_NoReport() external {
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_NoReport.selector, POOL));
        oracle.latestFresh(POOL, 1 days);
    }

    function test_LatestFresh_RevertWhen_OlderThanMaxAge() external {
        _submitAged(POOL, 1, 100);
        uint64 observedAt = uint64(block.timestamp - 100);
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_StaleReport.selector, POOL, observedAt, 99));
        oracle.latestFresh(POOL, 99);
    }

    function test_LatestFresh_RevertWhen_StaleAfterWarp() external {
        _submitDefault(POOL, 1, 3);
        uint64 observedAt = uint64(block.timestamp);
        vm.warp(block.timestamp + 2 hours + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IUtilizationOracle.Oracle_StaleReport.selector, POOL, observedAt, 2 hours)
        );
        oracle.latestFresh(POOL, 2 hours);
    }

    function test_LatestFresh_WhenExactlyMaxAgeOld_ReturnsReport() external {
        _submitAged(POOL, 1, 100);
        assertEq(oracle.latestFresh(POOL, 100).observedAt, block.timestamp - 100);
    }

    function test_LatestFresh_WhenYounger_ReturnsReport() external {
        _submitAged(POOL, 4, 100);
        IUtilizationOracle.Report memory fresh = oracle.latestFresh(POOL, 1 days);
        _assertReport(fresh, oracle.latest(POOL));
        assertEq(fresh.epoch, 4);
    }

    function test_LatestFresh_WhenMaxAgeZero_ObservedThisBlock_ReturnsReport() external {
        _submitDefault(POOL, 1, 3);
        assertEq(oracle.latestFresh(POOL, 0).epoch, 1);
    }

    function test_LatestFresh_RevertWhen_MaxAgeZero_ObservedEarlier() external {
        _submitAged(POOL, 1, 1);
        vm.expectPartialRevert(IUtilizationOracle.Oracle_StaleReport.selector);
        oracle.latestFresh(POOL, 0);
    }
}
