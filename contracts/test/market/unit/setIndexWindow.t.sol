// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract SetIndexWindow_Unit_Test is MarketBase {
    function test_RevertWhen_TheCallerDoesNotHaveRISKROLE() external {
        bytes32 role = market.RISK_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role));
        vm.prank(bob);
        market.setIndexWindow(1 days);
        assertEq(market.indexWindow(), INDEX_WINDOW);
    }

    function test_RevertWhen_TheWindowIsShorterThanOneHour() external {
        uint32 window = 1 hours - 1;
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_InvalidIndexWindow.selector, window));
        vm.prank(risk);
        market.setIndexWindow(window);
    }

    function test_RevertWhen_TheWindowIsLongerThan90Days() external {
        uint32 window = 90 days + 1;
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_InvalidIndexWindow.selector, window));
        vm.prank(risk);
        market.setIndexWindow(window);
    }

    function test_When_TheWindowIsExactlyOneHour() external {
        vm.prank(risk);
        market.setIndexWindow(1 hours);
        assertEq(market.indexWindow(), market.MIN_INDEX_WINDOW());
    }

    function test_When_TheWindowIsExactly90Days() external {
        vm.prank(risk);
        market.setIndexWindow(90 days);
        assertEq(market.indexWindow(), market.MAX_INDEX_WINDOW());
    }

    function test_When_APriceWasAlreadyRecorded() external {
        // Trades at 2.00 then 4.00; one day after the second the average has moved 1/7 of the way (7-day window).
        uint256 first = _createOffer(alice, 10, 2e6, endsAt);
        uint256 second = _createOffer(alice, 10, 4e6, endsAt);
        _buy(bob, first, 1);
        vm.warp(block.timestamp + 1 days);
        _buy(bob, second, 1);
        uint40 tradedAt = uint40(block.timestamp);
        vm.warp(block.timestamp + 1 days);
        assertEq(_indexAverage(), 2e6 + 2e6 * uint256(1 days) / 7 days, "7-day window");

        vm.prank(risk);
        market.setIndexWindow(2 days);

        (uint256 lastPrice, uint40 lastTradeAt, uint256 average) = _index();
        assertEq(lastPrice, 4e6, "last price kept");
        assertEq(lastTradeAt, tradedAt);
        assertEq(average, 3e6, "the day since the trade is now half the window");
        vm.warp(block.timestamp + 1 days);
        assertEq(_indexAverage(), 4e6, "a whole new window has passed");
    }

    function test_When_AllChecksPass() external {
        vm.expectEmit(address(market));
        emit IComputeMarket.IndexWindowUpdated(3 days);
        vm.prank(risk);
        market.setIndexWindow(3 days);
        assertEq(market.indexWindow(), 3 days);

        vm.prank(admin); // the deployer's admin holds RISK_ROLE too
        market.setIndexWindow(4 days);
        assertEq(market.indexWindow(), 4 days);
    }
}
