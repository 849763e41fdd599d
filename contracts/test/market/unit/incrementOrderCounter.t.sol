// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract IncrementOrderCounter_Unit_Test is MarketBase {
    function test_IncrementOrderCounter() external {
        assertEq(market.orderCounter(alice), 0, "starts at zero");
        vm.expectEmit(address(market));
        emit IComputeMarket.OrderCounterIncremented(alice, 1);
        vm.prank(alice);
        uint256 counter = market.incrementOrderCounter();
        assertEq(counter, 1, "returned");
        assertEq(market.orderCounter(alice), 1, "stored");
    }

    function test_When_TheCallerSignedAsksAndBidsUnderTheOldCounter() external {
        // alice both sells (an ask) and buys (a bid); one increment cancels both.
        IComputeMarket.Ask memory ask = _ask(alice, 10, PRICE);
        bytes memory askSig = _signAsk(ALICE_KEY, ask);
        IComputeMarket.Bid memory bid = _bid(alice, 10, PRICE);
        bytes memory bidSig = _signBid(ALICE_KEY, bid);
        uint256 second = _secondLotHeldBy(bob, 10);

        vm.prank(alice);
        market.incrementOrderCounter();

        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_OrderCounterStale.selector, market.hashAsk(ask), 0, 1)
        );
        _fillAsk(bob, ask, askSig, 10);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_OrderCounterStale.selector, market.hashBid(bid), 0, 1)
        );
        _fillBid(bob, bid, bidSig, second, 10);
    }

    function test_When_AnOrderWasPartlyFilledUnderTheOldCounter() external {
        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        bytes32 orderHash = market.hashAsk(ask);
        _fillAsk(bob, ask, sig, 40);

        vm.prank(alice);
        market.incrementOrderCounter();

        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OrderCounterStale.selector, orderHash, 0, 1));
        _fillAsk(bob, ask, sig, 1);
        (uint256 filled, bool cancelled) = market.orderStatus(orderHash);
        assertEq(filled, 40, "units filled kept");
        assertFalse(cancelled, "not cancelled one by one");
        assertEq(token.balanceOf(bob, lotId), 40);
    }

    function test_When_TheCallerSignsNewOrdersUnderTheNewCounter() external {
        vm.prank(alice);
        market.incrementOrderCounter();
        IComputeMarket.Ask memory ask = _ask(alice, 10, PRICE);
        assertEq(ask.counter, 1);
        _fillAsk(bob, ask, _signAsk(ALICE_KEY, ask), 10);
        assertEq(token.balanceOf(bob, lotId), 10);

        vm.prank(bob);
        market.incrementOrderCounter();
        IComputeMarket.Bid memory bid = _bid(bob, 10, PRICE);
        assertEq(bid.counter, 1);
        _fillBid(alice, bid, _signBid(BOB_KEY, bid), lotId, 10);
        assertEq(token.balanceOf(bob, lotId), 20);
    }

    function test_When_AnotherAccountRaisesItsCounter() external {
        IComputeMarket.Ask memory ask = _ask(alice, 10, PRICE);
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        vm.prank(bob);
        market.incrementOrderCounter();
        assertEq(market.orderCounter(alice), 0, "alice's counter");
        assertEq(market.orderCounter(bob), 1, "bob's counter");
        _fillAsk(bob, ask, sig, 10);
        assertEq(token.balanceOf(bob, lotId), 10, "alice's ask still fills");
    }

    function test_When_TheCallerRaisesItManyTimes() external {
        for (uint256 i = 1; i <= 20; ++i) {
            vm.expectEmit(address(market));
            emit IComputeMarket.OrderCounterIncremented(alice, i);
            vm.prank(alice);
            assertEq(market.incrementOrderCounter(), i);
            assertEq(market.orderCounter(alice), i);
        }
    }
}
