// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";
import {OrderTestLib} from "../utils/OrderTestLib.sol";

/// @notice Fuzz tests of signed orders: the digests against the reference encoding, fills in parts never passing an
/// order's units, a fill's cost exactly units × price, the bid criteria against a reference, expiry, signatures by any
/// other key, and the escrow's solvency after random fills by several makers and takers.
contract OrderFuzz_Test is MarketBase {
    /*//////////////////////////////////////////////////////////////
                                DIGESTS
    //////////////////////////////////////////////////////////////*/

    function testFuzz_HashAskMatchesTheReference(IComputeMarket.Ask memory ask, uint64 chainId) external {
        vm.chainId(bound(chainId, 1, type(uint64).max));
        assertEq(market.hashAsk(ask), OrderTestLib.askDigest(address(market), ask));
    }

    function testFuzz_HashBidMatchesTheReference(IComputeMarket.Bid memory bid, uint64 chainId) external {
        vm.chainId(bound(chainId, 1, type(uint64).max));
        assertEq(market.hashBid(bid), OrderTestLib.bidDigest(address(market), bid));
    }

    /// @dev Only the seller's key signs for the seller: any other key's signature of the exact digest is refused.
    function testFuzz_RevertWhen_AnyOtherKeySigns(uint256 key) external {
        key = bound(key, 1, SECP256K1_ORDER - 1);
        vm.assume(key != ALICE_KEY);
        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes memory sig = _signAsk(key, ask);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, market.hashAsk(ask), alice)
        );
        _fillAsk(bob, ask, sig, 1);
    }

    /*//////////////////////////////////////////////////////////////
                             PARTIAL FILLS
    //////////////////////////////////////////////////////////////*/

    /// @dev Eight fills of random sizes (up to 20 past the total) against an ask: each either fits what is left and
    /// fills, or is refused with exactly what is left; the sum filled never passes the ask's units and is what
    /// `orderStatus` reports, what the buyers hold and what the seller was credited for.
    function testFuzz_PartialAskFillsNeverExceedItsUnits(uint256 total, uint256[8] memory sizes) external {
        total = bound(total, 1, UNITS);
        IComputeMarket.Ask memory ask = _ask(alice, total, PRICE);
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        bytes32 orderHash = market.hashAsk(ask);
        uint256 sum;
        for (uint256 i; i < sizes.length; ++i) {
            uint256 units = bound(sizes[i], 1, total + 20);
            address buyer = i % 2 == 0 ? bob : lender;
            if (sum + units > total) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IComputeMarket.Market_InsufficientOrderUnits.selector, orderHash, total - sum, units
                    )
                );
                _fillAsk(buyer, ask, sig, units);
                continue;
            }
            _fillAsk(buyer, ask, sig, units);
            sum += units;
            assertEq(_filled(orderHash), sum);
        }
        assertLe(sum, total);
        assertEq(_filled(orderHash), sum);
        assertEq(token.balanceOf(bob, lotId) + token.balanceOf(lender, lotId), sum, "units bought");
        assertEq(escrow.claimable(alice, address(usdc)), sum * PRICE, "seller credited");
    }

    /// @dev The same for a bid, filled by two sellers from two lots.
    function testFuzz_PartialBidFillsNeverExceedItsUnits(uint256 total, uint256[8] memory sizes) external {
        total = bound(total, 1, UNITS);
        uint256 second = _secondLotHeldBy(lender, UNITS);
        IComputeMarket.Bid memory bid = _bid(bob, total, PRICE);
        bytes memory sig = _signBid(BOB_KEY, bid);
        bytes32 orderHash = market.hashBid(bid);
        uint256 sum;
        for (uint256 i; i < sizes.length; ++i) {
            uint256 units = bound(sizes[i], 1, total + 20);
            (address seller, uint256 lot) = i % 2 == 0 ? (alice, lotId) : (lender, second);
            if (sum + units > total) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IComputeMarket.Market_InsufficientOrderUnits.selector, orderHash, total - sum, units
                    )
                );
                _fillBid(seller, bid, sig, lot, units);
                continue;
            }
            _fillBid(seller, bid, sig, lot, units);
            sum += units;
        }
        assertLe(sum, total);
        assertEq(_filled(orderHash), sum);
        assertEq(token.balanceOf(bob, lotId) + token.balanceOf(bob, second), sum, "units bought");
        assertEq(
            escrow.claimable(alice, address(usdc)) + escrow.claimable(lender, address(usdc)),
            sum * PRICE,
            "sellers credited"
        );
    }

    /*//////////////////////////////////////////////////////////////
                                  COST
    //////////////////////////////////////////////////////////////*/

    /// @dev Delivery versus payment at the signed price: a fill of `units` costs the buyer exactly units × price, which
    /// the escrow receives and credits to the seller, for asks and bids alike; the market keeps nothing.
    function testFuzz_FillCostsUnitsTimesPrice(uint256 units, uint256 price, bool isBid) external {
        units = bound(units, 1, UNITS);
        price = bound(price, 1, type(uint96).max);
        uint256 cost = units * price;
        vm.prank(admin);
        usdc.mint(bob, cost);
        uint256 bobBefore = usdc.balanceOf(bob);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        bytes32 orderHash;
        if (isBid) {
            IComputeMarket.Bid memory bid = _bid(bob, units, price);
            orderHash = market.hashBid(bid);
            _fillBid(alice, bid, _signBid(BOB_KEY, bid), lotId, units);
        } else {
            IComputeMarket.Ask memory ask = _ask(alice, units, price);
            orderHash = market.hashAsk(ask);
            _fillAsk(bob, ask, _signAsk(ALICE_KEY, ask), units);
        }

        assertEq(bobBefore - usdc.balanceOf(bob), cost, "buyer paid units x price");
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, cost, "escrow received it");
        assertEq(escrow.claimable(alice, address(usdc)), cost, "seller credited it");
        assertEq(usdc.balanceOf(address(market)), 0, "market holds no stablecoin");
        assertEq(token.balanceOf(bob, lotId), units);
        assertEq(_filled(orderHash), units);
        (uint256 lastPrice,,) = _index();
        assertEq(lastPrice, price, "the index records the signed price");
    }

    /*//////////////////////////////////////////////////////////////
                            CRITERIA, EXPIRY
    //////////////////////////////////////////////////////////////*/

    /// @dev A bid with random criteria around the fixture lot's figures fills exactly when the reference says the lot
    /// matches, and otherwise names the first criterion it fails.
    function testFuzz_BidCriteriaMatchTheReference(
        bool anyGpu,
        bool anyRegion,
        int256 fromOffset,
        int256 untilOffset,
        uint16 minSla,
        uint32 maxEnergy
    ) external {
        IComputeCapacityToken.Lot memory lot = token.lot(lotId);
        IComputeMarket.Bid memory bid = _bid(bob, 10, PRICE);
        if (anyGpu) bid.gpuModel = bytes16(0);
        else if (fromOffset % 7 == 0) bid.gpuModel = bytes16("A100-SXM4-40GB");
        if (anyRegion) bid.region = bytes16(0);
        else if (untilOffset % 7 == 0) bid.region = bytes16("us-east");
        bid.deliveryFrom = uint40(uint256(int256(uint256(lot.startsAt)) + bound(fromOffset, -3, 3)));
        if (fromOffset % 5 == 0) bid.deliveryFrom = 0;
        bid.deliveryUntil = uint40(uint256(int256(uint256(lot.endsAt)) + bound(untilOffset, -3, 3)));
        if (untilOffset % 5 == 0) bid.deliveryUntil = 0;
        bid.minSlaBps = uint16(bound(minSla, 0, 10_000));
        bid.maxWhPerGpuHour = uint32(bound(maxEnergy, 0, 1400));
        bytes memory sig = _signBid(BOB_KEY, bid);

        (bool matches, IComputeMarket.BidCriterion criterion) =
            OrderTestLib.firstFailedCriterion(bid, lot, escrow.currencyOf(lotId));
        if (!matches) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeMarket.Market_LotDoesNotMatchBid.selector, market.hashBid(bid), lotId, criterion
                )
            );
        }
        _fillBid(alice, bid, sig, lotId, 10);
        assertEq(token.balanceOf(bob, lotId), matches ? 10 : 0);
    }

    /// @dev An order fills strictly before its expiry and never from then on.
    function testFuzz_FillTiming(uint256 lifetime, uint256 warpBy) external {
        lifetime = bound(lifetime, 1, endsAt - block.timestamp);
        IComputeMarket.Ask memory ask = _ask(alice, 10, PRICE);
        ask.expiry = uint40(block.timestamp + lifetime);
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        vm.warp(block.timestamp + bound(warpBy, 0, lifetime + 30 days));
        if (block.timestamp >= ask.expiry) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeMarket.Market_OrderExpired.selector, market.hashAsk(ask), ask.expiry)
            );
        }
        _fillAsk(bob, ask, sig, 10);
    }

    /*//////////////////////////////////////////////////////////////
                               SOLVENCY
    //////////////////////////////////////////////////////////////*/

    address[3] internal makers;
    uint256[3] internal keys;
    uint256[2] internal lots;
    /// @dev What each maker sold, in stablecoin (its expected credit).
    uint256[3] internal sold;
    IComputeMarket.Ask[] internal asks;
    bytes[] internal askSigs;

    /// @dev Twelve random steps: a random maker (alice, bob or lender, each holding units of two lots) signs an ask or a
    /// bid at a random price, and a random taker fills part of it or of an earlier ask. After every step the escrow
    /// holds exactly what it owes, every credit is the sum of what the account sold, and the market holds nothing.
    function testFuzz_EscrowSolventAfterRandomFills(uint256 seed) external {
        makers = [alice, bob, lender];
        keys = [ALICE_KEY, BOB_KEY, uint256(keccak256("lender"))];
        lots = [lotId, _secondLotHeldBy(bob, 500)];
        vm.prank(alice);
        token.safeTransferFrom(alice, lender, lotId, 300, "");
        vm.prank(bob);
        token.safeTransferFrom(bob, lender, lots[1], 200, "");
        for (uint256 i; i < 3; ++i) {
            vm.prank(admin);
            usdc.mint(makers[i], 1e15); // any 12 fills at up to 1000 USDC a unit
        }

        for (uint256 step; step < 12; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            if ((r >> 64) % 2 == 1) _newBid(r, step);
            else if ((r >> 72) % 3 == 0 && asks.length > 0) _refillAsk(r);
            else _newAsk(r, step);

            (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
            assertEq(balance, obligations, "escrow holds exactly what it owes");
            assertEq(usdc.balanceOf(address(market)), 0, "market holds no stablecoin");
            assertEq(token.balanceOf(address(market), lots[0]) + token.balanceOf(address(market), lots[1]), 0);
        }
        for (uint256 i; i < 3; ++i) {
            assertEq(escrow.claimable(makers[i], address(usdc)), sold[i], "credit = what the account sold");
        }
        assertEq(
            usdc.balanceOf(address(escrow)), _bondTotal(lots[0]) + _bondTotal(lots[1]) + sold[0] + sold[1] + sold[2]
        );
    }

    /// @dev Maker `r % 3` signs an ask of all it holds of a random lot at a random price; taker `(r >> 8) % 3` fills
    /// part of it.
    function _newAsk(uint256 r, uint256 step) internal {
        uint256 m = r % 3;
        uint256 lot = lots[(r >> 16) % 2];
        uint256 have = token.balanceOf(makers[m], lot);
        if (have == 0) return;
        IComputeMarket.Ask memory ask = _ask(makers[m], have, bound(r >> 24, 1, 1e9));
        ask.lotId = lot;
        ask.salt = step;
        bytes memory sig = _signAsk(keys[m], ask);
        uint256 units = bound(r >> 96, 1, have);
        _fillAsk(makers[(r >> 8) % 3], ask, sig, units);
        sold[m] += units * ask.pricePerUnit;
        asks.push(ask);
        askSigs.push(sig);
    }

    /// @dev Taker `(r >> 8) % 3` fills part of what an earlier ask has left (and its seller still holds).
    function _refillAsk(uint256 r) internal {
        uint256 pick = (r >> 80) % asks.length;
        IComputeMarket.Ask memory ask = asks[pick];
        uint256 units = ask.units - _filled(market.hashAsk(ask));
        uint256 held = token.balanceOf(ask.seller, ask.lotId);
        if (held < units) units = held;
        if (units == 0) return;
        units = bound(r >> 96, 1, units);
        _fillAsk(makers[(r >> 8) % 3], ask, askSigs[pick], units);
        sold[_position(ask.seller)] += units * ask.pricePerUnit;
    }

    /// @dev Maker `r % 3` bids for any GPU in the fixture's region at a random price; taker `(r >> 8) % 3` sells part
    /// of what it holds of a random lot into it.
    function _newBid(uint256 r, uint256 step) internal {
        uint256 m = r % 3;
        uint256 t = (r >> 8) % 3;
        uint256 lot = lots[(r >> 16) % 2];
        uint256 have = token.balanceOf(makers[t], lot);
        if (have == 0) return;
        IComputeMarket.Bid memory bid = _bid(makers[m], have, bound(r >> 24, 1, 1e9));
        bid.gpuModel = bytes16(0);
        bid.salt = step;
        uint256 units = bound(r >> 96, 1, have);
        _fillBid(makers[t], bid, _signBid(keys[m], bid), lot, units);
        sold[t] += units * bid.pricePerUnit;
    }

    function _position(address account) internal view returns (uint256 i) {
        while (makers[i] != account) {
            ++i;
        }
    }
}
