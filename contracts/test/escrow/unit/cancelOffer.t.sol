// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract CancelOffer_Unit_Test is EscrowBase {
    function test_RevertWhen_TheOfferDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_UnknownOffer.selector, 7));
        vm.prank(alice);
        escrow.cancelOffer(7);
    }

    function test_RevertWhen_TheCallerIsNotTheSeller() external {
        uint256 offerId = _defaultOffer();
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NotOfferSeller.selector, offerId, bob));
        vm.prank(bob);
        escrow.cancelOffer(offerId);
    }

    function test_RevertWhen_TheOfferIsAlreadyCancelled() external {
        uint256 offerId = _defaultOffer();
        vm.prank(alice);
        escrow.cancelOffer(offerId);

        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_OfferCancelled.selector, offerId));
        vm.prank(alice);
        escrow.cancelOffer(offerId);
    }

    function test_When_TheOfferHasExpired() external {
        uint256 offerId = _createOffer(alice, 10, PRICE, uint40(block.timestamp + 1 hours));
        vm.warp(block.timestamp + 2 hours);
        vm.prank(alice);
        escrow.cancelOffer(offerId);
        assertTrue(escrow.offer(offerId).cancelled);
    }

    function test_When_TheOfferIsPartlyFilled() external {
        uint256 offerId = _defaultOffer();
        vm.prank(bob);
        escrow.purchase(offerId, 40);

        vm.prank(alice);
        escrow.cancelOffer(offerId);

        IComputeEscrow.Offer memory o = escrow.offer(offerId);
        assertTrue(o.cancelled);
        assertEq(o.unitsRemaining, 60);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_OfferCancelled.selector, offerId));
        vm.prank(bob);
        escrow.purchase(offerId, 1);
    }

    function test_When_AllChecksPass() external {
        uint256 offerId = _defaultOffer();

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.OfferCancelled(offerId);
        vm.prank(alice);
        escrow.cancelOffer(offerId);

        assertTrue(escrow.offer(offerId).cancelled);
        assertEq(token.balanceOf(alice, lotId), UNITS, "units never left the seller");

        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_OfferCancelled.selector, offerId));
        vm.prank(bob);
        escrow.purchase(offerId, 1);
    }
}
