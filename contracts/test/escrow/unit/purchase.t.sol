// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors, IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract Purchase_Unit_Test is EscrowBase {
    uint256 internal offerId;
    uint256 internal constant COST = 100 * uint256(PRICE);

    function setUp() public override {
        super.setUp();
        offerId = _defaultOffer();
    }

    function _expectNothingMoved(address buyer, uint256 buyerUsdcBefore) internal view {
        assertEq(token.balanceOf(alice, lotId), UNITS, "seller units");
        assertEq(token.balanceOf(buyer, lotId), 0, "buyer units");
        assertEq(usdc.balanceOf(buyer), buyerUsdcBefore, "buyer stablecoin");
        assertEq(escrow.claimable(alice), 0, "seller credit");
        assertEq(escrow.offer(offerId).unitsRemaining, 100, "offer units");
    }

    function test_RevertWhen_TheOfferDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_UnknownOffer.selector, 99));
        vm.prank(bob);
        escrow.purchase(99, 1);
    }

    function test_RevertWhen_TheOfferIsCancelled() external {
        vm.prank(alice);
        escrow.cancelOffer(offerId);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_OfferCancelled.selector, offerId));
        vm.prank(bob);
        escrow.purchase(offerId, 1);
    }

    function test_RevertWhen_TheOfferHasExpired() external {
        vm.warp(endsAt); // expiresAt == endsAt: closed from that second on
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_OfferExpired.selector, offerId, endsAt));
        vm.prank(bob);
        escrow.purchase(offerId, 1);
    }

    function test_RevertWhen_TheUnitsAreZero() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_ZeroUnits.selector));
        vm.prank(bob);
        escrow.purchase(offerId, 0);
    }

    function test_RevertWhen_TheUnitsExceedTheUnitsRemaining() external {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_InsufficientOfferUnits.selector, offerId, 100, 101)
        );
        vm.prank(bob);
        escrow.purchase(offerId, 101);
    }

    function test_RevertWhen_TheOfferIsExhausted() external {
        vm.prank(bob);
        escrow.purchase(offerId, 100);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_InsufficientOfferUnits.selector, offerId, 0, 1));
        vm.prank(bob);
        escrow.purchase(offerId, 1);
    }

    function test_RevertWhen_TheCostWouldTakeTheEscrowsTotalOfCreditsAboveUint128() external {
        // 2^33 units at the largest price cost about 2^129: a lot priced at one base unit keeps their bond small.
        uint256 units = uint256(1) << 33;
        uint256 price = type(uint96).max;
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.referencePrice = 1;
        spec.metadataHash = keccak256("credits overflow lot");
        vm.prank(provider);
        uint256 cheapLot = token.issueLot(spec, alice, units);
        vm.prank(alice);
        uint256 bigOffer = escrow.createOffer(cheapLot, units, price, endsAt);

        (uint256 credits,,) = escrow.totals();
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_CreditsOverflow.selector, credits + units * price, type(uint128).max
            )
        );
        vm.prank(bob);
        escrow.purchase(bigOffer, units);
    }

    function test_RevertWhen_TheBuyerHasNoAllowance() external {
        uint256 before = usdc.balanceOf(signer);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 0, COST)
        );
        vm.prank(signer);
        escrow.purchase(offerId, 100);
        _expectNothingMoved(signer, before);
    }

    function test_RevertWhen_TheBuyerLacksTheStablecoin() external {
        vm.prank(compliance);
        token.setAllowed(outsider, true);
        vm.prank(outsider);
        usdc.approve(address(escrow), type(uint256).max);

        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, outsider, 0, COST));
        vm.prank(outsider);
        escrow.purchase(offerId, 100);
        _expectNothingMoved(outsider, 0);
    }

    function test_RevertWhen_TheStablecoinIsPaused() external {
        vm.prank(admin);
        usdc.setPaused(true);
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(MockUSDC.MockUSDC_Paused.selector);
        vm.prank(bob);
        escrow.purchase(offerId, 100);
        _expectNothingMoved(bob, before);
    }

    function test_RevertWhen_TheBuyerIsBlacklistedInTheStablecoin() external {
        vm.prank(admin);
        usdc.setBlacklisted(bob, true);
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDC_Blacklisted.selector, bob));
        vm.prank(bob);
        escrow.purchase(offerId, 100);
        _expectNothingMoved(bob, before);
    }

    function test_RevertWhen_TheBuyerIsNotAllowlisted() external {
        vm.prank(admin);
        usdc.mint(outsider, COST);
        vm.prank(outsider);
        usdc.approve(address(escrow), type(uint256).max);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        vm.expectRevert(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, outsider)
        );
        vm.prank(outsider);
        escrow.purchase(offerId, 100);

        _expectNothingMoved(outsider, COST);
        assertEq(usdc.balanceOf(address(escrow)), escrowBefore, "escrow stablecoin");
    }

    function test_RevertWhen_TheSellerIsFrozen() external {
        vm.prank(compliance);
        token.setFrozen(alice, true);
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderFrozen.selector, alice));
        vm.prank(bob);
        escrow.purchase(offerId, 100);
        _expectNothingMoved(bob, before);
    }

    function test_RevertWhen_TheSellersUnitsArePledged() external {
        _requestPledge(alice, 950, lender, 1e6, 0, maturity);
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 50, 100
            )
        );
        vm.prank(bob);
        escrow.purchase(offerId, 100);
        _expectNothingMoved(bob, before);
        assertEq(token.lockedBalanceOf(alice, lotId), 950);
    }

    function test_RevertWhen_TheSellerNoLongerHoldsTheUnits() external {
        vm.prank(alice);
        token.safeTransferFrom(alice, lender, lotId, UNITS, "");
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, alice, 0, 100, lotId)
        );
        vm.prank(bob);
        escrow.purchase(offerId, 100);
        assertEq(escrow.claimable(alice), 0);
    }

    function test_RevertWhen_TheSellerRevokedTheEscrowsOperatorApproval() external {
        vm.prank(alice);
        token.setApprovalForAll(address(escrow), false);
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155MissingApprovalForAll.selector, address(escrow), alice)
        );
        vm.prank(bob);
        escrow.purchase(offerId, 100);
        _expectNothingMoved(bob, before);
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        vm.prank(pauser);
        token.pause();
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(bob);
        escrow.purchase(offerId, 100);
        _expectNothingMoved(bob, before);
    }

    function test_When_TheSellerIsBlacklistedInTheStablecoin() external {
        // bob also sells, so that he has a credit of his own to withdraw.
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 10, "");
        uint256 bobOffer = _createOffer(bob, 10, PRICE, endsAt);

        vm.prank(admin);
        usdc.setBlacklisted(alice, true);

        vm.startPrank(lender);
        escrow.purchase(offerId, 100);
        escrow.purchase(bobOffer, 10);
        vm.stopPrank();

        assertEq(token.balanceOf(lender, lotId), 110, "buyer got the units");
        assertEq(escrow.claimable(alice), COST, "blacklisted seller credited");

        // alice cannot receive, but that blocks no one else.
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDC_Blacklisted.selector, alice));
        vm.prank(alice);
        escrow.withdraw(alice);

        uint256 bobBefore = usdc.balanceOf(bob);
        vm.prank(bob);
        escrow.withdraw(bob);
        assertEq(usdc.balanceOf(bob) - bobBefore, 10 * uint256(PRICE));
        assertEq(escrow.claimable(alice), COST, "alice's credit kept");
    }

    function test_When_BuyingPartOfTheOffer() external {
        vm.prank(bob);
        escrow.purchase(offerId, 30);
        assertEq(escrow.offer(offerId).unitsRemaining, 70);
        vm.prank(lender);
        escrow.purchase(offerId, 70);
        assertEq(escrow.offer(offerId).unitsRemaining, 0);
        assertEq(token.balanceOf(bob, lotId), 30);
        assertEq(token.balanceOf(lender, lotId), 70);
        assertEq(escrow.claimable(alice), COST);
    }

    function test_When_AllChecksPass() external {
        uint256 bobBefore = usdc.balanceOf(bob);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.Purchased(offerId, bob, lotId, 100, COST);
        vm.prank(bob);
        escrow.purchase(offerId, 100);

        assertEq(token.balanceOf(bob, lotId), 100, "buyer units");
        assertEq(token.balanceOf(alice, lotId), UNITS - 100, "seller units");
        assertEq(bobBefore - usdc.balanceOf(bob), COST, "buyer paid");
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, COST, "escrow holds the payment");
        assertEq(escrow.claimable(alice), COST, "seller credited");
        assertEq(escrow.offer(offerId).unitsRemaining, 0, "remaining");
    }
}
