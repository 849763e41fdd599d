// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Properties of collateral auctions: the price curve (never rising, within [floor, start], the market's
/// linear formula rounded up, computed here independently and against a market auction of the same terms) and the
/// split of the proceeds over any sequence of buys (the lender first up to principal + fee, the holder the rest,
/// measured from the escrow's credits, never from the module's own bookkeeping), and a third party's terms (L-1, L-2:
/// a start price within [max(2 × ref, floor), max(4 × ref, floor)], at least a day, ending a day before the lot).
contract CollateralAuctionFuzz_Test is LendingBase {
    struct Terms {
        uint256 startPrice;
        uint256 floorPrice;
        uint40 duration;
    }

    /// @dev The default pledge, left unpaid and auctioned by the lender from `delay` after maturity with prices in
    /// [1, `maxPrice`] (floor ≤ start) and a duration from MIN_AUCTION_DURATION up to the latest end (MATURITY_MARGIN
    /// before the lot's end).
    function _auction(uint256 startPrice, uint256 floorPrice, uint256 durationSeed, uint256 delay, uint256 maxPrice)
        internal
        returns (uint256 pledgeId, Terms memory t)
    {
        pledgeId = _activePledge();
        vm.warp(uint256(maturity) + bound(delay, 0, 5 days));
        t.startPrice = bound(startPrice, 1, maxPrice);
        t.floorPrice = bound(floorPrice, 1, t.startPrice);
        t.duration = uint40(bound(durationSeed, lending.MIN_AUCTION_DURATION(), _latestAuctionEnd() - block.timestamp));
        _startAuction(lender, pledgeId, t.startPrice, t.floorPrice, t.duration);
    }

    /*//////////////////////////////////////////////////////////////
                               THE CURVE
    //////////////////////////////////////////////////////////////*/

    /// @dev Never rising, within [floor, start]; the start price up to the start, the floor from the end on.
    function testFuzz_PriceCurveIsMonotoneAndBounded(
        uint256 startPrice,
        uint256 floorPrice,
        uint256 durationSeed,
        uint256 delay,
        uint256 t1,
        uint256 t2
    ) external {
        (uint256 pledgeId, Terms memory t) = _auction(startPrice, floorPrice, durationSeed, delay, type(uint96).max);
        uint256 startsAt = block.timestamp;
        uint256 auctionEnd = startsAt + t.duration;
        t1 = bound(t1, 0, auctionEnd + 365 days);
        t2 = bound(t2, t1, auctionEnd + 365 days);

        uint256 p1 = lending.auctionPriceAt(pledgeId, t1);
        uint256 p2 = lending.auctionPriceAt(pledgeId, t2);
        assertGe(p1, p2, "the price never rises");
        assertLe(p1, t.startPrice, "at most the start price");
        assertGe(p2, t.floorPrice, "at least the floor price");
        if (t1 <= startsAt) assertEq(p1, t.startPrice, "the start price until the start");
        if (t2 >= auctionEnd) assertEq(p2, t.floorPrice, "the floor price from the end");
        assertEq(lending.auctionPriceAt(pledgeId, startsAt), t.startPrice);
        assertEq(lending.auctionPriceAt(pledgeId, auctionEnd), t.floorPrice);
    }

    /// @dev Within the window the price is ⌈(start × length − (start − floor) × elapsed) / length⌉, computed here,
    /// and equals the market's price for a Dutch auction of the same terms (alice lists her unpledged units).
    function testFuzz_PriceIsTheMarketFormulaRoundedUp(
        uint256 startPrice,
        uint256 floorPrice,
        uint256 durationSeed,
        uint256 delay,
        uint256 at
    ) external {
        (uint256 pledgeId, Terms memory t) = _auction(startPrice, floorPrice, durationSeed, delay, type(uint96).max);
        uint256 startsAt = block.timestamp;
        uint256 length = t.duration;
        at = bound(at, startsAt, startsAt + length);
        uint256 price = lending.auctionPriceAt(pledgeId, at);

        uint256 exactTimesLength = t.startPrice * length - (t.startPrice - t.floorPrice) * (at - startsAt);
        uint256 roundedUp = (exactTimesLength + length - 1) / length;
        assertEq(price, roundedUp, "the linear price, rounded up");
        assertGe(price * length, exactTimesLength, "never below the exact price");
        assertLt((price - 1) * length, exactTimesLength, "less than one base unit above it");

        vm.prank(alice);
        uint256 offerId =
            market.createAuction(lotId, 100, t.startPrice, t.floorPrice, uint40(startsAt), uint40(startsAt + length));
        assertEq(price, market.priceAt(offerId, at), "the market's price for the same terms");
    }

    /*//////////////////////////////////////////////////////////////
                               THE SPLIT
    //////////////////////////////////////////////////////////////*/

    /// @dev What a sequence of buys moved, measured outside the lending module.
    struct Tally {
        uint256 cost;
        uint256 units;
        uint256 lenderCredit0;
        uint256 holderCredit0;
        uint256 escrowUsdc0;
    }

    /// @dev Up to 8 buys at random times within the window (after the start block, L-1), of random sizes, by the buyer
    /// picked from bob, the provider, the lender itself and the holder itself; each buyer is minted what the buy costs.
    function _buyRandomly(uint256 pledgeId, uint256 seed, uint256 buys) internal returns (Tally memory s) {
        s.lenderCredit0 = escrow.claimable(lender, address(usdc));
        s.holderCredit0 = escrow.claimable(alice, address(usdc));
        s.escrowUsdc0 = usdc.balanceOf(address(escrow));
        address[4] memory buyers = [bob, provider, lender, alice];
        uint40 auctionEnd = lending.auctionOf(pledgeId).endsAt;
        uint256 opensAt = uint256(lending.auctionOf(pledgeId).startsAt) + 1;
        for (uint256 i; i < buys; ++i) {
            uint256 left = lending.auctionOf(pledgeId).unitsLeft;
            if (left == 0) break;
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            vm.warp(bound(r >> 128, block.timestamp > opensAt ? block.timestamp : opensAt, uint256(auctionEnd) - 1));
            uint256 units = bound(r & type(uint64).max, 1, left);
            address buyer = buyers[(r >> 64) % 4];
            uint256 price = lending.auctionPriceAt(pledgeId, block.timestamp);
            vm.prank(admin);
            usdc.mint(buyer, units * price);
            uint256 before = usdc.balanceOf(buyer);
            vm.prank(buyer);
            lending.buyCollateral(pledgeId, units, price);
            assertEq(before - usdc.balanceOf(buyer), units * price, "paid units x the price of the second");
            s.cost += units * price;
            s.units += units;
        }
    }

    /// @dev For any terms and any sequence of buys: the lender is credited min(Σ cost, principal + fee), the holder
    /// the rest, paidToLender says the same, every base unit paid reached the escrow, which stays exactly solvent, and
    /// the lending module holds nothing; the units bought plus those left are the pledged units, still locked until
    /// settled (to the lender).
    function testFuzz_LenderFirstThenHolder(
        uint256 fee,
        uint256 startPrice,
        uint256 floorPrice,
        uint256 durationSeed,
        uint256 seed,
        uint256 buys
    ) external {
        fee = bound(fee, 0, 1e12);
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, fee, maturity);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(maturity);
        Terms memory t;
        t.startPrice = bound(startPrice, 1, 1e10);
        t.floorPrice = bound(floorPrice, 1, t.startPrice);
        t.duration = uint40(bound(durationSeed, lending.MIN_AUCTION_DURATION(), _latestAuctionEnd() - block.timestamp));
        _startAuction(lender, pledgeId, t.startPrice, t.floorPrice, t.duration);

        Tally memory s = _buyRandomly(pledgeId, seed, bound(buys, 1, 8));

        uint256 debt = PRINCIPAL + fee;
        uint256 toLender = escrow.claimable(lender, address(usdc)) - s.lenderCredit0;
        uint256 toHolder = escrow.claimable(alice, address(usdc)) - s.holderCredit0;
        assertEq(toLender, s.cost < debt ? s.cost : debt, "the lender: min(proceeds, principal + fee)");
        assertEq(toHolder, s.cost - toLender, "the holder: the rest");
        IComputeLending.CollateralAuction memory a = lending.auctionOf(pledgeId);
        assertEq(a.paidToLender, toLender, "paidToLender");
        assertLe(a.paidToLender, debt);
        assertEq(usdc.balanceOf(address(escrow)) - s.escrowUsdc0, s.cost, "every base unit in the escrow");
        assertEq(a.unitsLeft + s.units, PLEDGE_UNITS, "units bought + left = pledged");
        assertEq(token.lockedBalanceOf(alice, lotId), a.unitsLeft, "the units left stay locked");
        _assertExactlySolvent();
        _assertLendingHoldsNothing();

        if (a.unitsLeft != 0) {
            _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
            uint256 lenderUnits = token.balanceOf(lender, lotId);
            vm.warp(a.endsAt);
            lending.settleCollateralAuction(pledgeId);
            assertEq(token.balanceOf(lender, lotId) - lenderUnits, a.unitsLeft, "the rest to the lender");
        }
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "nothing locked once liquidated");
        assertEq(escrow.claimable(lender, address(usdc)) - s.lenderCredit0, toLender, "settling credits nothing");
        _assertLendingHoldsNothing();
    }

    /// @dev A third party's auction (after the grace, floor × units ≥ principal + fee, a start within its band, a day
    /// or more) that sells out, however and whenever, repays the lender in full.
    function testFuzz_ThirdPartyAuctionSoldOutRepaysTheDebt(
        uint256 fee,
        uint256 startPrice,
        uint256 floorPrice,
        uint256 durationSeed,
        uint256 seed
    ) external {
        fee = bound(fee, 0, 1e12);
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, fee, maturity);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(uint256(maturity) + lending.AUCTION_GRACE());
        uint256 debt = PRINCIPAL + fee;
        uint256 minFloor = (debt + PLEDGE_UNITS - 1) / PLEDGE_UNITS;
        (, uint256 top) = _band(minFloor, debt);
        uint256 floor = bound(floorPrice, minFloor, top);
        (uint256 lowest, uint256 highest) = _band(floor, debt);
        uint256 start = bound(startPrice, lowest, highest);
        uint40 duration =
            uint40(bound(durationSeed, lending.THIRD_PARTY_AUCTION_DURATION(), _latestAuctionEnd() - block.timestamp));
        _startAuction(bob, pledgeId, start, floor, duration);

        uint256 lenderCredit0 = escrow.claimable(lender, address(usdc));
        _buyRandomly(pledgeId, seed, 8);
        uint256 left = lending.auctionOf(pledgeId).unitsLeft;
        if (left != 0) _buyAt(bob, pledgeId, left);

        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
        assertEq(lending.auctionOf(pledgeId).paidToLender, debt, "paid in full");
        assertEq(escrow.claimable(lender, address(usdc)) - lenderCredit0, debt, "credited in full");
        _assertExactlySolvent();
        _assertLendingHoldsNothing();
    }

    /// @dev A third party's allowed start prices for `floor`: [max(2 × ref, floor), max(4 × ref, floor)].
    function _band(uint256 floor, uint256 debt) internal pure returns (uint256 lowest, uint256 highest) {
        lowest = THIRD_PARTY_LOWEST_START > floor ? THIRD_PARTY_LOWEST_START : floor;
        // Only the debt per unit (rounded up) lifts the top above four times the reference price, never the floor.
        uint256 debtPerUnit = (debt + PLEDGE_UNITS - 1) / PLEDGE_UNITS;
        highest = THIRD_PARTY_HIGHEST_START > debtPerUnit ? THIRD_PARTY_HIGHEST_START : debtPerUnit;
    }

    /// @dev L-1, L-2: for any floor that repays the debt and any start price and duration, a third party's start is
    /// refused with the exact error unless the start lies within the band and the auction runs from a day to at most
    /// the latest end; inside those bounds it starts (and nobody buys in its block).
    function testFuzz_ThirdPartyTermsAreBounded(uint256 floorPrice, uint256 startPrice, uint256 durationSeed) external {
        uint256 pledgeId = _activePledge();
        vm.warp(uint256(maturity) + lending.AUCTION_GRACE());
        uint256 floor = bound(floorPrice, THIRD_PARTY_FLOOR, 4 * THIRD_PARTY_HIGHEST_START);
        (uint256 lowest, uint256 highest) = _band(floor, OWED);
        // Mostly around the band (so that both sides of each bound are common), one time in four anywhere up to 2^96 − 1.
        // (A floor above the top leaves no start price at all: every start is refused.)
        uint256 top = highest > floor ? highest : floor;
        uint256 start = bound(startPrice, floor, startPrice % 4 == 0 ? type(uint96).max : top + 1e6);
        uint40 duration = uint40(bound(durationSeed, 0, 30 days));
        uint256 auctionEnd = block.timestamp + duration;
        uint256 earliest = block.timestamp + lending.THIRD_PARTY_AUCTION_DURATION();

        if (start < lowest || start > highest) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeLending.Lending_ThirdPartyStartPrice.selector, start, lowest, highest)
            );
        } else if (auctionEnd < earliest || auctionEnd > _latestAuctionEnd()) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeLending.Lending_InvalidAuctionEnd.selector, auctionEnd, earliest, _latestAuctionEnd()
                )
            );
        }
        _startAuction(bob, pledgeId, start, floor, duration);
        bool started =
            start >= lowest && start <= highest && auctionEnd >= earliest && auctionEnd <= _latestAuctionEnd();
        _assertStatus(pledgeId, started ? IComputeLending.PledgeStatus.Auctioning : IComputeLending.PledgeStatus.Active);
        if (started) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeLending.Lending_AuctionNotStarted.selector, pledgeId, uint40(block.timestamp)
                )
            );
            vm.prank(bob);
            lending.buyCollateral(pledgeId, PLEDGE_UNITS, type(uint256).max);
        }
    }
}
