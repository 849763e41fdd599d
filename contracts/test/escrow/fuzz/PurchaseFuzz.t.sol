// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

/// @notice Fuzz tests of createOffer, cancelOffer, purchase and purchaseWithPermit.
contract PurchaseFuzz_Test is EscrowBase {
    function testFuzz_CreateOffer(uint256 units, uint256 price, uint40 expiry) external {
        units = bound(units, 1, type(uint64).max);
        price = bound(price, 1, type(uint96).max);
        expiry = uint40(bound(expiry, block.timestamp + 1, endsAt));

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.OfferCreated(1, bob, lotId, units, price, expiry);
        uint256 offerId = _createOffer(bob, units, price, expiry);

        IComputeEscrow.Offer memory o = escrow.offer(offerId);
        assertEq(o.unitsRemaining, units);
        assertEq(o.pricePerUnit, price);
        assertEq(o.expiresAt, expiry);
    }

    function testFuzz_RevertWhen_CreateOfferExpiryInvalid(uint40 expiry, bool tooLate) external {
        expiry = tooLate
            ? uint40(bound(expiry, uint256(endsAt) + 1, type(uint40).max))
            : uint40(bound(expiry, 0, block.timestamp));
        vm.expectRevert(
            tooLate
                ? abi.encodeWithSelector(IComputeEscrow.Escrow_OfferExpiryAfterLotEnd.selector, expiry, endsAt)
                : abi.encodeWithSelector(IComputeEscrow.Escrow_OfferExpiryNotInFuture.selector, expiry, block.timestamp)
        );
        vm.prank(alice);
        escrow.createOffer(lotId, 1, PRICE, expiry);
    }

    function testFuzz_RevertWhen_CreateOfferAmountsInvalid(uint256 units, uint256 price, bool badUnits) external {
        if (badUnits) {
            units = bound(units, uint256(type(uint64).max) + 1, type(uint256).max);
            price = bound(price, 1, type(uint96).max);
            vm.expectRevert(
                abi.encodeWithSelector(IComputeEscrow.Escrow_UnitsOverflow.selector, units, type(uint64).max)
            );
        } else {
            units = bound(units, 1, type(uint64).max);
            price = bound(price, uint256(type(uint96).max) + 1, type(uint256).max);
            vm.expectRevert(
                abi.encodeWithSelector(IComputeEscrow.Escrow_PriceOverflow.selector, price, type(uint96).max)
            );
        }
        vm.prank(alice);
        escrow.createOffer(lotId, units, price, endsAt);
    }

    /// @dev Delivery versus payment: cost = units × price moves buyer → escrow (credited to the seller) and the units
    /// move seller → buyer, for any offer size, purchase size and price.
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
        escrow.purchase(offerId, buyUnits);

        assertEq(bobBefore - usdc.balanceOf(bob), cost, "buyer paid");
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, cost, "escrow received");
        assertEq(escrow.claimable(alice), cost, "seller credited");
        assertEq(token.balanceOf(bob, lotId), buyUnits);
        assertEq(token.balanceOf(alice, lotId), UNITS - buyUnits);
        assertEq(escrow.offer(offerId).unitsRemaining, offerUnits - buyUnits);
    }

    function testFuzz_RevertWhen_PurchaseExceedsRemaining(uint256 offerUnits, uint256 buyUnits) external {
        offerUnits = bound(offerUnits, 1, UNITS);
        buyUnits = bound(buyUnits, offerUnits + 1, type(uint256).max);
        uint256 offerId = _createOffer(alice, offerUnits, PRICE, endsAt);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_InsufficientOfferUnits.selector, offerId, offerUnits, buyUnits)
        );
        vm.prank(bob);
        escrow.purchase(offerId, buyUnits);
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
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_OfferExpired.selector, offerId, expiry));
        }
        vm.prank(bob);
        escrow.purchase(offerId, 10);
    }

    /// @dev A purchase paid by a fresh signer's EIP-2612 permit, for any key and size.
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
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(key, owner, cost, deadline);

        vm.prank(owner);
        escrow.purchaseWithPermit(offerId, buyUnits, deadline, v, r, s);

        assertEq(token.balanceOf(owner, lotId), buyUnits);
        assertEq(escrow.claimable(alice), cost);
        assertEq(usdc.nonces(owner), 1);
        assertEq(usdc.allowance(owner, address(escrow)), 0);
    }

    function testFuzz_CancelOffer(uint256 warpBy, uint256 bought) external {
        uint256 offerId = _createOffer(alice, 100, PRICE, endsAt);
        bought = bound(bought, 0, 100);
        if (bought > 0) {
            vm.prank(bob);
            escrow.purchase(offerId, bought);
        }
        vm.warp(block.timestamp + bound(warpBy, 0, 365 days));
        vm.prank(alice);
        escrow.cancelOffer(offerId);
        assertTrue(escrow.offer(offerId).cancelled);
        assertEq(escrow.offer(offerId).unitsRemaining, 100 - bought);
    }
}
