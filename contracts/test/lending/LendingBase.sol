// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeLending} from "../../src/interfaces/IComputeLending.sol";
import {EscrowBase} from "../escrow/EscrowBase.sol";

/// @notice Shared state and helpers of the lending module's unit, fuzz, matrix and security tests.
/// @dev Extends `EscrowBase`: pledges settle into the escrow (principals and repayments are credited there), so the
/// tests need its bonded lot (`lotId`, `UNITS` units held by alice), and the pledge helpers (`_requestPledge`,
/// `_defaultPledge`, `_activePledge`, `_pledgeStatus`), which live there because the escrow's and the market's tests
/// pledge units too (pledged units cannot be redeemed or sold). Every funded actor approved the lending module for
/// its stablecoin (SuiteFixture).
abstract contract LendingBase is EscrowBase {
    /// @dev What closing the default pledge costs: principal plus fee.
    uint256 internal constant OWED = PRINCIPAL + FEE;

    /// @dev The lending module is no custodian: it never holds stablecoin, nor units of the fixture's lot.
    function _assertLendingHoldsNothing() internal view {
        assertEq(usdc.balanceOf(address(lending)), 0, "lending module holds stablecoin");
        assertEq(token.balanceOf(address(lending), lotId), 0, "lending module holds units");
    }

    /// @dev Asserts a pledge's status (compared as numbers: enums have no assertEq).
    function _assertStatus(uint256 pledgeId, IComputeLending.PledgeStatus expected) internal view {
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(expected), "pledge status");
    }
}
