// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract CreateAuction_Unit_Test is MarketBase {
    uint256 internal constant START_PRICE = 4e6;
    uint256 internal constant FLOOR_PRICE = 1e6;

    function _auction(uint256 units, uint256 startPrice, uint256 floorPrice, uint40 startsAt, uint40 endsAt_)
        internal
        returns (uint256)
    {
        return _createAuction(alice, units, startPrice, floorPrice, startsAt, endsAt_);
    }

    function test_RevertWhen_TheFloorPriceIsAboveTheStartPrice() external {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_FloorAboveStart.selector, FLOOR_PRICE, START_PRICE)
        );
        _auction(10, FLOOR_PRICE, START_PRICE, uint40(block.timestamp), _tenDays());
    }

    function test_RevertWhen_TheLotDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, 42));
        vm.prank(alice);
        market.createAuction(42, 10, START_PRICE, FLOOR_PRICE, uint40(block.timestamp), _tenDays());
    }

    function test_RevertWhen_TheUnitsAreZero() external {
        vm.expectRevert(IComputeMarket.Market_ZeroUnits.selector);
        _auction(0, START_PRICE, FLOOR_PRICE, uint40(block.timestamp), _tenDays());
    }

    function test_RevertWhen_TheUnitsExceedUint64() external {
        uint256 units = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_UnitsOverflow.selector, units, type(uint64).max));
        _auction(units, START_PRICE, FLOOR_PRICE, uint40(block.timestamp), _tenDays());
    }

    function test_RevertWhen_TheFloorPriceIsZero() external {
        vm.expectRevert(IComputeMarket.Market_ZeroPrice.selector);
        _auction(10, START_PRICE, 0, uint40(block.timestamp), _tenDays());
    }

    function test_RevertWhen_TheStartPriceExceedsUint96() external {
        uint256 startPrice = uint256(type(uint96).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_PriceOverflow.selector, startPrice, type(uint96).max)
        );
        _auction(10, startPrice, FLOOR_PRICE, uint40(block.timestamp), _tenDays());
    }

    function test_RevertWhen_TheEndIsNotInTheFuture() external {
        uint40 startsAt = uint40(block.timestamp - 1 days);
        uint40 end = uint40(block.timestamp);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InvalidOfferWindow.selector, startsAt, end, block.timestamp)
        );
        _auction(10, START_PRICE, FLOOR_PRICE, startsAt, end);
    }

    function test_RevertWhen_TheEndIsNotAfterTheStart() external {
        uint40 startsAt = uint40(block.timestamp + 2 days);
        uint40 end = startsAt;
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InvalidOfferWindow.selector, startsAt, end, block.timestamp)
        );
        _auction(10, START_PRICE, FLOOR_PRICE, startsAt, end);
    }

    function test_RevertWhen_TheEndIsAfterTheLotsEnd() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferEndsAfterLot.selector, endsAt + 1, endsAt));
        _auction(10, START_PRICE, FLOOR_PRICE, uint40(block.timestamp), endsAt + 1);
    }

    function test_When_TheStartIsInThePast() external {
        // Started 1 day ago, ends in 2 days: a third of the fall (3e6) is behind it.
        uint40 startsAt = uint40(block.timestamp - 1 days);
        uint256 offerId = _auction(10, START_PRICE, FLOOR_PRICE, startsAt, uint40(block.timestamp + 2 days));
        assertEq(market.offer(offerId).startsAt, startsAt);
        assertEq(market.priceAt(offerId, block.timestamp), START_PRICE - 1e6, "priced where the curve is");

        _buy(bob, offerId, 1); // open at once
        assertEq(token.balanceOf(bob, lotId), 1);
        assertEq(escrow.claimable(alice, address(usdc)), START_PRICE - 1e6);
    }

    function test_When_TheStartIsInTheFuture() external {
        uint40 startsAt = uint40(block.timestamp + 1 days);
        uint256 offerId = _auction(10, START_PRICE, FLOOR_PRICE, startsAt, _tenDays());
        assertEq(market.offer(offerId).startsAt, startsAt);

        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferNotStarted.selector, offerId, startsAt));
        vm.prank(bob);
        market.purchase(offerId, 1, START_PRICE);

        vm.warp(startsAt);
        _buy(bob, offerId, 1);
        assertEq(escrow.claimable(alice, address(usdc)), START_PRICE, "the start price at the start");
    }

    function test_When_TheFloorPriceEqualsTheStartPrice() external {
        uint256 offerId = _auction(10, START_PRICE, START_PRICE, uint40(block.timestamp), _tenDays());
        assertEq(market.priceAt(offerId, block.timestamp), START_PRICE);
        assertEq(market.priceAt(offerId, block.timestamp + 5 days), START_PRICE);
        assertEq(market.priceAt(offerId, block.timestamp + 10 days), START_PRICE);
    }

    function test_When_AllChecksPass() external {
        uint256 fixedId = _createOffer(alice, 1, PRICE, endsAt);
        uint40 startsAt = uint40(block.timestamp + 1 hours);
        uint40 end = _tenDays();

        vm.expectEmit(address(market));
        emit IComputeMarket.OfferCreated(2, alice, lotId, 100, START_PRICE, FLOOR_PRICE, startsAt, end);
        uint256 offerId = _auction(100, START_PRICE, FLOOR_PRICE, startsAt, end);

        assertEq(fixedId, 1);
        assertEq(offerId, 2, "one id counter for both kinds");
        IComputeMarket.Offer memory o = market.offer(offerId);
        assertEq(o.seller, alice);
        assertEq(o.startsAt, startsAt);
        assertEq(o.endsAt, end);
        assertFalse(o.cancelled);
        assertEq(o.startPrice, START_PRICE);
        assertEq(o.floorPrice, FLOOR_PRICE);
        assertEq(o.unitsRemaining, 100);
        assertEq(o.lotId, lotId);
        assertEq(token.balanceOf(alice, lotId), UNITS, "units stay with the seller");
        assertEq(token.balanceOf(address(market), lotId), 0);
    }
}
