// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract PurchaseWithPermit_Unit_Test is EscrowBase {
    uint256 internal offerId;
    uint256 internal constant COST = 100 * uint256(PRICE);
    uint256 internal deadline;

    function setUp() public override {
        super.setUp();
        offerId = _defaultOffer();
        deadline = block.timestamp + 1 hours;
    }

    function test_RevertWhen_TheOfferDoesNotExist() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, COST, deadline);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_UnknownOffer.selector, 99));
        vm.prank(signer);
        escrow.purchaseWithPermit(99, 100, deadline, v, r, s);
    }

    function test_RevertWhen_TheOfferIsCancelled() external {
        vm.prank(alice);
        escrow.cancelOffer(offerId);
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, COST, deadline);

        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_OfferCancelled.selector, offerId));
        vm.prank(signer);
        escrow.purchaseWithPermit(offerId, 100, deadline, v, r, s);
        assertEq(usdc.nonces(signer), 0, "permit rolled back");
        assertEq(usdc.allowance(signer, address(escrow)), 0);
    }

    function test_RevertWhen_TheUnitsExceedTheUnitsRemaining() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, 101 * uint256(PRICE), deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_InsufficientOfferUnits.selector, offerId, 100, 101)
        );
        vm.prank(signer);
        escrow.purchaseWithPermit(offerId, 101, deadline, v, r, s);
    }

    function test_RevertWhen_TheSignatureIsByAnotherKeyAndThereIsNoAllowance() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(0xBAD, signer, COST, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 0, COST)
        );
        vm.prank(signer);
        escrow.purchaseWithPermit(offerId, 100, deadline, v, r, s);
    }

    function test_RevertWhen_ThePermitIsForLessThanTheCostAndThereIsNoAllowance() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, COST - 1, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 0, COST)
        );
        vm.prank(signer);
        escrow.purchaseWithPermit(offerId, 100, deadline, v, r, s);
    }

    function test_RevertWhen_ThePermitHasExpiredAndThereIsNoAllowance() external {
        uint256 past = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, COST, past);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 0, COST)
        );
        vm.prank(signer);
        escrow.purchaseWithPermit(offerId, 100, past, v, r, s);
    }

    function test_When_ThePermitWasAlreadyUsedByAFrontRunner() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, COST, deadline);
        // A front-runner submits the permit first: the nonce is used, the allowance is set.
        vm.prank(bob);
        usdc.permit(signer, address(escrow), COST, deadline, v, r, s);
        assertEq(usdc.nonces(signer), 1);

        vm.prank(signer);
        escrow.purchaseWithPermit(offerId, 100, deadline, v, r, s);

        assertEq(token.balanceOf(signer, lotId), 100);
        assertEq(escrow.claimable(alice), COST);
        assertEq(usdc.allowance(signer, address(escrow)), 0);
        assertEq(usdc.nonces(signer), 1, "no second permit");
    }

    function test_When_ThePermitBelongsToAnotherAccountThanTheCaller() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, COST, deadline);
        uint256 signerBefore = usdc.balanceOf(signer);
        uint256 bobBefore = usdc.balanceOf(bob);

        vm.prank(bob);
        escrow.purchaseWithPermit(offerId, 100, deadline, v, r, s);

        assertEq(usdc.nonces(signer), 0, "signer's permit unused");
        assertEq(usdc.balanceOf(signer), signerBefore, "signer did not pay");
        assertEq(bobBefore - usdc.balanceOf(bob), COST, "caller paid");
        assertEq(token.balanceOf(bob, lotId), 100);
    }

    function test_When_ThePermitIsValid() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, COST, deadline);
        uint256 before = usdc.balanceOf(signer);

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.Purchased(offerId, signer, lotId, 100, COST);
        vm.prank(signer);
        escrow.purchaseWithPermit(offerId, 100, deadline, v, r, s);

        assertEq(usdc.nonces(signer), 1, "nonce consumed");
        assertEq(usdc.allowance(signer, address(escrow)), 0, "exact allowance spent");
        assertEq(before - usdc.balanceOf(signer), COST);
        assertEq(token.balanceOf(signer, lotId), 100);
        assertEq(token.balanceOf(alice, lotId), UNITS - 100);
        assertEq(escrow.claimable(alice), COST);
        assertEq(escrow.offer(offerId).unitsRemaining, 0);
    }
}
