// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of the `auctionOf` view (see auctionOf.tree).
contract AuctionOf_Unit_Test is LendingBase {
    function _assertAuction(uint256 pledgeId, uint256 startsAt, uint256 unitsLeft, uint256 paidToLender) internal view {
        IComputeLending.CollateralAuction memory a = lending.auctionOf(pledgeId);
        assertEq(a.startPrice, AUCTION_START, "startPrice");
        assertEq(a.floorPrice, AUCTION_FLOOR, "floorPrice");
        assertEq(a.startsAt, startsAt, "startsAt");
        assertEq(a.endsAt, startsAt + AUCTION_DURATION, "endsAt");
        assertEq(a.unitsLeft, unitsLeft, "unitsLeft");
        assertEq(a.paidToLender, paidToLender, "paidToLender");
    }

    function _assertZero(IComputeLending.CollateralAuction memory a) internal pure {
        assertEq(a.startPrice, 0);
        assertEq(a.floorPrice, 0);
        assertEq(a.startsAt, 0);
        assertEq(a.endsAt, 0);
        assertEq(a.unitsLeft, 0);
        assertEq(a.paidToLender, 0);
    }

    function test_When_NoAuctionWasStarted() external {
        _assertZero(lending.auctionOf(42));
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        _assertZero(lending.auctionOf(pledgeId));
    }

    function test_When_AnAuctionWasStarted() external {
        uint256 pledgeId = _auctionedPledge();
        _assertAuction(pledgeId, maturity, PLEDGE_UNITS, 0);
    }

    /// @dev 30 units at 2.80 an hour in (84e6), then 30 at 2.00 halfway (60e6): the lender's share stops at OWED =
    /// 105e6.
    function test_When_UnitsWereSold() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, 30);
        _assertAuction(pledgeId, maturity, 70, 30 * PRICE_AN_HOUR_IN);
        vm.warp(block.timestamp + 4 hours);
        assertEq(_buyAt(provider, pledgeId, 30), 2e6);
        _assertAuction(pledgeId, maturity, 40, OWED);
    }

    function test_When_TheAuctionWasSettled() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, 10);
        vm.warp(block.timestamp + AUCTION_DURATION);
        lending.settleCollateralAuction(pledgeId);
        _assertAuction(pledgeId, maturity, 0, 10 * PRICE_AN_HOUR_IN);
    }

    /// @dev A claim out of an auction that sold nothing (L-2) leaves the record as it was: the pledge's status, not
    /// the auction, says it is closed.
    function test_When_TheLenderClaimedOutOfTheAuction() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertAuction(pledgeId, maturity, PLEDGE_UNITS, 0);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
    }
}
