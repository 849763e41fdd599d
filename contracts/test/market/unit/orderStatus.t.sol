// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract OrderStatus_Unit_Test is MarketBase {
    IComputeMarket.Ask internal ask;
    bytes internal sig;
    bytes32 internal orderHash;

    function setUp() public override {
        super.setUp();
        ask = _ask(alice, 100, PRICE);
        sig = _signAsk(ALICE_KEY, ask);
        orderHash = market.hashAsk(ask);
    }

    function _assertStatus(bytes32 hash, uint256 expectedFilled, bool expectedCancelled) internal view {
        (uint256 filled, bool cancelled) = market.orderStatus(hash);
        assertEq(filled, expectedFilled, "filled");
        assertEq(cancelled, expectedCancelled, "cancelled");
    }

    function test_When_TheOrderIsUnknown() external view {
        _assertStatus(orderHash, 0, false);
        _assertStatus(bytes32(0), 0, false);
        _assertStatus(keccak256("no such order"), 0, false);
    }

    function test_When_TheOrderWasPartlyFilled() external {
        _fillAsk(bob, ask, sig, 1);
        _assertStatus(orderHash, 1, false);
        _fillAsk(lender, ask, sig, 41);
        _assertStatus(orderHash, 42, false);

        IComputeMarket.Bid memory bid = _bid(bob, 50, PRICE);
        _fillBid(alice, bid, _signBid(BOB_KEY, bid), lotId, 8);
        _assertStatus(market.hashBid(bid), 8, false);
    }

    function test_When_TheOrderWasFullyFilled() external {
        _fillAsk(bob, ask, sig, 100);
        _assertStatus(orderHash, 100, false);
    }

    function test_When_TheOrderWasCancelledAfterAFill() external {
        _fillAsk(bob, ask, sig, 25);
        vm.prank(alice);
        market.cancelAsk(ask);
        _assertStatus(orderHash, 25, true);
    }

    function test_When_TheOrderWasCancelledBeforeAnyFill() external {
        vm.prank(alice);
        market.cancelAsk(ask);
        _assertStatus(orderHash, 0, true);
    }
}
