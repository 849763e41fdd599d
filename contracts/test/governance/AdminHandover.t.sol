// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";

import {SuiteFixture} from "../utils/SuiteFixture.sol";

/// @notice Governance of the token, the oracle, the escrow and the lending module (issue 9; the lending module since it
/// split from the escrow): OpenZeppelin's AccessControlDefaultAdminRules. The default admin is one account, handed
/// over in two steps with a delay (`ADMIN_DELAY` in the fixture): the current admin begins, the new admin accepts once
/// the delay has passed; it is never granted directly.
contract AdminHandover_Test is SuiteFixture {
    address internal multisig = makeAddr("multisig");

    function _contracts() internal view returns (AccessControlDefaultAdminRules[4] memory) {
        return [
            AccessControlDefaultAdminRules(address(token)),
            AccessControlDefaultAdminRules(address(oracle)),
            AccessControlDefaultAdminRules(address(escrow)),
            AccessControlDefaultAdminRules(address(lending))
        ];
    }

    function test_InitialState() external view {
        AccessControlDefaultAdminRules[4] memory all = _contracts();
        for (uint256 i; i < 4; ++i) {
            assertEq(all[i].defaultAdmin(), admin, "admin");
            assertEq(all[i].owner(), admin, "ERC-5313 owner");
            assertEq(all[i].defaultAdminDelay(), ADMIN_DELAY, "delay");
            (address pending, uint48 schedule) = all[i].pendingDefaultAdmin();
            assertEq(pending, address(0));
            assertEq(schedule, 0);
            assertTrue(all[i].supportsInterface(type(IAccessControlDefaultAdminRules).interfaceId), "ERC-165");
        }
    }

    function test_RevertWhen_AcceptedBeforeDelay() external {
        for (uint256 i; i < 4; ++i) {
            AccessControlDefaultAdminRules c = _contracts()[i];
            vm.prank(admin);
            c.beginDefaultAdminTransfer(multisig);
            (, uint48 schedule) = c.pendingDefaultAdmin();
            assertEq(schedule, block.timestamp + ADMIN_DELAY, "scheduled after the delay");
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminDelay.selector, schedule
                )
            );
            vm.prank(multisig);
            c.acceptDefaultAdminTransfer();
        }
    }

    function test_RevertWhen_SomeoneElseAccepts() external {
        vm.prank(admin);
        token.beginDefaultAdminTransfer(multisig);
        skip(ADMIN_DELAY + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, bob)
        );
        vm.prank(bob);
        token.acceptDefaultAdminTransfer();
    }

    function test_WhenAcceptedAfterDelay() external {
        for (uint256 i; i < 4; ++i) {
            vm.prank(admin);
            _contracts()[i].beginDefaultAdminTransfer(multisig);
        }
        skip(ADMIN_DELAY + 1);
        for (uint256 i; i < 4; ++i) {
            AccessControlDefaultAdminRules c = _contracts()[i];
            vm.prank(multisig);
            c.acceptDefaultAdminTransfer();
            assertEq(c.defaultAdmin(), multisig);
            assertFalse(c.hasRole(c.DEFAULT_ADMIN_ROLE(), admin), "old admin out");
        }
        // The new admin administers roles; the old one no longer can.
        bytes32 pauserRole = token.PAUSER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, admin, token.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(admin);
        token.grantRole(pauserRole, admin);
        vm.prank(multisig);
        token.grantRole(pauserRole, bob);
        assertTrue(token.hasRole(pauserRole, bob));
    }

    function test_WhenTransferCancelled() external {
        vm.startPrank(admin);
        escrow.beginDefaultAdminTransfer(multisig);
        escrow.cancelDefaultAdminTransfer();
        vm.stopPrank();
        skip(ADMIN_DELAY + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, multisig)
        );
        vm.prank(multisig);
        escrow.acceptDefaultAdminTransfer();
        assertEq(escrow.defaultAdmin(), admin);
    }

    function test_RevertWhen_AdminRoleGrantedDirectly() external {
        for (uint256 i; i < 4; ++i) {
            AccessControlDefaultAdminRules c = _contracts()[i];
            bytes32 adminRole = c.DEFAULT_ADMIN_ROLE();
            vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
            vm.prank(admin);
            c.grantRole(adminRole, multisig);
        }
    }

    /// @dev A delay change is itself delayed, so a captured admin key cannot shorten the hand-over window at once.
    function test_WhenDelayChanged() external {
        vm.prank(admin);
        oracle.changeDefaultAdminDelay(7 days);
        assertEq(oracle.defaultAdminDelay(), ADMIN_DELAY, "not yet");
        (uint48 newDelay, uint48 effect) = oracle.pendingDefaultAdminDelay();
        assertEq(newDelay, 7 days);
        vm.warp(effect + 1);
        assertEq(oracle.defaultAdminDelay(), 7 days);
    }
}
