// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {UtilizationOracle} from "../../../src/oracle/UtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";
import {OracleTestLib} from "../utils/OracleTestLib.sol";

/// @notice Branching-tree tests of the constructor (see constructor.tree).
contract Oracle_Constructor_Unit_Test is OracleBase {
    function test_RevertWhen_TheAdminIsTheZeroAddress() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, address(0)
            )
        );
        new UtilizationOracle(address(0), 0, reporterAddrs, QUORUM, MAX_AGE);
    }

    function test_RevertWhen_TheMaxAgeIsZero() external {
        vm.expectRevert(IUtilizationOracle.Oracle_ZeroMaxAge.selector);
        new UtilizationOracle(admin, 0, reporterAddrs, QUORUM, 0);
    }

    function test_RevertWhen_TheReporterListIsEmpty() external {
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_InvalidQuorum.selector, 1, 0));
        new UtilizationOracle(admin, 0, new address[](0), 1, MAX_AGE);
    }

    function test_RevertWhen_TheQuorumIsZero() external {
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_InvalidQuorum.selector, 0, NUM_REPORTERS));
        new UtilizationOracle(admin, 0, reporterAddrs, 0, MAX_AGE);
    }

    function test_RevertWhen_TheQuorumExceedsTheReporterCount() external {
        vm.expectRevert(
            abi.encodeWithSelector(IUtilizationOracle.Oracle_InvalidQuorum.selector, NUM_REPORTERS + 1, NUM_REPORTERS)
        );
        new UtilizationOracle(admin, 0, reporterAddrs, uint8(NUM_REPORTERS + 1), MAX_AGE);
    }

    function test_RevertWhen_AReporterIsTheZeroAddress() external {
        address[] memory list = reporterAddrs;
        list[4] = address(0);
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_ZeroReporter.selector, 4));
        new UtilizationOracle(admin, 0, list, QUORUM, MAX_AGE);
    }

    function test_RevertWhen_AReporterIsListedTwice() external {
        address[] memory list = reporterAddrs;
        list[4] = list[1];
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_DuplicateReporter.selector, list[1]));
        new UtilizationOracle(admin, 0, list, QUORUM, MAX_AGE);
    }

    function test_When_TheRolesAreQueried() external view {
        assertTrue(oracle.hasRole(oracle.DEFAULT_ADMIN_ROLE(), admin));
        assertFalse(oracle.hasRole(oracle.DEFAULT_ADMIN_ROLE(), address(this)));
        assertFalse(oracle.hasRole(oracle.DEFAULT_ADMIN_ROLE(), reporterAddrs[0]));
    }

    function test_When_TheReporterConfigurationIsQueried() external view {
        assertEq(oracle.reporters(), reporterAddrs);
        assertEq(oracle.quorum(), QUORUM);
        assertEq(oracle.configVersion(), 1);
        for (uint256 i; i < NUM_REPORTERS; ++i) {
            assertTrue(oracle.isReporter(reporterAddrs[i]));
        }
        assertFalse(oracle.isReporter(stranger));
        assertFalse(oracle.isReporter(address(0)));
    }

    function test_When_TheMaxAgeIsQueried() external view {
        assertEq(oracle.maxAge(), MAX_AGE);
    }

    function test_When_TheEmittedEventsAreChecked() external {
        vm.expectEmit();
        emit IUtilizationOracle.ReporterConfigUpdated(1, reporterAddrs, QUORUM);
        vm.expectEmit();
        emit IUtilizationOracle.MaxAgeUpdated(0, MAX_AGE);
        new UtilizationOracle(admin, 0, reporterAddrs, QUORUM, MAX_AGE);
    }

    function test_When_TheEIP712DomainIsQueried() external view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = oracle.eip712Domain();
        assertEq(fields, hex"0f");
        assertEq(name, "RwaCompute UtilizationOracle");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(oracle));
        assertEq(salt, bytes32(0));
        assertEq(extensions.length, 0);
        assertEq(oracle.DOMAIN_SEPARATOR(), OracleTestLib.domainSeparator(address(oracle)));
        assertEq(oracle.REPORT_TYPEHASH(), OracleTestLib.REPORT_TYPEHASH);
    }

    function test_When_TheConstantsAreQueried() external view {
        assertEq(oracle.MAX_REPORTERS(), 32);
        assertEq(oracle.MAX_EPOCH_GAP(), 8760);
        assertEq(oracle.MAX_BPS(), 10_000);
    }

    function test_When_TheSupportedInterfacesAreQueried() external view {
        assertTrue(oracle.supportsInterface(type(IUtilizationOracle).interfaceId));
        assertTrue(oracle.supportsInterface(type(IAccessControl).interfaceId));
        assertTrue(oracle.supportsInterface(type(IERC165).interfaceId));
        assertFalse(oracle.supportsInterface(0xffffffff));
    }
}
