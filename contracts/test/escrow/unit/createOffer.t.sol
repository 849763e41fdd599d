// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract CreateOffer_Unit_Test is EscrowBase {
    function test_RevertWhen_TheLotDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, 42));
        vm.prank(alice);
        escrow.createOffer(42, 1, PRICE, endsAt);
    }

    function test_RevertWhen_TheUnitsAreZero() external {
        vm.expectRevert(IComputeEscrow.Escrow_ZeroUnits.selector);
        vm.prank(alice);
        escrow.createOffer(lotId, 0, PRICE, endsAt);
    }

    function test_RevertWhen_TheUnitsExceedUint64() external {
        uint256 units = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_UnitsOverflow.selector, units, type(uint64).max));
        vm.prank(alice);
        escrow.createOffer(lotId, units, PRICE, endsAt);
    }

    function test_RevertWhen_ThePriceIsZero() external {
        vm.expectRevert(IComputeEscrow.Escrow_ZeroPrice.selector);
        vm.prank(alice);
        escrow.createOffer(lotId, 1, 0, endsAt);
    }

    function test_RevertWhen_ThePriceExceedsUint96() external {
        uint256 price = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_PriceOverflow.selector, price, type(uint96).max));
        vm.prank(alice);
        escrow.createOffer(lotId, 1, price, endsAt);
    }

    function test_RevertWhen_TheExpiryIsNotInTheFuture() external {
        uint40 expiry = uint40(block.timestamp);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_OfferExpiryNotInFuture.selector, expiry, block.timestamp)
        );
        vm.prank(alice);
        escrow.createOffer(lotId, 1, PRICE, expiry);
    }

    function test_RevertWhen_TheExpiryIsAfterTheLotsEnd() external {
        uint40 expiry = endsAt + 1;
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_OfferExpiryAfterLotEnd.selector, expiry, endsAt));
        vm.prank(alice);
        escrow.createOffer(lotId, 1, PRICE, expiry);
    }

    function test_When_TheExpiryEqualsTheLotsEnd() external {
        uint256 offerId = _createOffer(alice, 1, PRICE, endsAt);
        assertEq(escrow.offer(offerId).expiresAt, endsAt);
    }

    function test_When_TheSellerDoesNotHoldTheUnits() external {
        uint256 offerId = _createOffer(bob, 5, PRICE, endsAt);
        assertEq(escrow.offer(offerId).seller, bob);
        assertEq(token.balanceOf(bob, lotId), 0);
    }

    function test_When_AllChecksPass() external {
        uint40 expiry = endsAt - 1 days;
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.OfferCreated(1, alice, lotId, 100, 3e6, expiry);
        uint256 offerId = _createOffer(alice, 100, 3e6, expiry);

        assertEq(offerId, 1, "first id");
        IComputeEscrow.Offer memory o = escrow.offer(offerId);
        assertEq(o.seller, alice);
        assertEq(o.expiresAt, expiry);
        assertFalse(o.cancelled);
        assertEq(o.pricePerUnit, 3e6);
        assertEq(o.unitsRemaining, 100);
        assertEq(o.lotId, lotId);
        assertEq(token.balanceOf(alice, lotId), UNITS, "units stay with the seller");
        assertEq(token.balanceOf(address(escrow), lotId), 0);

        assertEq(_createOffer(alice, 1, PRICE, expiry), 2, "sequential id");
    }
}
