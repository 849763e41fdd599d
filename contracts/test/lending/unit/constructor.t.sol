// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ComputeEscrow} from "../../../src/escrow/ComputeEscrow.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {ComputeLending} from "../../../src/lending/ComputeLending.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of the lending module's constructor (see constructor.tree).
contract Lending_Constructor_Unit_Test is LendingBase {
    function test_RevertWhen_TheAdminIsZero() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, address(0)
            )
        );
        new ComputeLending(address(0), 0, escrow, DEFAULT_LTV);
    }

    function test_RevertWhen_TheEscrowIsZero() external {
        vm.expectRevert(IComputeLending.Lending_ZeroEscrow.selector);
        new ComputeLending(admin, 0, IComputeEscrow(address(0)), DEFAULT_LTV);
    }

    function test_RevertWhen_TheDefaultLoanToValueExceeds100() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_InvalidLoanToValue.selector, 10_001));
        new ComputeLending(admin, 0, escrow, 10_001);
    }

    function test_When_TheDefaultLoanToValueIsAtMost100() external {
        // An escrow on another stablecoin: the module takes the token from it, not from the suite; it keeps no currency
        // of its own (each pledge settles in its lot's currency, as the escrow records it).
        MockUSDC otherUsdc = new MockUSDC(admin);
        ComputeEscrow otherEscrow = new ComputeEscrow(admin, 0, token, IERC20(address(otherUsdc)), oracle, GRACE);
        ComputeLending fresh = new ComputeLending(bob, 3 days, otherEscrow, 10_000);

        assertEq(address(fresh.ESCROW()), address(otherEscrow));
        assertEq(fresh.DEFAULT_LTV_BPS(), 10_000);
        assertEq(fresh.loanToValue(lotId), 10_000, "every lot follows the default");
        assertEq(fresh.maxPrincipal(lotId, PLEDGE_UNITS), PLEDGE_UNITS * PRICE, "100 % of the reference value");
        assertEq(address(fresh.TOKEN()), address(token), "the escrow's token");

        assertTrue(fresh.hasRole(fresh.DEFAULT_ADMIN_ROLE(), bob));
        assertTrue(fresh.hasRole(fresh.RISK_ROLE(), bob));
        assertFalse(fresh.hasRole(fresh.RISK_ROLE(), admin));
        assertEq(fresh.defaultAdminDelay(), 3 days);

        // Nothing is wired by the constructor: the deployer grants LENDING_ROLE and COLLATERAL_ROLE.
        assertFalse(otherEscrow.hasRole(otherEscrow.LENDING_ROLE(), address(fresh)), "no LENDING_ROLE");
        assertFalse(token.hasRole(token.COLLATERAL_ROLE(), address(fresh)), "no COLLATERAL_ROLE");
        bytes32 collateralRole = token.COLLATERAL_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, address(fresh), collateralRole
            )
        );
        vm.prank(alice);
        fresh.requestPledge(lotId, PLEDGE_UNITS, lender, PRINCIPAL, FEE, maturity);

        // Pledge ids start at one (the fixture's module shows it).
        assertEq(_defaultPledge(), 1);
        assertEq(lending.pledge(1).holder, alice);
        assertEq(fresh.pledge(1).holder, address(0), "the fresh module recorded nothing");
    }

    function test_When_TheDefaultLoanToValueIsZero() external {
        ComputeLending fresh = new ComputeLending(admin, 0, escrow, 0);
        vm.startPrank(admin);
        token.grantRole(token.COLLATERAL_ROLE(), address(fresh));
        escrow.grantRole(escrow.LENDING_ROLE(), address(fresh));
        vm.stopPrank();
        assertEq(fresh.maxPrincipal(lotId, PLEDGE_UNITS), 0);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_PledgingDisabled.selector, lotId));
        vm.prank(alice);
        fresh.requestPledge(lotId, PLEDGE_UNITS, lender, PRINCIPAL, FEE, maturity);

        // A lot's own setting still switches it on.
        vm.prank(admin);
        fresh.setLoanToValue(lotId, DEFAULT_LTV);
        vm.prank(alice);
        assertEq(fresh.requestPledge(lotId, PLEDGE_UNITS, lender, PRINCIPAL, FEE, maturity), 1);
    }

    function test_When_ERC165IsQueried() external view {
        assertTrue(lending.supportsInterface(type(IComputeLending).interfaceId), "IComputeLending");
        assertTrue(lending.supportsInterface(type(IAccessControl).interfaceId), "IAccessControl");
        assertTrue(lending.supportsInterface(type(IAccessControlDefaultAdminRules).interfaceId), "default admin rules");
        assertFalse(lending.supportsInterface(type(IComputeEscrow).interfaceId), "not IComputeEscrow");
        assertFalse(lending.supportsInterface(0xffffffff), "ERC-165's invalid id");
    }
}
