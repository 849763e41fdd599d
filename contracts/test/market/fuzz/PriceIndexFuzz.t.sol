// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MarketBase} from "../MarketBase.sol";

/// @notice Properties of the price index: the time-weighted average stays within the prices traded, reaches the last
/// price once it has stood a whole window, and a trade in the same block as the previous one does not move it.
contract PriceIndexFuzz_Test is MarketBase {
    uint256 internal constant TRADES = 8;

    /// @dev alice lists one unit at `price` and bob buys it now.
    function _trade(uint256 price) internal {
        _topUpBob(price);
        _buy(bob, _createOffer(alice, 1, price, endsAt), 1);
    }

    function _topUpBob(uint256 amount) internal {
        vm.prank(admin);
        usdc.mint(bob, amount);
    }

    /// @dev Eight trades at prices in [1, 1e12] with gaps of 0 (same block) to 3 days; after each trade and at a random
    /// later time the average lies between the lowest and the highest price traded so far.
    function testFuzz_AverageStaysWithinTheTradedPrices(
        uint256[TRADES] memory prices,
        uint256[TRADES] memory gaps,
        uint256 lookAhead
    ) external {
        uint256 low = type(uint256).max;
        uint256 high;
        for (uint256 i; i < TRADES; ++i) {
            uint256 price = bound(prices[i], 1, 1e12);
            if (i > 0) vm.warp(block.timestamp + bound(gaps[i], 0, 3 days));
            _trade(price);
            if (price < low) low = price;
            if (price > high) high = price;

            uint256 average = _indexAverage();
            assertGe(average, low, "average below the lowest price");
            assertLe(average, high, "average above the highest price");
        }
        vm.warp(block.timestamp + bound(lookAhead, 0, 30 days));
        uint256 later = _indexAverage();
        assertGe(later, low);
        assertLe(later, high);
    }

    /// @dev Once the last price has stood a whole window (or longer), the average is that price.
    function testFuzz_AverageIsTheLastPriceAfterAWholeWindow(
        uint256[TRADES] memory prices,
        uint256[TRADES] memory gaps,
        uint256 wait,
        uint32 window
    ) external {
        window = uint32(bound(window, market.MIN_INDEX_WINDOW(), market.MAX_INDEX_WINDOW()));
        vm.prank(risk);
        market.setIndexWindow(window);
        uint256 last;
        for (uint256 i; i < TRADES; ++i) {
            last = bound(prices[i], 1, 1e12);
            if (i > 0) vm.warp(block.timestamp + bound(gaps[i], 0, 3 days));
            _trade(last);
        }
        vm.warp(block.timestamp + bound(wait, window, uint256(window) + 365 days));
        (uint256 lastPrice,, uint256 average) = _index();
        assertEq(lastPrice, last);
        assertEq(average, last, "a whole window later the average is the last price");
    }

    /// @dev A trade in the same block as the previous one, at any price (a wash trade at an absurd one included),
    /// leaves the average exactly where it was; only the last price changes.
    function testFuzz_SameBlockTradeDoesNotMoveTheAverage(
        uint256 first,
        uint256 second,
        uint256 gap,
        uint256 sameBlock,
        uint256 count
    ) external {
        _trade(bound(first, 1, 1e12));
        vm.warp(block.timestamp + bound(gap, 0, 10 days));
        _trade(bound(second, 1, 1e12));
        uint256 average = _indexAverage();

        count = bound(count, 1, 4);
        uint256 price;
        for (uint256 i; i < count; ++i) {
            price = bound(uint256(keccak256(abi.encode(sameBlock, i))), 1, type(uint96).max);
            // A wash trade by two colluding accounts (a self-trade would not count at all: M-2).
            _topUpBob(price);
            _buy(bob, _createOffer(alice, 1, price, endsAt), 1);
            (uint256 lastPrice, uint40 lastTradeAt, uint256 now_) = _index();
            assertEq(now_, average, "same-block trade moved the average");
            assertEq(lastPrice, price);
            assertEq(lastTradeAt, block.timestamp);
        }
    }
}
