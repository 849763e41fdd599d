// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract PriceAt_Unit_Test is MarketBase {
    uint256 internal constant START_PRICE = 5e6;
    uint256 internal constant FLOOR_PRICE = 1e6;
    uint40 internal startsAt;
    uint40 internal auctionEnd;
    uint256 internal auctionId;

    /// @dev An auction from 5.00 to 1.00 over 4 days, starting in one day.
    function setUp() public override {
        super.setUp();
        startsAt = uint40(block.timestamp + 1 days);
        auctionEnd = startsAt + 4 days;
        auctionId = _createAuction(alice, 100, START_PRICE, FLOOR_PRICE, startsAt, auctionEnd);
    }

    function test_RevertWhen_TheOfferDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_UnknownOffer.selector, 99));
        market.priceAt(99, block.timestamp);
    }

    function test_When_TheOfferHasAFixedPrice() external {
        uint256 offerId = _createOffer(alice, 10, PRICE, uint40(block.timestamp + 1 days));
        assertEq(market.priceAt(offerId, 0), PRICE);
        assertEq(market.priceAt(offerId, block.timestamp), PRICE);
        assertEq(market.priceAt(offerId, block.timestamp + 12 hours), PRICE);
        assertEq(market.priceAt(offerId, block.timestamp + 365 days), PRICE);
    }

    function test_When_TheTimeIsBeforeItsStart() external view {
        assertEq(market.priceAt(auctionId, 0), START_PRICE);
        assertEq(market.priceAt(auctionId, startsAt - 1), START_PRICE);
    }

    function test_When_TheTimeIsItsStart() external view {
        assertEq(market.priceAt(auctionId, startsAt), START_PRICE);
    }

    function test_When_TheTimeIsWithinItsWindow() external view {
        // 4.00 of fall over 4 days: 1.00 a day.
        assertEq(market.priceAt(auctionId, startsAt + 1 days), 4e6);
        assertEq(market.priceAt(auctionId, startsAt + 2 days), 3e6);
        assertEq(market.priceAt(auctionId, startsAt + 3 days), 2e6);
        assertLt(market.priceAt(auctionId, startsAt + 1), START_PRICE, "falls from the first second");
    }

    function test_When_TheFallSoFarIsNotAWholeNumberOfBaseUnits() external {
        // A fall of 2 base units over 3 seconds: after one second the exact price is 10 − 2/3 ≈ 9.33, charged 10;
        // after two seconds 10 − 4/3 ≈ 8.67, charged 9.
        uint40 t0 = uint40(block.timestamp);
        uint256 offerId = _createAuction(alice, 10, 10, 8, t0, t0 + 3);
        assertEq(market.priceAt(offerId, t0 + 1), 10);
        assertEq(market.priceAt(offerId, t0 + 2), 9);
        assertEq(market.priceAt(offerId, t0 + 3), 8);
    }

    function test_When_TheTimeIsOneSecondBeforeItsEnd() external view {
        uint256 price = market.priceAt(auctionId, auctionEnd - 1);
        assertGe(price, FLOOR_PRICE);
        // 4e6 × (4 days − 1 s) / 4 days, rounded down, is the fall: the floor plus the rounding.
        assertEq(price, START_PRICE - (4e6 * uint256(4 days - 1)) / 4 days);
    }

    function test_When_TheTimeIsAtOrAfterItsEnd() external view {
        assertEq(market.priceAt(auctionId, auctionEnd), FLOOR_PRICE);
        assertEq(market.priceAt(auctionId, auctionEnd + 1), FLOOR_PRICE);
        assertEq(market.priceAt(auctionId, type(uint256).max), FLOOR_PRICE);
    }

    function test_When_TheOfferIsCancelledOrSoldOut() external {
        vm.warp(startsAt + 2 days);
        _buy(bob, auctionId, 100);
        assertEq(market.offer(auctionId).unitsRemaining, 0);
        assertEq(market.priceAt(auctionId, block.timestamp), 3e6, "sold out");

        uint256 other = _createAuction(alice, 10, START_PRICE, FLOOR_PRICE, startsAt, auctionEnd);
        vm.prank(alice);
        market.cancelOffer(other);
        assertEq(market.priceAt(other, startsAt + 1 days), 4e6, "cancelled");
    }
}
