// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeLending} from "../../src/interfaces/IComputeLending.sol";
import {EscrowBase} from "../escrow/EscrowBase.sol";

/// @notice Shared state and helpers of the lending module's unit, fuzz, matrix and security tests.
/// @dev Extends `EscrowBase`: pledges settle into the escrow (principals and repayments are credited there), so the
/// tests need its bonded lot (`lotId`, `UNITS` units held by alice), and the pledge helpers (`_requestPledge`,
/// `_defaultPledge`, `_activePledge`, `_pledgeStatus`), which live there because the escrow's and the market's tests
/// pledge units too (pledged units cannot be redeemed or sold). Every funded actor approved the lending module for
/// its stablecoin (SuiteFixture). The collateral auction helpers (`_startAuction`, `_auctionedPledge`, `_buyAt`) sell
/// the default pledge's PLEDGE_UNITS from AUCTION_START down to AUCTION_FLOOR over AUCTION_DURATION; nobody buys in
/// the block that started an auction (L-1), so a test buys after `_auctionedPledgeAnHourIn` or a warp of its own.
abstract contract LendingBase is EscrowBase {
    /// @dev What closing the default pledge costs: principal plus fee.
    uint256 internal constant OWED = PRINCIPAL + FEE;

    /// @dev The default collateral auction: 3.00 → 1.00 per unit over 10 hours (2.00 halfway). Its floor value,
    /// 100 × 1.00 = 100e6, is below OWED (105e6), so only the lender may start it; THIRD_PARTY_FLOOR × PLEDGE_UNITS
    /// is exactly OWED.
    uint256 internal constant AUCTION_START = 3e6;
    uint256 internal constant AUCTION_FLOOR = 1e6;
    uint40 internal constant AUCTION_DURATION = 10 hours;
    uint256 internal constant THIRD_PARTY_FLOOR = OWED / PLEDGE_UNITS;
    /// @dev The default auction's price an hour in: 3.00 − 2.00 × 1 / 10 = 2.80.
    uint256 internal constant PRICE_AN_HOUR_IN = 2_800_000;

    /// @dev A third party's start price must lie within [max(2 × ref, floor), max(4 × ref, floor)] (L-1, L-2): for the
    /// fixture's lot (reference price PRICE = 2.50) and THIRD_PARTY_FLOOR, [5.00, 10.00].
    uint256 internal constant THIRD_PARTY_LOWEST_START = 2 * uint256(PRICE);
    uint256 internal constant THIRD_PARTY_HIGHEST_START = 4 * uint256(PRICE);
    /// @dev The shortest auction a third party may start (THIRD_PARTY_AUCTION_DURATION).
    uint40 internal constant THIRD_PARTY_DURATION = 1 days;

    /// @dev The lending module is no custodian: it never holds stablecoin, nor units of the fixture's lot.
    function _assertLendingHoldsNothing() internal view {
        assertEq(usdc.balanceOf(address(lending)), 0, "lending module holds stablecoin");
        assertEq(token.balanceOf(address(lending), lotId), 0, "lending module holds units");
    }

    /// @dev `caller` starts a collateral auction of `pledgeId`.
    function _startAuction(address caller, uint256 pledgeId, uint256 startPrice, uint256 floorPrice, uint40 duration)
        internal
    {
        vm.prank(caller);
        lending.startCollateralAuction(pledgeId, startPrice, floorPrice, duration);
    }

    /// @dev `_activePledge`, left unpaid: at its maturity the lender starts the default auction (now = its start).
    function _auctionedPledge() internal returns (uint256 pledgeId) {
        pledgeId = _activePledge();
        vm.warp(maturity);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
    }

    /// @dev `_auctionedPledge`, an hour later: the price is PRICE_AN_HOUR_IN and buying is open.
    function _auctionedPledgeAnHourIn() internal returns (uint256 pledgeId) {
        pledgeId = _auctionedPledge();
        vm.warp(block.timestamp + 1 hours);
    }

    /// @dev `caller`, a third party, starts the cheapest auction it may of the default pledge once the grace passed
    /// (now = maturity + AUCTION_GRACE): from THIRD_PARTY_LOWEST_START down to THIRD_PARTY_FLOOR over a day.
    function _thirdPartyAuction(address caller, uint256 pledgeId) internal {
        vm.warp(uint256(maturity) + lending.AUCTION_GRACE());
        _startAuction(caller, pledgeId, THIRD_PARTY_LOWEST_START, THIRD_PARTY_FLOOR, THIRD_PARTY_DURATION);
    }

    /// @dev Takes `shortBy` base units of stablecoin out of the escrow (an issuer claw-back, a rounding loss): it then
    /// holds less than it owes (L-6).
    function _shortEscrow(uint256 shortBy) internal {
        deal(address(usdc), address(escrow), usdc.balanceOf(address(escrow)) - shortBy);
    }

    /// @dev The latest end of an auction of the fixture's lot: a day (MATURITY_MARGIN) before the lot's end (L-2).
    function _latestAuctionEnd() internal view returns (uint256) {
        return uint256(endsAt) - lending.MATURITY_MARGIN();
    }

    /// @dev `buyer` buys `units` of a pledge's collateral at the current price (the limit is that price); returns the
    /// price paid per unit.
    function _buyAt(address buyer, uint256 pledgeId, uint256 units) internal returns (uint256 price) {
        price = lending.auctionPriceAt(pledgeId, block.timestamp);
        vm.prank(buyer);
        lending.buyCollateral(pledgeId, units, price);
    }

    /// @dev The escrow owes exactly what it holds.
    function _assertExactlySolvent() internal view {
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance, obligations, "escrow exactly solvent");
    }

    /// @dev Asserts a pledge's status (compared as numbers: enums have no assertEq).
    function _assertStatus(uint256 pledgeId, IComputeLending.PledgeStatus expected) internal view {
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(expected), "pledge status");
    }
}
