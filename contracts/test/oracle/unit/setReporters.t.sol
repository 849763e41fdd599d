// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";

/// @notice Branching-tree tests of `setReporters` (see setReporters.tree).
contract SetReporters_Unit_Test is OracleBase {
    function _addresses(uint256 n, string memory prefix) internal returns (address[] memory list) {
        list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = makeAddr(string.concat(prefix, vm.toString(i)));
        }
    }

    function _expectInvalidConfig(address[] memory reporters_, uint8 quorum_, bytes memory err) internal {
        vm.expectRevert(err);
        vm.prank(admin);
        oracle.setReporters(reporters_, quorum_);
    }

    function _invalidQuorum(uint256 quorum_, uint256 count) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IUtilizationOracle.Oracle_InvalidQuorum.selector, quorum_, count);
    }

    function test_RevertWhen_TheCallerIsNotTheAdmin() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, oracle.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(outsider);
        oracle.setReporters(reporterAddrs, 1);
    }

    function test_RevertWhen_TheQuorumIsZero() external {
        _expectInvalidConfig(reporterAddrs, 0, _invalidQuorum(0, NUM_REPORTERS));
    }

    function test_RevertWhen_TheQuorumExceedsTheReporterCount() external {
        _expectInvalidConfig(reporterAddrs, uint8(NUM_REPORTERS + 1), _invalidQuorum(NUM_REPORTERS + 1, NUM_REPORTERS));
    }

    function test_RevertWhen_TheReporterListIsEmpty() external {
        _expectInvalidConfig(new address[](0), 1, _invalidQuorum(1, 0));
    }

    function test_RevertWhen_MoreThan32ReportersAreGiven() external {
        _expectInvalidConfig(
            _addresses(33, "many"),
            3,
            abi.encodeWithSelector(IUtilizationOracle.Oracle_TooManyReporters.selector, 33, oracle.MAX_REPORTERS())
        );
    }

    function test_RevertWhen_AReporterIsTheZeroAddress() external {
        address[] memory list = _addresses(4, "r");
        list[2] = address(0);
        _expectInvalidConfig(list, 2, abi.encodeWithSelector(IUtilizationOracle.Oracle_ZeroReporter.selector, 2));
    }

    function test_RevertWhen_AReporterIsListedTwice() external {
        address[] memory list = _addresses(4, "r");
        list[3] = list[0];
        _expectInvalidConfig(
            list, 2, abi.encodeWithSelector(IUtilizationOracle.Oracle_DuplicateReporter.selector, list[0])
        );
    }

    function test_When_TheNewSetSharesNoReporterWithTheOldOne() external {
        address[] memory next = _addresses(3, "next");
        vm.prank(admin);
        oracle.setReporters(next, 2);

        assertEq(oracle.reporters(), next);
        for (uint256 i; i < NUM_REPORTERS; ++i) {
            assertFalse(oracle.isReporter(reporterAddrs[i]));
        }
        for (uint256 i; i < next.length; ++i) {
            assertTrue(oracle.isReporter(next[i]));
        }
    }

    function test_When_OnlyTheQuorumChanges() external {
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, 5);
        assertEq(oracle.quorum(), 5);
    }

    function test_When_SetReportersIsCalledAgain() external {
        vm.startPrank(admin);
        oracle.setReporters(reporterAddrs, 2);
        assertEq(oracle.configVersion(), 2);
        oracle.setReporters(reporterAddrs, 2);
        assertEq(oracle.configVersion(), 3);
        vm.stopPrank();
    }

    function test_When_TheEmittedEventsAreChecked() external {
        address[] memory next = _addresses(2, "next");
        vm.expectEmit(address(oracle));
        emit IUtilizationOracle.ReporterConfigUpdated(2, next, 1);
        vm.prank(admin);
        oracle.setReporters(next, 1);
    }

    function test_When_AReportWasSignedForThePreviousVersion() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);

        vm.prank(admin);
        oracle.setReporters(reporterAddrs, QUORUM);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_WrongConfigVersion.selector, 1, 2));
        oracle.submitReport(report, sigs);

        // Signed again for the new version, the same values are accepted.
        report.configVersion = 2;
        _submit(report, 3);
        assertEq(oracle.latest(POOL).configVersion, 2);
    }

    function test_When_AReportWasStoredBeforeTheChange() external {
        _submitDefault(POOL, 1, 3);
        vm.prank(admin);
        oracle.setReporters(_addresses(2, "next"), 2);

        IUtilizationOracle.PoolReport memory r = oracle.latest(POOL);
        assertEq(r.epoch, 1);
        assertEq(r.configVersion, 1);
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_RevokedReport.selector, POOL, 1, 2));
        oracle.latestFresh(POOL, 1 days);
    }

    /// @dev Bit i of `observers` is position i of `reporters()` in the CURRENT configuration.
    function test_When_TheReportersChangePositions() external {
        address[] memory next = new address[](3);
        (next[0], next[1], next[2]) = (reporterAddrs[4], reporterAddrs[3], reporterAddrs[2]);
        vm.prank(admin);
        oracle.setReporters(next, 2);

        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.observers = 0x18; // reporters 3 and 4 by their old positions
        uint256[] memory keys = new uint256[](2);
        (keys[0], keys[1]) = (reporterKeys[3], reporterKeys[4]);
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_UnknownObserver.selector, 0x18, 3));
        oracle.submitReport(report, _signAll(keys, report));

        report.observers = 0x03; // the same two reporters by their new positions
        oracle.submitReport(report, _signAll(keys, report));
        assertEq(oracle.latest(POOL).observers, 0x03);
    }

    function test_When_Exactly32ReportersAreGiven() external {
        address[] memory list = _addresses(32, "many");
        vm.prank(admin);
        oracle.setReporters(list, 32);

        assertEq(oracle.reporters().length, 32);
        assertTrue(oracle.isReporter(list[31]));
        assertEq(oracle.quorum(), 32);
    }

    function test_When_TheNewSetOverlapsTheOldOne() external {
        // Old: reporters 0..4; new: reporters 2..4 plus the stranger.
        address[] memory next = new address[](4);
        (next[0], next[1], next[2], next[3]) = (stranger, reporterAddrs[4], reporterAddrs[2], reporterAddrs[3]);
        vm.prank(admin);
        oracle.setReporters(next, 4);

        assertFalse(oracle.isReporter(reporterAddrs[0]));
        assertFalse(oracle.isReporter(reporterAddrs[1]));
        assertTrue(oracle.isReporter(reporterAddrs[2]));
        assertTrue(oracle.isReporter(stranger));

        IUtilizationOracle.Report memory report = _report(POOL, 1);
        uint256[] memory keys = new uint256[](4);
        (keys[0], keys[1], keys[2], keys[3]) = (reporterKeys[3], strangerKey, reporterKeys[2], reporterKeys[4]);
        oracle.submitReport(report, _signAll(keys, report));
        assertEq(oracle.latest(POOL).signerCount, 4);
    }
}
