// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ComputeEscrow} from "../../../src/escrow/ComputeEscrow.sol";
import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract Escrow_Constructor_Unit_Test is EscrowBase {
    function test_RevertWhen_TheAdminIsZero() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, address(0)
            )
        );
        new ComputeEscrow(address(0), 0, token, IERC20(address(usdc)), oracle, GRACE, DEFAULT_LTV);
    }

    function test_RevertWhen_TheTokenIsZero() external {
        vm.expectRevert(IComputeEscrow.Escrow_ZeroToken.selector);
        new ComputeEscrow(
            admin, 0, IComputeCapacityToken(address(0)), IERC20(address(usdc)), oracle, GRACE, DEFAULT_LTV
        );
    }

    function test_RevertWhen_TheStablecoinIsZero() external {
        vm.expectRevert(IComputeEscrow.Escrow_ZeroStablecoin.selector);
        new ComputeEscrow(admin, 0, token, IERC20(address(0)), oracle, GRACE, DEFAULT_LTV);
    }

    function test_RevertWhen_TheOracleIsZero() external {
        vm.expectRevert(IComputeEscrow.Escrow_ZeroOracle.selector);
        new ComputeEscrow(admin, 0, token, IERC20(address(usdc)), IUtilizationOracle(address(0)), GRACE, DEFAULT_LTV);
    }

    function test_RevertWhen_TheDefaultLoanToValueExceeds100() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_InvalidLoanToValue.selector, 10_001));
        new ComputeEscrow(admin, 0, token, IERC20(address(usdc)), oracle, GRACE, 10_001);
    }

    function test_When_TheDefaultLoanToValueIsAtMost100() external {
        ComputeEscrow fresh = new ComputeEscrow(bob, 0, token, IERC20(address(usdc)), oracle, 3 days, 10_000);
        assertEq(address(fresh.TOKEN()), address(token));
        assertEq(address(fresh.STABLECOIN()), address(usdc));
        assertEq(address(fresh.ORACLE()), address(oracle));
        assertEq(fresh.DELIVERY_GRACE(), 3 days);
        assertEq(fresh.DEFAULT_LTV_BPS(), 10_000);
        assertEq(fresh.loanToValue(lotId), 10_000);
        assertTrue(fresh.hasRole(fresh.DEFAULT_ADMIN_ROLE(), bob));
        assertTrue(fresh.hasRole(fresh.RISK_ROLE(), bob));
        assertFalse(fresh.hasRole(fresh.RISK_ROLE(), admin));

        // Ids start at one (the fixture's escrow shows it for every kind; offers are the market's).
        assertEq(_defaultPledge(), 1);
        assertEq(_redeem(alice, 1), 1);
    }
}
