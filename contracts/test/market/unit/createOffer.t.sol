// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract CreateOffer_Unit_Test is MarketBase {
    function test_RevertWhen_TheLotDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, 42));
        vm.prank(alice);
        market.createOffer(42, 1, PRICE, endsAt);
    }

    function test_RevertWhen_TheUnitsAreZero() external {
        vm.expectRevert(IComputeMarket.Market_ZeroUnits.selector);
        vm.prank(alice);
        market.createOffer(lotId, 0, PRICE, endsAt);
    }

    function test_RevertWhen_TheUnitsExceedUint64() external {
        uint256 units = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_UnitsOverflow.selector, units, type(uint64).max));
        vm.prank(alice);
        market.createOffer(lotId, units, PRICE, endsAt);
    }

    function test_RevertWhen_ThePriceIsZero() external {
        vm.expectRevert(IComputeMarket.Market_ZeroPrice.selector);
        vm.prank(alice);
        market.createOffer(lotId, 1, 0, endsAt);
    }

    function test_RevertWhen_ThePriceExceedsUint96() external {
        uint256 price = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_PriceOverflow.selector, price, type(uint96).max));
        vm.prank(alice);
        market.createOffer(lotId, 1, price, endsAt);
    }

    function test_RevertWhen_TheExpiryIsNotInTheFuture() external {
        uint40 expiry = uint40(block.timestamp);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeMarket.Market_InvalidOfferWindow.selector, uint40(block.timestamp), expiry, block.timestamp
            )
        );
        vm.prank(alice);
        market.createOffer(lotId, 1, PRICE, expiry);
    }

    function test_RevertWhen_TheExpiryIsAfterTheLotsEnd() external {
        uint40 expiry = endsAt + 1;
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferEndsAfterLot.selector, expiry, endsAt));
        vm.prank(alice);
        market.createOffer(lotId, 1, PRICE, expiry);
    }

    function test_When_TheExpiryEqualsTheLotsEnd() external {
        uint256 offerId = _createOffer(alice, 1, PRICE, endsAt);
        assertEq(market.offer(offerId).endsAt, endsAt);
    }

    function test_When_TheSellerDoesNotHoldTheUnits() external {
        uint256 offerId = _createOffer(bob, 5, PRICE, endsAt);
        assertEq(market.offer(offerId).seller, bob);
        assertEq(token.balanceOf(bob, lotId), 0);
    }

    function test_When_AllChecksPass() external {
        uint40 expiry = endsAt - 1 days;
        uint40 now_ = uint40(block.timestamp);
        vm.expectEmit(address(market));
        emit IComputeMarket.OfferCreated(1, alice, lotId, 100, 3e6, 3e6, now_, expiry);
        uint256 offerId = _createOffer(alice, 100, 3e6, expiry);

        assertEq(offerId, 1, "first id");
        IComputeMarket.Offer memory o = market.offer(offerId);
        assertEq(o.seller, alice);
        assertEq(o.startsAt, now_, "open from now");
        assertEq(o.endsAt, expiry);
        assertFalse(o.cancelled);
        assertEq(o.startPrice, 3e6);
        assertEq(o.floorPrice, 3e6, "fixed price: floor = start");
        assertEq(o.unitsRemaining, 100);
        assertEq(o.lotId, lotId);
        assertEq(token.balanceOf(alice, lotId), UNITS, "units stay with the seller");
        assertEq(token.balanceOf(address(market), lotId), 0);
        assertEq(token.balanceOf(address(escrow), lotId), 0);

        (uint256 lastPrice, uint40 lastTradeAt, uint256 average) = _index();
        assertEq(lastPrice, 0, "no trade yet");
        assertEq(lastTradeAt, 0);
        assertEq(average, 0);

        assertEq(_createOffer(alice, 1, PRICE, expiry), 2, "sequential id");
    }
}
