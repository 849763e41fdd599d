// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {
    IAccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {ComputeMarket} from "../../../src/market/ComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract Market_Constructor_Unit_Test is MarketBase {
    function test_RevertWhen_TheAdminIsZero() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, address(0)
            )
        );
        new ComputeMarket(address(0), 0, escrow, INDEX_WINDOW);
    }

    function test_RevertWhen_TheEscrowIsZero() external {
        vm.expectRevert(IComputeMarket.Market_ZeroEscrow.selector);
        new ComputeMarket(admin, 0, IComputeEscrow(address(0)), INDEX_WINDOW);
    }

    function test_RevertWhen_TheIndexWindowIsShorterThanOneHour() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_InvalidIndexWindow.selector, 1 hours - 1));
        new ComputeMarket(admin, 0, escrow, 1 hours - 1);
    }

    function test_RevertWhen_TheIndexWindowIsLongerThan90Days() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_InvalidIndexWindow.selector, 90 days + 1));
        new ComputeMarket(admin, 0, escrow, 90 days + 1);
    }

    function test_When_TheIndexWindowIsWithinItsBounds() external {
        vm.expectEmit();
        emit IComputeMarket.IndexWindowUpdated(2 days);
        ComputeMarket fresh = new ComputeMarket(bob, 3 days, escrow, 2 days);

        assertEq(address(fresh.TOKEN()), address(token), "token from the escrow");
        assertEq(address(fresh.ESCROW()), address(escrow));
        assertEq(fresh.indexWindow(), 2 days);
        assertEq(fresh.defaultAdmin(), bob);
        assertEq(fresh.defaultAdminDelay(), 3 days);
        assertTrue(fresh.hasRole(fresh.DEFAULT_ADMIN_ROLE(), bob));
        assertTrue(fresh.hasRole(fresh.RISK_ROLE(), bob));
        assertFalse(fresh.hasRole(fresh.RISK_ROLE(), admin));
        assertTrue(fresh.supportsInterface(type(IComputeMarket).interfaceId));
        assertTrue(fresh.supportsInterface(type(IAccessControl).interfaceId));
        assertFalse(fresh.supportsInterface(0xdeadbeef));

        // Offer ids start at one (the fixture's market shows it).
        assertEq(_defaultOffer(), 1);
        assertEq(market.offer(0).seller, address(0), "no offer 0");
    }
}
