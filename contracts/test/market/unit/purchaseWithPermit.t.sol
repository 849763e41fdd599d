// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "../MarketBase.sol";

contract PurchaseWithPermit_Unit_Test is MarketBase {
    uint256 internal offerId;
    uint256 internal constant COST = 100 * uint256(PRICE);
    uint256 internal deadline;

    function setUp() public override {
        super.setUp();
        offerId = _defaultOffer();
        deadline = block.timestamp + 1 hours;
    }

    function _expectInsufficientAllowance() internal {
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, COST)
        );
    }

    function test_RevertWhen_TheOfferDoesNotExist() external {
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(signerKey, signer, COST, deadline);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_UnknownOffer.selector, 99));
        vm.prank(signer);
        market.purchaseWithPermit(99, 100, PRICE, deadline, v, r, s);
    }

    function test_RevertWhen_TheOfferIsCancelled() external {
        vm.prank(alice);
        market.cancelOffer(offerId);
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(signerKey, signer, COST, deadline);

        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferCancelled.selector, offerId));
        vm.prank(signer);
        market.purchaseWithPermit(offerId, 100, PRICE, deadline, v, r, s);
        assertEq(usdc.nonces(signer), 0, "permit rolled back");
        assertEq(usdc.allowance(signer, address(market)), 0);
    }

    function test_RevertWhen_TheUnitsExceedTheUnitsRemaining() external {
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(signerKey, signer, 101 * uint256(PRICE), deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InsufficientOfferUnits.selector, offerId, 100, 101)
        );
        vm.prank(signer);
        market.purchaseWithPermit(offerId, 101, PRICE, deadline, v, r, s);
    }

    function test_RevertWhen_ThePriceIsAboveTheBuyersLimit() external {
        uint256 limit = PRICE - 1;
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(signerKey, signer, 100 * limit, deadline);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_PriceAboveLimit.selector, offerId, PRICE, limit));
        vm.prank(signer);
        market.purchaseWithPermit(offerId, 100, limit, deadline, v, r, s);
        assertEq(usdc.nonces(signer), 0, "permit rolled back");
        assertEq(usdc.allowance(signer, address(market)), 0);
    }

    function test_RevertWhen_TheSignatureIsByAnotherKeyAndThereIsNoAllowance() external {
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(0xBAD, signer, COST, deadline);
        _expectInsufficientAllowance();
        vm.prank(signer);
        market.purchaseWithPermit(offerId, 100, PRICE, deadline, v, r, s);
    }

    function test_RevertWhen_ThePermitIsForLessThanUnitsTimesTheLimitAndThereIsNoAllowance() external {
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(signerKey, signer, COST - 1, deadline);
        _expectInsufficientAllowance();
        vm.prank(signer);
        market.purchaseWithPermit(offerId, 100, PRICE, deadline, v, r, s);
    }

    function test_RevertWhen_ThePermitNamesTheEscrowAsSpenderAndThereIsNoAllowance() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, COST, deadline);
        _expectInsufficientAllowance();
        vm.prank(signer);
        market.purchaseWithPermit(offerId, 100, PRICE, deadline, v, r, s);
        assertEq(usdc.nonces(signer), 0);
    }

    function test_RevertWhen_ThePermitHasExpiredAndThereIsNoAllowance() external {
        uint256 past = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(signerKey, signer, COST, past);
        _expectInsufficientAllowance();
        vm.prank(signer);
        market.purchaseWithPermit(offerId, 100, PRICE, past, v, r, s);
    }

    function test_RevertWhen_TheLimitDoesNotFit96Bits() external {
        uint256 limit = uint256(type(uint96).max) + 1;
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(signerKey, signer, COST, deadline);
        vm.expectCall(address(usdc), abi.encodeCall(usdc.permit, (signer, address(market), 0, deadline, v, r, s)));
        _expectInsufficientAllowance();
        vm.prank(signer);
        market.purchaseWithPermit(offerId, 100, limit, deadline, v, r, s);
    }

    function test_When_ThePermitWasAlreadyUsedByAFrontRunner() external {
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(signerKey, signer, COST, deadline);
        // A front-runner submits the permit first: the nonce is used, the allowance is set.
        vm.prank(bob);
        usdc.permit(signer, address(market), COST, deadline, v, r, s);
        assertEq(usdc.nonces(signer), 1);

        vm.prank(signer);
        market.purchaseWithPermit(offerId, 100, PRICE, deadline, v, r, s);

        assertEq(token.balanceOf(signer, lotId), 100);
        assertEq(escrow.claimable(alice, address(usdc)), COST);
        assertEq(usdc.allowance(signer, address(market)), 0);
        assertEq(usdc.nonces(signer), 1, "no second permit");
    }

    function test_When_ThePermitBelongsToAnotherAccountThanTheCaller() external {
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(signerKey, signer, COST, deadline);
        uint256 signerBefore = usdc.balanceOf(signer);
        uint256 bobBefore = usdc.balanceOf(bob);

        vm.prank(bob);
        market.purchaseWithPermit(offerId, 100, PRICE, deadline, v, r, s);

        assertEq(usdc.nonces(signer), 0, "signer's permit unused");
        assertEq(usdc.balanceOf(signer), signerBefore, "signer did not pay");
        assertEq(bobBefore - usdc.balanceOf(bob), COST, "caller paid");
        assertEq(token.balanceOf(bob, lotId), 100);
    }

    function test_When_TheLimitIsAboveThePrice() external {
        uint256 limit = 2 * uint256(PRICE);
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(signerKey, signer, 100 * limit, deadline);
        uint256 before = usdc.balanceOf(signer);

        vm.prank(signer);
        market.purchaseWithPermit(offerId, 100, limit, deadline, v, r, s);

        assertEq(before - usdc.balanceOf(signer), COST, "paid units x price");
        assertEq(usdc.allowance(signer, address(market)), 100 * limit - COST, "the rest stays approved");
        assertEq(escrow.claimable(alice, address(usdc)), COST);
    }

    function test_When_ThePermitIsValid() external {
        (uint8 v, bytes32 r, bytes32 s) = _marketPermitSig(signerKey, signer, COST, deadline);
        uint256 before = usdc.balanceOf(signer);

        vm.expectEmit(address(market));
        emit IComputeMarket.Purchased(offerId, signer, lotId, 100, PRICE, COST);
        vm.prank(signer);
        market.purchaseWithPermit(offerId, 100, PRICE, deadline, v, r, s);

        assertEq(usdc.nonces(signer), 1, "nonce consumed");
        assertEq(usdc.allowance(signer, address(market)), 0, "exact allowance spent");
        assertEq(before - usdc.balanceOf(signer), COST);
        assertEq(token.balanceOf(signer, lotId), 100);
        assertEq(token.balanceOf(alice, lotId), UNITS - 100);
        assertEq(escrow.claimable(alice, address(usdc)), COST);
        assertEq(market.offer(offerId).unitsRemaining, 0);
    }
}
