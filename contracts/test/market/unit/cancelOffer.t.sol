// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract CancelOffer_Unit_Test is MarketBase {
    function test_RevertWhen_TheOfferDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_UnknownOffer.selector, 7));
        vm.prank(alice);
        market.cancelOffer(7);
    }

    function test_RevertWhen_TheCallerIsNotTheSeller() external {
        uint256 offerId = _defaultOffer();
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_NotOfferSeller.selector, offerId, bob));
        vm.prank(bob);
        market.cancelOffer(offerId);
    }

    function test_RevertWhen_TheOfferIsAlreadyCancelled() external {
        uint256 offerId = _defaultOffer();
        vm.prank(alice);
        market.cancelOffer(offerId);

        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferCancelled.selector, offerId));
        vm.prank(alice);
        market.cancelOffer(offerId);
    }

    function test_When_TheOfferHasExpired() external {
        uint256 offerId = _createOffer(alice, 10, PRICE, uint40(block.timestamp + 1 hours));
        vm.warp(block.timestamp + 2 hours);
        vm.prank(alice);
        market.cancelOffer(offerId);
        assertTrue(market.offer(offerId).cancelled);
    }

    function test_When_TheOfferIsPartlyFilled() external {
        uint256 offerId = _defaultOffer();
        _buy(bob, offerId, 40);

        vm.prank(alice);
        market.cancelOffer(offerId);

        IComputeMarket.Offer memory o = market.offer(offerId);
        assertTrue(o.cancelled);
        assertEq(o.unitsRemaining, 60);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferCancelled.selector, offerId));
        vm.prank(bob);
        market.purchase(offerId, 1, PRICE);
    }

    function test_When_TheOfferIsAnAuctionThatHasNotStarted() external {
        uint40 startsAt = uint40(block.timestamp + 1 days);
        uint256 offerId = _createAuction(alice, 10, 2 * uint256(PRICE), PRICE, startsAt, _tenDays());
        vm.prank(alice);
        market.cancelOffer(offerId);
        assertTrue(market.offer(offerId).cancelled);

        vm.warp(startsAt);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferCancelled.selector, offerId));
        vm.prank(bob);
        market.purchase(offerId, 1, 2 * uint256(PRICE));
    }

    function test_When_AllChecksPass() external {
        uint256 offerId = _defaultOffer();

        vm.expectEmit(address(market));
        emit IComputeMarket.OfferCancelled(offerId);
        vm.prank(alice);
        market.cancelOffer(offerId);

        assertTrue(market.offer(offerId).cancelled);
        assertEq(market.offer(offerId).unitsRemaining, 100, "the record keeps what was left");
        assertEq(token.balanceOf(alice, lotId), UNITS, "units never left the seller");

        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferCancelled.selector, offerId));
        vm.prank(bob);
        market.purchase(offerId, 1, PRICE);
    }
}
