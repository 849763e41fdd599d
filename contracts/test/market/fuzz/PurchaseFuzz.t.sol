// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

/// @notice Fuzz tests of createOffer, cancelOffer, purchase and purchaseWithPermit on fixed-price offers.
contract PurchaseFuzz_Test is MarketBase {
    function testFuzz_CreateOffer(uint256 units, uint256 price, uint40 expiry) external {
        units = bound(units, 1, type(uint64).max);
        price = bound(price, 1, type(uint96).max);
        expiry = uint40(bound(expiry, block.timestamp + 1, endsAt));

        vm.expectEmit(address(market));
        emit IComputeMarket.OfferCreated(1, bob, lotId, units, price, price, uint40(block.timestamp), expiry);
        uint256 offerId = _createOffer(bob, units, price, expiry);

        IComputeMarket.Offer memory o = market.offer(offerId);
        assertEq(o.unitsRemaining, units);
        assertEq(o.startPrice, price);
        assertEq(o.floorPrice, price);
        assertEq(o.startsAt, block.timestamp);
        assertEq(o.endsAt, expiry);
    }

    function testFuzz_RevertWhen_CreateOfferExpiryInvalid(uint40 expiry, bool tooLate) external {
        expiry = tooLate
            ? uint40(bound(expiry, uint256(endsAt) + 1, type(uint40).max))
            : uint40(bound(expiry, 0, block.timestamp));
        vm.expectRevert(
            tooLate
                ? abi.encodeWithSelector(IComputeMarket.Market_OfferEndsAfterLot.selector, expiry, endsAt)
                : abi.encodeWithSelector(
                    IComputeMarket.Market_InvalidOfferWindow.selector, uint40(block.timestamp), expiry, block.timestamp
                )
        );
        vm.prank(alice);
        market.createOffer(lotId, 1, PRICE, expiry);
    }

    function testFuzz_RevertWhen_CreateOfferAmountsInvalid(uint256 units, uint256 price, bool badUnits) external {
        if (badUnits) {
            units = bound(units, uint256(type(uint64).max) + 1, type(uint256).max);
            price = bound(price, 1, type(uint96).max);
            vm.expectRevert(
                abi.encodeWithSelector(IComputeMarket.Market_UnitsOverflow.selector, units, type(uint64).max)
            );
        } else {
            units = bound(units, 1, type(uint64).max);
            price = bound(price, uint256(type(uint96).max) + 1, type(uint256).max);
            vm.expectRevert(
                abi.encodeWithSelector(IComputeMarket.Market_PriceOverflow.selector, price, type(uint96).max)
            );
        }
        vm.prank(alice);
        market.createOffer(lotId, units, price, endsAt);
    }

    /// @dev Delivery versus payment: cost = units × price moves buyer → escrow (credited to the seller) and the units
    /// move seller → buyer, for any offer size, purchase size and price; the market keeps nothing.
    function testFuzz_Purchase(uint256 offerUnits, uint256 buyUnits, uint256 price) external {
        offerUnits = bound(offerUnits, 1, UNITS);
        buyUnits = bound(buyUnits, 1, offerUnits);
        price = bound(price, 1, type(uint96).max);
        uint256 cost = buyUnits * price;
        vm.prank(admin);
        usdc.mint(bob, cost);

        uint256 offerId = _createOffer(alice, offerUnits, price, endsAt);
        uint256 bobBefore = usdc.balanceOf(bob);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        vm.prank(bob);
        market.purchase(offerId, buyUnits, price);

        assertEq(bobBefore - usdc.balanceOf(bob), cost, "buyer paid");
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, cost, "escrow received");
        assertEq(usdc.balanceOf(address(market)), 0, "market holds no stablecoin");
        assertEq(escrow.claimable(alice, address(usdc)), cost, "seller credited");
        assertEq(token.balanceOf(bob, lotId), buyUnits);
        assertEq(token.balanceOf(alice, lotId), UNITS - buyUnits);
        assertEq(market.offer(offerId).unitsRemaining, offerUnits - buyUnits);
    }

    function testFuzz_RevertWhen_PurchaseExceedsRemaining(uint256 offerUnits, uint256 buyUnits) external {
        offerUnits = bound(offerUnits, 1, UNITS);
        buyUnits = bound(buyUnits, offerUnits + 1, type(uint256).max);
        uint256 offerId = _createOffer(alice, offerUnits, PRICE, endsAt);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InsufficientOfferUnits.selector, offerId, offerUnits, buyUnits)
        );
        vm.prank(bob);
        market.purchase(offerId, buyUnits, PRICE);
    }

    /// @dev A buyer's limit below the fixed price always refuses, at or above it never does (and never costs more).
    function testFuzz_PurchaseLimit(uint256 price, uint256 limit) external {
        price = bound(price, 1, 1e10);
        limit = bound(limit, 0, 2e10);
        uint256 offerId = _createOffer(alice, 10, price, endsAt);
        uint256 before = usdc.balanceOf(bob);
        if (limit < price) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeMarket.Market_PriceAboveLimit.selector, offerId, price, limit)
            );
        }
        vm.prank(bob);
        market.purchase(offerId, 10, limit);
        if (limit >= price) assertEq(before - usdc.balanceOf(bob), 10 * price);
    }

    /// @dev An offer can be bought strictly before its expiry and never from then on.
    function testFuzz_PurchaseTiming(uint256 lifetime, uint256 warpBy) external {
        lifetime = bound(lifetime, 1, endsAt - block.timestamp);
        // forge-lint: disable-next-line(unsafe-typecast)
        uint40 expiry = uint40(block.timestamp + lifetime);
        uint256 offerId = _createOffer(alice, 10, PRICE, expiry);
        warpBy = bound(warpBy, 0, lifetime + 30 days);
        vm.warp(block.timestamp + warpBy);

        if (block.timestamp >= expiry) {
            vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferExpired.selector, offerId, expiry));
        }
        vm.prank(bob);
        market.purchase(offerId, 10, PRICE);
    }

    /// @dev A purchase paid by a fresh signer's EIP-2612 permit to the market, for any key and size.
    function testFuzz_PurchaseWithPermit(uint256 key, uint256 buyUnits, uint256 price) external {
        key = bound(
            key,
            1,
            115_792_089_237_316_195_423_570_985_008_687_907_852_837_564_279_074_904_382_605_163_141_518_161_494_336
        );
        address owner = vm.addr(key);
        vm.assume(owner != alice && owner.code.length == 0);
        buyUnits = bound(buyUnits, 1, 100);
        price = bound(price, 1, 1e12);
        uint256 cost = buyUnits * price;

        vm.prank(admin);
        usdc.mint(owner, cost);
        vm.prank(compliance);
        token.setAllowed(owner, true);

        uint256 offerId = _createOffer(alice, 100, price, endsAt);
        uint256 deadline = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(key, owner, cost, deadline);

        vm.prank(owner);
        market.purchaseWithPermit(offerId, buyUnits, price, deadline, v, r, s);

        assertEq(token.balanceOf(owner, lotId), buyUnits);
        assertEq(escrow.claimable(alice, address(usdc)), cost);
        assertEq(usdc.nonces(owner), 1);
        assertEq(usdc.allowance(owner, address(market)), 0);
    }

    function testFuzz_CancelOffer(uint256 warpBy, uint256 bought) external {
        uint256 offerId = _createOffer(alice, 100, PRICE, endsAt);
        bought = bound(bought, 0, 100);
        if (bought > 0) _buy(bob, offerId, bought);
        vm.warp(block.timestamp + bound(warpBy, 0, 365 days));
        vm.prank(alice);
        market.cancelOffer(offerId);
        assertTrue(market.offer(offerId).cancelled);
        assertEq(market.offer(offerId).unitsRemaining, 100 - bought);
    }
}
