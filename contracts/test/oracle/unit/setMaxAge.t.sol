// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";

/// @notice Branching-tree tests of `setMaxAge` (see setMaxAge.tree).
contract SetMaxAge_Unit_Test is OracleBase {
    function test_RevertWhen_TheCallerIsNotTheAdmin() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, oracle.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(outsider);
        oracle.setMaxAge(2 hours);
    }

    function test_RevertWhen_TheNewMaxAgeIsZero() external {
        vm.expectRevert(IUtilizationOracle.Oracle_ZeroMaxAge.selector);
        vm.prank(admin);
        oracle.setMaxAge(0);
    }

    function test_When_TheMaxAgeIsQueriedAfterwards() external {
        vm.prank(admin);
        oracle.setMaxAge(2 hours);
        assertEq(oracle.maxAge(), 2 hours);
    }

    function test_When_TheEmittedEventsAreChecked() external {
        vm.expectEmit(address(oracle));
        emit IUtilizationOracle.MaxAgeUpdated(MAX_AGE, 2 hours);
        vm.prank(admin);
        oracle.setMaxAge(2 hours);
    }

    function test_When_TheMaxAgeIsLowered() external {
        vm.prank(admin);
        oracle.setMaxAge(60);

        IUtilizationOracle.Report memory report = _report(POOL, 1);
        uint64 old = uint64(block.timestamp - 61);
        report.observedAt = old;
        bytes[] memory sigs = _signAll(_firstKeys(3), report);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_ReportTooOld.selector, old, 60));
        oracle.submitReport(report, sigs);
    }

    function test_When_TheMaxAgeIsRaised() external {
        vm.prank(admin);
        oracle.setMaxAge(1 days);

        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.observedAt = uint64(block.timestamp - 1 days);
        _submit(report, 3);
        assertEq(oracle.latest(POOL).observedAt, block.timestamp - 1 days);
    }
}
