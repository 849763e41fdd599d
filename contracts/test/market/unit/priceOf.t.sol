// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract PriceOf_Unit_Test is MarketBase {
    uint256 internal constant LOW = 2e6;
    uint256 internal constant HIGH = 4e6;
    uint256 internal lowOffer;
    uint256 internal highOffer;

    /// @dev alice lists 100 units at 2.00 and 100 at 4.00; nothing is traded yet.
    function setUp() public override {
        super.setUp();
        lowOffer = _createOffer(alice, 100, LOW, endsAt);
        highOffer = _createOffer(alice, 100, HIGH, endsAt);
    }

    function _assertIndex(uint256 lastPrice, uint256 lastTradeAt, uint256 average) internal view {
        (uint256 p, uint40 t, uint256 a) = _index();
        assertEq(p, lastPrice, "last price");
        assertEq(t, lastTradeAt, "last trade at");
        assertEq(a, average, "average");
    }

    function test_When_NothingWasTradedForTheKey() external view {
        _assertIndex(0, 0, 0);
    }

    function test_When_TheTradeIsTheKeysFirst() external {
        bytes32 key = market.indexKey(GPU, REGION, address(usdc));
        assertEq(key, keccak256(abi.encode(GPU, REGION, address(usdc))), "indexKey");
        vm.expectEmit(address(market));
        emit IComputeMarket.PriceRecorded(key, lotId, HIGH, HIGH);
        _buy(bob, highOffer, 1);
        _assertIndex(HIGH, block.timestamp, HIGH);
    }

    function test_When_NoTimeHasPassedSinceTheLastTrade() external {
        _buy(bob, lowOffer, 1);
        vm.warp(block.timestamp + 1 days);
        _buy(bob, highOffer, 1);
        _assertIndex(HIGH, block.timestamp, LOW);
    }

    function test_When_PartOfTheWindowHasPassedSinceTheLastTrade() external {
        _buy(bob, lowOffer, 1);
        vm.warp(block.timestamp + 1 days);
        _buy(bob, highOffer, 1);
        uint256 tradedAt = block.timestamp;
        vm.warp(block.timestamp + 3.5 days); // half the 7-day window
        _assertIndex(HIGH, tradedAt, (LOW + HIGH) / 2);
        vm.warp(block.timestamp + 1 days);
        assertEq(_indexAverage(), LOW + (HIGH - LOW) * uint256(4.5 days) / 7 days, "keeps moving up");
    }

    function test_When_TheLastPriceIsBelowTheAverage() external {
        _buy(bob, highOffer, 1);
        vm.warp(block.timestamp + 1 days);
        _buy(bob, lowOffer, 1);
        vm.warp(block.timestamp + 1.75 days); // a quarter of the window
        assertEq(_indexAverage(), HIGH - (HIGH - LOW) / 4);
    }

    function test_When_AWholeWindowHasPassedSinceTheLastTrade() external {
        _buy(bob, lowOffer, 1);
        vm.warp(block.timestamp + 1 days);
        _buy(bob, highOffer, 1);
        vm.warp(block.timestamp + INDEX_WINDOW);
        assertEq(_indexAverage(), HIGH);
        vm.warp(block.timestamp + 365 days);
        assertEq(_indexAverage(), HIGH, "and stays there");
    }

    function test_When_ASecondTradeHappensInTheSameBlock() external {
        _buy(bob, lowOffer, 1);
        vm.warp(block.timestamp + 1 days);
        uint256 before = _indexAverage();
        _buy(bob, highOffer, 1);
        _buy(lender, lowOffer, 1);
        _buy(bob, highOffer, 1);
        _assertIndex(HIGH, block.timestamp, before);
    }

    function test_When_ANewTradeFollowsPartOfAWindowLater() external {
        // 2.00, then 4.00 a day later; 3.5 days on, the average is 3.00 and a trade at 2.00 stores it.
        _buy(bob, lowOffer, 1);
        vm.warp(block.timestamp + 1 days);
        _buy(bob, highOffer, 1);
        vm.warp(block.timestamp + 3.5 days);
        bytes32 key = market.indexKey(GPU, REGION, address(usdc));
        vm.expectEmit(address(market));
        emit IComputeMarket.PriceRecorded(key, lotId, LOW, 3e6);
        _buy(bob, lowOffer, 1);
        _assertIndex(LOW, block.timestamp, 3e6);
        vm.warp(block.timestamp + 3.5 days);
        assertEq(_indexAverage(), 2.5e6, "now moving from 3.00 toward 2.00");
    }

    function test_When_AnotherLotOfTheSameGPUModelAndRegionTrades() external {
        uint256 secondLot = _secondLotHeldBy(bob, 50);
        vm.prank(bob);
        uint256 offerId = market.createOffer(secondLot, 50, HIGH, endsAt);
        _buy(lender, offerId, 5);
        _assertIndex(HIGH, block.timestamp, HIGH);
    }

    function test_When_ALotOfAnotherRegionTrades() external {
        _buy(bob, lowOffer, 1);
        uint256 tradedAt = block.timestamp;
        vm.warp(block.timestamp + 1 hours);
        bytes16 otherRegion = bytes16("us-east");
        uint256 usLot = _lotInRegion(otherRegion, bob, 50);
        vm.prank(bob);
        uint256 offerId = market.createOffer(usLot, 50, HIGH, endsAt);
        _buy(lender, offerId, 5);

        _assertIndex(LOW, tradedAt, LOW);
        (uint256 lastPrice,, uint256 average) = market.priceOf(GPU, otherRegion, address(usdc));
        assertEq(lastPrice, HIGH, "its own entry");
        assertEq(average, HIGH);
    }

    function test_When_TheCurrencyIsNotTheMarketsStablecoin() external {
        _buy(bob, lowOffer, 1);
        (uint256 lastPrice, uint40 lastTradeAt, uint256 average) = market.priceOf(GPU, REGION, address(0xBEEF));
        assertEq(lastPrice, 0);
        assertEq(lastTradeAt, 0);
        assertEq(average, 0);
    }
}
