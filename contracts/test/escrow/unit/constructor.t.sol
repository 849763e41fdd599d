// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ComputeEscrow} from "../../../src/escrow/ComputeEscrow.sol";
import {IBondVault} from "../../../src/interfaces/IBondVault.sol";
import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract Escrow_Constructor_Unit_Test is EscrowBase {
    function test_RevertWhen_TheAdminIsZero() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, address(0)
            )
        );
        new ComputeEscrow(address(0), 0, token, IERC20(address(usdc)), oracle, GRACE);
    }

    function test_RevertWhen_TheTokenIsZero() external {
        vm.expectRevert(IComputeEscrow.Escrow_ZeroToken.selector);
        new ComputeEscrow(admin, 0, IComputeCapacityToken(address(0)), IERC20(address(usdc)), oracle, GRACE);
    }

    function test_RevertWhen_TheStablecoinIsZero() external {
        vm.expectRevert(IComputeEscrow.Escrow_ZeroStablecoin.selector);
        new ComputeEscrow(admin, 0, token, IERC20(address(0)), oracle, GRACE);
    }

    function test_RevertWhen_TheOracleIsZero() external {
        vm.expectRevert(IComputeEscrow.Escrow_ZeroOracle.selector);
        new ComputeEscrow(admin, 0, token, IERC20(address(usdc)), IUtilizationOracle(address(0)), GRACE);
    }

    function test_RevertWhen_TheStablecoinIsNotAContract() external {
        address eoa = makeAddr("not a token");
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_InvalidCurrency.selector, eoa));
        new ComputeEscrow(admin, 0, token, IERC20(eoa), oracle, GRACE);
    }

    function test_When_EveryAddressIsSet() external {
        vm.expectEmit();
        emit IComputeEscrow.CurrencyAcceptanceSet(address(usdc), true, 6);
        ComputeEscrow fresh = new ComputeEscrow(bob, 0, token, IERC20(address(usdc)), oracle, 3 days);
        (bool accepted, uint8 decimals) = fresh.currencyInfo(address(usdc));
        assertTrue(accepted, "the first currency is accepted");
        assertEq(decimals, 6, "its decimals, read from it");
        assertEq(address(fresh.TOKEN()), address(token));
        assertEq(address(fresh.STABLECOIN()), address(usdc));
        assertEq(address(fresh.ORACLE()), address(oracle));
        assertEq(fresh.DELIVERY_GRACE(), 3 days);
        assertTrue(fresh.hasRole(fresh.DEFAULT_ADMIN_ROLE(), bob));
        // The modules are granted their roles by the deployer, never by the constructor (DeploySuite wires them).
        assertFalse(fresh.hasRole(fresh.MARKET_ROLE(), bob), "no MARKET_ROLE");
        assertFalse(fresh.hasRole(fresh.LENDING_ROLE(), bob), "no LENDING_ROLE");
        assertFalse(fresh.hasRole(fresh.DEFAULT_ADMIN_ROLE(), admin));
        (uint256 credits, uint256 bonds, uint256 reserved) = fresh.totals(address(usdc));
        assertEq(credits + bonds + reserved, 0, "nothing owed");

        // Ids start at one (the fixture's escrow shows it; offers are the market's, pledges the lending module's).
        assertEq(_redeem(alice, 1), 1);
    }

    function test_When_ERC165IsQueried() external {
        ComputeEscrow fresh = new ComputeEscrow(bob, 0, token, IERC20(address(usdc)), oracle, 3 days);
        assertTrue(fresh.supportsInterface(type(IComputeEscrow).interfaceId), "IComputeEscrow");
        assertTrue(fresh.supportsInterface(type(IBondVault).interfaceId), "IBondVault");
        assertFalse(fresh.supportsInterface(type(IComputeLending).interfaceId), "not IComputeLending");
    }
}
