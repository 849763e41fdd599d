// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract CancelAsk_Unit_Test is MarketBase {
    IComputeMarket.Ask internal ask;
    bytes internal sig;
    bytes32 internal orderHash;

    function setUp() public override {
        super.setUp();
        ask = _ask(alice, 100, PRICE);
        sig = _signAsk(ALICE_KEY, ask);
        orderHash = market.hashAsk(ask);
    }

    function _cancelled() internal view returns (bool cancelled) {
        (, cancelled) = market.orderStatus(orderHash);
    }

    function test_RevertWhen_TheCallerIsNotTheAsksSeller() external {
        address[11] memory all = _allActors();
        for (uint256 i; i < all.length; ++i) {
            if (all[i] == alice) continue;
            vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_NotOrderMaker.selector, orderHash, all[i]));
            vm.prank(all[i]);
            market.cancelAsk(ask);
        }
        assertFalse(_cancelled(), "still open");
        _fillAsk(bob, ask, sig, 100);
    }

    function test_RevertWhen_TheAskIsAlreadyCancelled() external {
        vm.startPrank(alice);
        market.cancelAsk(ask);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, orderHash));
        market.cancelAsk(ask);
        vm.stopPrank();
    }

    function test_When_TheAskWasNeverFilled() external {
        // An order that was never shown on chain (no fill, no signature) is cancelled by its fields alone.
        IComputeMarket.Ask memory unsigned = _ask(alice, 7, 1);
        vm.prank(alice);
        market.cancelAsk(unsigned);
        (uint256 filled, bool cancelled) = market.orderStatus(market.hashAsk(unsigned));
        assertEq(filled, 0);
        assertTrue(cancelled);
    }

    function test_When_TheAskIsPartlyFilled() external {
        _fillAsk(bob, ask, sig, 30);
        vm.prank(alice);
        market.cancelAsk(ask);
        (uint256 filled, bool cancelled) = market.orderStatus(orderHash);
        assertEq(filled, 30, "units filled kept");
        assertTrue(cancelled);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, orderHash));
        _fillAsk(bob, ask, sig, 1);
        assertEq(token.balanceOf(bob, lotId), 30);
    }

    function test_When_TheAskHasExpiredOrItsCounterIsStale() external {
        ask.expiry = uint40(block.timestamp + 1 hours);
        bytes32 expiredHash = market.hashAsk(ask);
        vm.warp(ask.expiry + 1);
        vm.prank(alice);
        market.cancelAsk(ask);
        (, bool cancelled) = market.orderStatus(expiredHash);
        assertTrue(cancelled, "expired ask cancelled");

        IComputeMarket.Ask memory stale = _ask(alice, 100, PRICE);
        vm.startPrank(alice);
        market.incrementOrderCounter();
        market.cancelAsk(stale);
        vm.stopPrank();
        (, cancelled) = market.orderStatus(market.hashAsk(stale));
        assertTrue(cancelled, "stale ask cancelled");
    }

    function test_When_AllChecksPass() external {
        vm.expectEmit(address(market));
        emit IComputeMarket.OrderCancelled(orderHash, alice);
        vm.prank(alice);
        market.cancelAsk(ask);

        (uint256 filled, bool cancelled) = market.orderStatus(orderHash);
        assertTrue(cancelled, "cancelled");
        assertEq(filled, 0);
        assertEq(token.balanceOf(alice, lotId), UNITS, "units stay with the seller");
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, orderHash));
        _fillAsk(bob, ask, sig, 1);
    }
}
