// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";

/// @notice Branching-tree tests of `rewindEpoch` (see rewindEpoch.tree): the admin's way out of a pool whose epoch
/// was pushed so far that no later report fits (O-4), without giving up the cumulative counters.
contract RewindEpoch_Unit_Test is OracleBase {
    function _notARewind(uint64 epoch, uint64 lastEpoch) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IUtilizationOracle.Oracle_NotARewind.selector, POOL, epoch, lastEpoch);
    }

    function _rewind(bytes32 pool, uint64 epoch) internal {
        vm.prank(admin);
        oracle.rewindEpoch(pool, epoch);
    }

    function test_RevertWhen_TheCallerIsNotTheAdmin() external {
        _submitDefault(POOL, 10, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, reporterAddrs[0], oracle.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(reporterAddrs[0]);
        oracle.rewindEpoch(POOL, 5);
    }

    function test_RevertWhen_ThePoolHasNoReport() external {
        vm.expectRevert(_notARewind(0, 0));
        vm.prank(admin);
        oracle.rewindEpoch(POOL, 0);
    }

    function test_RevertWhen_TheEpochEqualsTheLastEpoch() external {
        _submitDefault(POOL, 10, 3);
        vm.expectRevert(_notARewind(10, 10));
        vm.prank(admin);
        oracle.rewindEpoch(POOL, 10);
    }

    function test_RevertWhen_TheEpochIsAboveTheLastEpoch() external {
        _submitDefault(POOL, 10, 3);
        vm.expectRevert(_notARewind(11, 10));
        vm.prank(admin);
        oracle.rewindEpoch(POOL, 11);
    }

    /// @dev Review finding: a rewind to epoch 0 made the pool look unreported while its counters stayed, so the
    /// escrow queued a new redemption from 0 (hours delivered before it opened then served it) and the epoch-gap check
    /// was skipped again (any epoch, even type(uint64).max, accepted).
    function test_RevertWhen_TheEpochIsZero() external {
        _submitDefault(POOL, 10, 3);
        vm.expectRevert(_notARewind(0, 10));
        vm.prank(admin);
        oracle.rewindEpoch(POOL, 0);
        assertEq(oracle.latest(POOL).epoch, 10);
    }

    function test_When_TheEpochIsBelowTheLastEpoch() external {
        IUtilizationOracle.Report memory report = _report(POOL, 10);
        _submit(report, 4);
        _rewind(POOL, 3);

        report.epoch = 3;
        _assertStored(POOL, report, 4);
    }

    function test_When_TheEmittedEventsAreChecked() external {
        _submitDefault(POOL, 10, 3);
        vm.expectEmit(address(oracle));
        emit IUtilizationOracle.EpochRewound(POOL, 10, 3);
        _rewind(POOL, 3);
    }

    function test_When_AReportFollowsTheRewind() external {
        _submitDefault(POOL, 10, 3); // delivered 1200
        _rewind(POOL, 3);

        IUtilizationOracle.Report memory next = _report(POOL, 3 + MAX_EPOCH_GAP);
        next.deliveredGpuHours = 1199;
        bytes[] memory sigs = _signAll(_firstKeys(3), next);
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_DeliveredDecreased.selector, POOL, 1199, 1200));
        oracle.submitReport(next, sigs);

        next.deliveredGpuHours = 1250;
        _submit(next, 3);
        assertEq(oracle.latest(POOL).epoch, 3 + MAX_EPOCH_GAP);
    }

    /// @dev A pool's first report may carry any epoch; one at type(uint64).max leaves no later epoch. Before
    /// `rewindEpoch` nothing could unfreeze the pool.
    function test_When_ThePoolWasFrozenAtTypeUint64Max() external {
        _submitDefault(POOL, type(uint64).max, 3);
        IUtilizationOracle.Report memory next = _report(POOL, 2);
        bytes[] memory sigs = _signAll(_firstKeys(3), next);
        vm.expectRevert(
            abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochNotIncreasing.selector, POOL, 2, type(uint64).max)
        );
        oracle.submitReport(next, sigs);

        _rewind(POOL, 1);
        oracle.submitReport(next, sigs);
        assertEq(oracle.latest(POOL).epoch, 2);
    }

    function test_When_AnotherPoolHasAReport() external {
        _submitDefault(POOL, 10, 3);
        IUtilizationOracle.Report memory other = _report(POOL_2, 40);
        _submit(other, 3);
        _rewind(POOL, 3);
        _assertStored(POOL_2, other, 3);
    }
}
