// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

/// @notice Properties of the Dutch auction's price curve and of buying from it.
contract AuctionFuzz_Test is MarketBase {
    struct Curve {
        uint256 startPrice;
        uint256 floorPrice;
        uint40 startsAt;
        uint40 endsAt;
    }

    /// @dev A valid auction of 100 units: start in [now − 10 days, now + 10 days], end after it and after now, within
    /// the lot; prices in [1, 2^96 − 1] with floor ≤ start.
    function _curve(uint256 startPrice, uint256 floorPrice, uint256 startSeed, uint256 lengthSeed)
        internal
        view
        returns (Curve memory c)
    {
        c.startPrice = bound(startPrice, 1, type(uint96).max);
        c.floorPrice = bound(floorPrice, 1, c.startPrice);
        c.startsAt = uint40(bound(startSeed, block.timestamp - 10 days, block.timestamp + 10 days));
        uint256 earliestEnd = c.startsAt > block.timestamp ? c.startsAt + 1 : block.timestamp + 1;
        c.endsAt = uint40(bound(lengthSeed, earliestEnd, endsAt));
    }

    function _list(Curve memory c) internal returns (uint256) {
        return _createAuction(alice, 100, c.startPrice, c.floorPrice, c.startsAt, c.endsAt);
    }

    /// @dev The curve never rises, stays within [floor, start], is the start price up to its start and the floor
    /// price from its end on.
    function testFuzz_PriceCurveIsMonotoneAndBounded(
        uint256 startPrice,
        uint256 floorPrice,
        uint256 startSeed,
        uint256 lengthSeed,
        uint256 t1,
        uint256 t2
    ) external {
        Curve memory c = _curve(startPrice, floorPrice, startSeed, lengthSeed);
        uint256 offerId = _list(c);
        t1 = bound(t1, 0, uint256(c.endsAt) + 365 days);
        t2 = bound(t2, t1, uint256(c.endsAt) + 365 days);

        uint256 p1 = market.priceAt(offerId, t1);
        uint256 p2 = market.priceAt(offerId, t2);
        assertGe(p1, p2, "the price never rises");
        assertLe(p1, c.startPrice, "at most the start price");
        assertGe(p2, c.floorPrice, "at least the floor price");
        if (t1 <= c.startsAt) assertEq(p1, c.startPrice, "start price until the start");
        if (t2 >= c.endsAt) assertEq(p2, c.floorPrice, "floor price from the end");
        assertEq(market.priceAt(offerId, c.startsAt), c.startPrice);
        assertEq(market.priceAt(offerId, c.endsAt), c.floorPrice);
    }

    /// @dev Within the window the price is the exact linear price rounded up: the smallest p with
    /// p × length ≥ start × length − (start − floor) × elapsed.
    function testFuzz_PriceIsTheLinearPriceRoundedUp(
        uint256 startPrice,
        uint256 floorPrice,
        uint256 startSeed,
        uint256 lengthSeed,
        uint256 at
    ) external {
        Curve memory c = _curve(startPrice, floorPrice, startSeed, lengthSeed);
        uint256 offerId = _list(c);
        at = bound(at, c.startsAt, c.endsAt);
        uint256 price = market.priceAt(offerId, at);

        uint256 length = uint256(c.endsAt) - c.startsAt;
        uint256 exactTimesLength = c.startPrice * length - (c.startPrice - c.floorPrice) * (at - c.startsAt);
        assertGe(price * length, exactTimesLength, "not below the exact price");
        assertLt((price - 1) * length, exactTimesLength, "rounded up by less than one base unit");
    }

    /// @dev Bought at any time in its window, a buyer pays units × the curve's price of that second, which is never
    /// above the limit: a limit below the price refuses, and nothing moves.
    function testFuzz_BuyerNeverPaysAboveTheLimit(
        uint256 startPrice,
        uint256 floorPrice,
        uint256 startSeed,
        uint256 lengthSeed,
        uint256 warpTo,
        uint256 units,
        uint256 limit
    ) external {
        // Prices a buyer can afford (bob holds 1 000 000 USDC; up to 100 units).
        Curve memory c = _curve(bound(startPrice, 1, 1e10), floorPrice, startSeed, lengthSeed);
        uint256 offerId = _list(c);
        uint256 open = c.startsAt > block.timestamp ? c.startsAt : block.timestamp;
        vm.warp(bound(warpTo, open, uint256(c.endsAt) - 1));
        units = bound(units, 1, 100);
        limit = bound(limit, 0, 2e10);
        uint256 price = market.priceAt(offerId, block.timestamp);
        uint256 before = usdc.balanceOf(bob);

        if (price > limit) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeMarket.Market_PriceAboveLimit.selector, offerId, price, limit)
            );
        }
        vm.prank(bob);
        market.purchase(offerId, units, limit);

        uint256 paid = before - usdc.balanceOf(bob);
        if (price > limit) {
            assertEq(paid, 0, "nothing paid");
            assertEq(token.balanceOf(bob, lotId), 0, "nothing moved");
        } else {
            assertEq(paid, units * price, "units x the price of the second");
            assertLe(paid, units * limit, "never above the limit");
            assertEq(escrow.claimable(alice, address(usdc)), paid);
            (uint256 lastPrice,,) = _index();
            assertEq(lastPrice, price, "the index records the price paid");
        }
    }

    /// @dev An auction cannot be bought before its start or from its end on, whatever the limit.
    function testFuzz_BuyingOutsideTheWindowRefuses(uint256 startSeed, uint256 lengthSeed, uint256 warpTo, bool early)
        external
    {
        // An early buyer needs an auction that starts in the future.
        if (early) startSeed = bound(startSeed, block.timestamp + 1, block.timestamp + 10 days);
        Curve memory c = _curve(4e6, 1e6, startSeed, lengthSeed);
        uint256 offerId = _list(c);
        if (early) {
            vm.warp(bound(warpTo, block.timestamp, uint256(c.startsAt) - 1));
            vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferNotStarted.selector, offerId, c.startsAt));
        } else {
            vm.warp(bound(warpTo, c.endsAt, uint256(c.endsAt) + 30 days));
            vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferExpired.selector, offerId, c.endsAt));
        }
        vm.prank(bob);
        market.purchase(offerId, 1, type(uint256).max);
    }
}
