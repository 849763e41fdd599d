// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract CancelBid_Unit_Test is MarketBase {
    IComputeMarket.Bid internal bid;
    bytes internal sig;
    bytes32 internal orderHash;

    function setUp() public override {
        super.setUp();
        bid = _bid(bob, 100, PRICE);
        sig = _signBid(BOB_KEY, bid);
        orderHash = market.hashBid(bid);
    }

    function _cancelled() internal view returns (bool cancelled) {
        (, cancelled) = market.orderStatus(orderHash);
    }

    function test_RevertWhen_TheCallerIsNotTheBidsBuyer() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            if (all[i] == bob) continue;
            vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_NotOrderMaker.selector, orderHash, all[i]));
            vm.prank(all[i]);
            market.cancelBid(bid);
        }
        assertFalse(_cancelled(), "still open");
        _fillBid(alice, bid, sig, lotId, 100);
    }

    function test_RevertWhen_TheBidIsAlreadyCancelled() external {
        vm.startPrank(bob);
        market.cancelBid(bid);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, orderHash));
        market.cancelBid(bid);
        vm.stopPrank();
    }

    function test_When_TheBidWasNeverFilled() external {
        IComputeMarket.Bid memory unsigned = _bid(bob, 7, 1);
        vm.prank(bob);
        market.cancelBid(unsigned);
        (uint256 filled, bool cancelled) = market.orderStatus(market.hashBid(unsigned));
        assertEq(filled, 0);
        assertTrue(cancelled);
    }

    function test_When_TheBidIsPartlyFilled() external {
        _fillBid(alice, bid, sig, lotId, 30);
        vm.prank(bob);
        market.cancelBid(bid);
        (uint256 filled, bool cancelled) = market.orderStatus(orderHash);
        assertEq(filled, 30, "units filled kept");
        assertTrue(cancelled);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, orderHash));
        _fillBid(alice, bid, sig, lotId, 1);
        assertEq(token.balanceOf(bob, lotId), 30);
    }

    function test_When_TheBidHasExpiredOrItsCounterIsStale() external {
        bid.expiry = uint40(block.timestamp + 1 hours);
        bytes32 expiredHash = market.hashBid(bid);
        vm.warp(bid.expiry + 1);
        vm.prank(bob);
        market.cancelBid(bid);
        (, bool cancelled) = market.orderStatus(expiredHash);
        assertTrue(cancelled, "expired bid cancelled");

        IComputeMarket.Bid memory stale = _bid(bob, 100, PRICE);
        vm.startPrank(bob);
        market.incrementOrderCounter();
        market.cancelBid(stale);
        vm.stopPrank();
        (, cancelled) = market.orderStatus(market.hashBid(stale));
        assertTrue(cancelled, "stale bid cancelled");
    }

    function test_When_AllChecksPass() external {
        uint256 bobUsdc = usdc.balanceOf(bob);
        vm.expectEmit(address(market));
        emit IComputeMarket.OrderCancelled(orderHash, bob);
        vm.prank(bob);
        market.cancelBid(bid);

        (uint256 filled, bool cancelled) = market.orderStatus(orderHash);
        assertTrue(cancelled, "cancelled");
        assertEq(filled, 0);
        assertEq(usdc.balanceOf(bob), bobUsdc, "stablecoin stays with the buyer");
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, orderHash));
        _fillBid(alice, bid, sig, lotId, 1);
    }
}
