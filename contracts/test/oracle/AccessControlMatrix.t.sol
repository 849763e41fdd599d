// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";

import {IUtilizationOracle} from "../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "./OracleBase.sol";

/// @notice Access-control matrix: {setReporters, setMaxAge, rewindEpoch, submitReport} x {admin, reporter, outsider}.
contract AccessControlTest is OracleBase {
    function _expectUnauthorized(address caller) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, caller, oracle.DEFAULT_ADMIN_ROLE()
            )
        );
    }

    /*//////////////////////////////////////////////////////////////
                              SET REPORTERS
    //////////////////////////////////////////////////////////////*/

    function test_SetReporters_ByAdmin_Succeeds() external {
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, 2);
        assertEq(oracle.quorum(), 2);
        assertEq(oracle.configVersion(), 2);
    }

    function test_SetReporters_ByReporter_Reverts() external {
        _expectUnauthorized(reporterAddrs[0]);
        vm.prank(reporterAddrs[0]);
        oracle.setReporters(reporterAddrs, 2);
    }

    function test_SetReporters_ByOutsider_Reverts() external {
        _expectUnauthorized(outsider);
        vm.prank(outsider);
        oracle.setReporters(reporterAddrs, 2);
    }

    /*//////////////////////////////////////////////////////////////
                              SET MAX AGE
    //////////////////////////////////////////////////////////////*/

    function test_SetMaxAge_ByAdmin_Succeeds() external {
        vm.prank(admin);
        oracle.setMaxAge(5 minutes);
        assertEq(oracle.maxAge(), 5 minutes);
    }

    function test_SetMaxAge_ByReporter_Reverts() external {
        _expectUnauthorized(reporterAddrs[1]);
        vm.prank(reporterAddrs[1]);
        oracle.setMaxAge(5 minutes);
    }

    function test_SetMaxAge_ByOutsider_Reverts() external {
        _expectUnauthorized(outsider);
        vm.prank(outsider);
        oracle.setMaxAge(5 minutes);
    }

    /*//////////////////////////////////////////////////////////////
                              REWIND EPOCH
    //////////////////////////////////////////////////////////////*/

    function test_RewindEpoch_ByAdmin_Succeeds() external {
        _submitDefault(POOL, 10, 3);
        vm.prank(admin);
        oracle.rewindEpoch(POOL, 4);
        assertEq(oracle.latest(POOL).epoch, 4);
    }

    function test_RewindEpoch_ByReporter_Reverts() external {
        _submitDefault(POOL, 10, 3);
        _expectUnauthorized(reporterAddrs[2]);
        vm.prank(reporterAddrs[2]);
        oracle.rewindEpoch(POOL, 4);
    }

    function test_RewindEpoch_ByOutsider_Reverts() external {
        _submitDefault(POOL, 10, 3);
        _expectUnauthorized(outsider);
        vm.prank(outsider);
        oracle.rewindEpoch(POOL, 4);
    }

    /*//////////////////////////////////////////////////////////////
                             SUBMIT REPORT
    //////////////////////////////////////////////////////////////*/

    function _submitAs(address caller) internal {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        vm.prank(caller);
        oracle.submitReport(report, sigs);
        assertEq(oracle.latest(POOL).epoch, 1);
    }

    function test_SubmitReport_ByOutsider_Succeeds() external {
        _submitAs(outsider);
    }

    function test_SubmitReport_ByReporter_Succeeds() external {
        _submitAs(reporterAddrs[3]);
    }

    function test_SubmitReport_ByAdmin_Succeeds() external {
        _submitAs(admin);
    }

    /*//////////////////////////////////////////////////////////////
                             ROLE TRANSFER
    //////////////////////////////////////////////////////////////*/

    function test_NewAdmin_CanConfigure_OldAdminCannot() external {
        address newAdmin = makeAddr("newAdmin");
        bytes32 adminRole = oracle.DEFAULT_ADMIN_ROLE();
        // Two steps (AccessControlDefaultAdminRules): the current admin begins, the new one accepts after the delay.
        vm.prank(admin);
        oracle.beginDefaultAdminTransfer(newAdmin);
        skip(oracle.defaultAdminDelay() + 1);
        vm.prank(newAdmin);
        oracle.acceptDefaultAdminTransfer();
        assertTrue(oracle.hasRole(adminRole, newAdmin));
        assertFalse(oracle.hasRole(adminRole, admin));

        vm.prank(newAdmin);
        oracle.setMaxAge(2 hours);
        assertEq(oracle.maxAge(), 2 hours);

        _expectUnauthorized(admin);
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, 1);
    }

    /// @dev The default admin role is never granted directly, not even by the admin: only the two-step hand-over.
    function test_GrantRole_DefaultAdmin_Reverts() external {
        bytes32 adminRole = oracle.DEFAULT_ADMIN_ROLE();
        for (uint256 i; i < 2; ++i) {
            address caller = i == 0 ? outsider : admin;
            vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
            vm.prank(caller);
            oracle.grantRole(adminRole, outsider);
        }
    }
}
