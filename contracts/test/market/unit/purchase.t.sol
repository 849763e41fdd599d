// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC1155Errors, IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {FeeOnTransferToken} from "../../mocks/FeeOnTransferToken.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {MarketBase} from "../MarketBase.sol";

contract Purchase_Unit_Test is MarketBase {
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
        assertEq(usdc.balanceOf(address(escrow)), UNITS * PRICE, "escrow holds only the bond");
        assertEq(escrow.claimable(alice, address(usdc)), 0, "seller credit");
        assertEq(market.offer(offerId).unitsRemaining, 100, "offer units");
        (uint256 lastPrice,,) = _index();
        assertEq(lastPrice, 0, "no trade recorded");
    }

    function test_RevertWhen_TheOfferDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_UnknownOffer.selector, 99));
        vm.prank(bob);
        market.purchase(99, 1, PRICE);
    }

    function test_RevertWhen_TheOfferIsCancelled() external {
        vm.prank(alice);
        market.cancelOffer(offerId);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferCancelled.selector, offerId));
        vm.prank(bob);
        market.purchase(offerId, 1, PRICE);
    }

    function test_RevertWhen_TheOfferHasNotStarted() external {
        uint40 startsAt = uint40(block.timestamp + 1 hours);
        uint256 auctionId = _createAuction(alice, 10, 2 * uint256(PRICE), PRICE, startsAt, _tenDays());
        vm.warp(startsAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferNotStarted.selector, auctionId, startsAt));
        vm.prank(bob);
        market.purchase(auctionId, 1, 2 * uint256(PRICE));
    }

    function test_RevertWhen_TheOfferHasExpired() external {
        vm.warp(endsAt); // the offer ends with the lot: closed from that second on
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OfferExpired.selector, offerId, endsAt));
        vm.prank(bob);
        market.purchase(offerId, 1, PRICE);
    }

    function test_RevertWhen_TheUnitsAreZero() external {
        vm.expectRevert(IComputeMarket.Market_ZeroUnits.selector);
        vm.prank(bob);
        market.purchase(offerId, 0, PRICE);
    }

    function test_RevertWhen_TheUnitsExceedTheUnitsRemaining() external {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InsufficientOfferUnits.selector, offerId, 100, 101)
        );
        vm.prank(bob);
        market.purchase(offerId, 101, PRICE);
    }

    function test_RevertWhen_TheOfferIsExhausted() external {
        _buy(bob, offerId, 100);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_InsufficientOfferUnits.selector, offerId, 0, 1));
        vm.prank(bob);
        market.purchase(offerId, 1, PRICE);
    }

    function test_RevertWhen_ThePriceIsAboveTheBuyersLimit() external {
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_PriceAboveLimit.selector, offerId, PRICE, PRICE - 1)
        );
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE - 1);
        _expectNothingMoved(bob, before);
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
        uint256 bigOffer = market.createOffer(cheapLot, units, price, endsAt);
        vm.prank(admin);
        usdc.mint(bob, units * price); // the payment arrives: the credit itself overflows

        (uint256 credits,,) = escrow.totals(address(usdc));
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_CreditsOverflow.selector, credits + units * price, type(uint128).max
            )
        );
        vm.prank(bob);
        market.purchase(bigOffer, units, price);
    }

    function test_RevertWhen_TheBuyerHasNoAllowanceForTheMarket() external {
        uint256 before = usdc.balanceOf(signer);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, COST)
        );
        vm.prank(signer);
        market.purchase(offerId, 100, PRICE);
        _expectNothingMoved(signer, before);
    }

    function test_RevertWhen_TheBuyerApprovedOnlyTheEscrow() external {
        // The escrow's allowance is for bonds; the market pulls a sale's payment (the lending module a pledge's).
        vm.prank(signer);
        usdc.approve(address(escrow), type(uint256).max);
        uint256 before = usdc.balanceOf(signer);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, COST)
        );
        vm.prank(signer);
        market.purchase(offerId, 100, PRICE);
        _expectNothingMoved(signer, before);
    }

    function test_RevertWhen_TheBuyerLacksTheStablecoin() external {
        vm.prank(compliance);
        token.setAllowed(outsider, true);
        vm.prank(outsider);
        usdc.approve(address(market), type(uint256).max);

        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, outsider, 0, COST));
        vm.prank(outsider);
        market.purchase(offerId, 100, PRICE);
        _expectNothingMoved(outsider, 0);
    }

    function test_RevertWhen_ThePaymentArrivesShortInTheEscrow() external {
        // A lot settling in a coin that burns 1 % of every transfer, issued while the fee is off (the bond is whole).
        FeeOnTransferToken fot = new FeeOnTransferToken(0);
        fot.mint(provider, UNITS * PRICE);
        fot.mint(bob, COST);
        vm.prank(provider);
        fot.approve(address(escrow), type(uint256).max);
        vm.prank(bob);
        fot.approve(address(market), type(uint256).max);
        uint256 fotLot = _lotInCurrency(address(fot), provider, 100);
        vm.prank(provider);
        uint256 fotOffer = market.createOffer(fotLot, 100, PRICE, endsAt);
        fot.setFeeBps(100);
        // A donation leaves the escrow a surplus larger than the fee.
        fot.mint(address(escrow), COST);

        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_PaymentShortfall.selector, COST, COST - COST / 100)
        );
        vm.prank(bob);
        market.purchase(fotOffer, 100, PRICE);
        assertEq(escrow.claimable(provider, address(fot)), 0, "the surplus made up for nothing");
        assertEq(token.balanceOf(bob, fotLot), 0);
        assertEq(fot.balanceOf(bob), COST);
    }

    function test_RevertWhen_TheStablecoinIsPaused() external {
        vm.prank(admin);
        usdc.setPaused(true);
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(MockUSDC.MockUSDC_Paused.selector);
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
        _expectNothingMoved(bob, before);
    }

    function test_RevertWhen_TheBuyerIsBlacklistedInTheStablecoin() external {
        vm.prank(admin);
        usdc.setBlacklisted(bob, true);
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDC_Blacklisted.selector, bob));
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
        _expectNothingMoved(bob, before);
    }

    function test_RevertWhen_TheMarketNoLongerHoldsTheEscrowsMARKETROLE() external {
        bytes32 role = escrow.MARKET_ROLE();
        vm.prank(admin);
        escrow.revokeRole(role, address(market));
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(market), role)
        );
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
        _expectNothingMoved(bob, before);
    }

    function test_RevertWhen_TheBuyerIsNotAllowlisted() external {
        vm.prank(admin);
        usdc.mint(outsider, COST);
        vm.prank(outsider);
        usdc.approve(address(market), type(uint256).max);

        vm.expectRevert(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, outsider)
        );
        vm.prank(outsider);
        market.purchase(offerId, 100, PRICE);

        _expectNothingMoved(outsider, COST);
    }

    function test_RevertWhen_TheBuyerIsFrozen() external {
        vm.prank(compliance);
        token.setFrozen(bob, true);
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, bob));
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
        _expectNothingMoved(bob, before);
    }

    function test_RevertWhen_TheSellerIsFrozen() external {
        vm.prank(compliance);
        token.setFrozen(alice, true);
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderFrozen.selector, alice));
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
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
        market.purchase(offerId, 100, PRICE);
        _expectNothingMoved(bob, before);
        assertEq(token.lockedBalanceOf(alice, lotId), 950);
    }

    function test_RevertWhen_TheSellerNoLongerHoldsTheUnits() external {
        vm.prank(alice);
        token.safeTransferFrom(alice, lender, lotId, UNITS, "");
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, alice, 0, 100, lotId)
        );
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
        assertEq(escrow.claimable(alice, address(usdc)), 0);
        assertEq(usdc.balanceOf(bob), before);
    }

    function test_RevertWhen_TheSellerRevokedTheMarketsOperatorApproval() external {
        vm.prank(alice);
        token.setApprovalForAll(address(market), false);
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155MissingApprovalForAll.selector, address(market), alice)
        );
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
        _expectNothingMoved(bob, before);
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        vm.prank(pauser);
        token.pause();
        uint256 before = usdc.balanceOf(bob);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
        _expectNothingMoved(bob, before);
    }

    function test_When_TheSellerIsBlacklistedInTheStablecoin() external {
        // bob also sells, so that he has a credit of his own to withdraw.
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, 10, "");
        uint256 bobOffer = _createOffer(bob, 10, PRICE, endsAt);

        vm.prank(admin);
        usdc.setBlacklisted(alice, true);

        _buy(lender, offerId, 100);
        _buy(lender, bobOffer, 10);

        assertEq(token.balanceOf(lender, lotId), 110, "buyer got the units");
        assertEq(escrow.claimable(alice, address(usdc)), COST, "blacklisted seller credited");

        // alice cannot receive, but that blocks no one else.
        vm.expectRevert(abi.encodeWithSelector(MockUSDC.MockUSDC_Blacklisted.selector, alice));
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);

        uint256 bobBefore = usdc.balanceOf(bob);
        vm.prank(bob);
        escrow.withdraw(address(usdc), bob);
        assertEq(usdc.balanceOf(bob) - bobBefore, 10 * uint256(PRICE));
        assertEq(escrow.claimable(alice, address(usdc)), COST, "alice's credit kept");
    }

    function test_When_TheLimitIsAboveThePrice() external {
        uint256 before = usdc.balanceOf(bob);
        vm.prank(bob);
        market.purchase(offerId, 100, 3 * uint256(PRICE));
        assertEq(before - usdc.balanceOf(bob), COST, "paid the offer's price");
        assertEq(escrow.claimable(alice, address(usdc)), COST);
    }

    function test_When_TheOfferIsAnAuction() external {
        // 4.00 → 1.00 over 10 days: after 4 days the price is 4.00 − 3.00 × 4 / 10 = 2.80.
        uint256 auctionId = _createAuction(alice, 50, 4e6, 1e6, uint40(block.timestamp), _tenDays());
        vm.warp(block.timestamp + 4 days);
        uint256 before = usdc.balanceOf(bob);

        vm.expectEmit(address(market));
        emit IComputeMarket.Purchased(auctionId, bob, lotId, 10, 2.8e6, 28e6);
        vm.prank(bob);
        market.purchase(auctionId, 10, 3e6);

        assertEq(before - usdc.balanceOf(bob), 28e6, "paid the price of the second");
        assertEq(escrow.claimable(alice, address(usdc)), 28e6);
        (uint256 lastPrice, uint40 lastTradeAt, uint256 average) = _index();
        assertEq(lastPrice, 2.8e6, "index: last price");
        assertEq(lastTradeAt, block.timestamp);
        assertEq(average, 2.8e6, "first trade of the key");
    }

    function test_When_BuyingPartOfTheOffer() external {
        _buy(bob, offerId, 30);
        assertEq(market.offer(offerId).unitsRemaining, 70);
        _buy(lender, offerId, 70);
        assertEq(market.offer(offerId).unitsRemaining, 0);
        assertEq(token.balanceOf(bob, lotId), 30);
        assertEq(token.balanceOf(lender, lotId), 70);
        assertEq(escrow.claimable(alice, address(usdc)), COST);
    }

    function test_When_AllChecksPass() external {
        uint256 bobBefore = usdc.balanceOf(bob);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));
        bytes32 key = market.indexKey(GPU, REGION, address(usdc));

        vm.expectEmit(address(market));
        emit IComputeMarket.Purchased(offerId, bob, lotId, 100, PRICE, COST);
        vm.expectEmit(address(market));
        emit IComputeMarket.PriceRecorded(key, lotId, PRICE, PRICE);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.SaleCredited(address(market), alice, address(usdc), COST);
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);

        assertEq(token.balanceOf(bob, lotId), 100, "buyer units");
        assertEq(token.balanceOf(alice, lotId), UNITS - 100, "seller units");
        assertEq(bobBefore - usdc.balanceOf(bob), COST, "buyer paid");
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, COST, "escrow holds the payment");
        assertEq(usdc.balanceOf(address(market)), 0, "market holds no stablecoin");
        assertEq(token.balanceOf(address(market), lotId), 0, "market holds no units");
        assertEq(escrow.claimable(alice, address(usdc)), COST, "seller credited");
        assertEq(market.offer(offerId).unitsRemaining, 0, "remaining");
        (uint256 lastPrice, uint40 lastTradeAt, uint256 average) = _index();
        assertEq(lastPrice, PRICE);
        assertEq(lastTradeAt, block.timestamp);
        assertEq(average, PRICE);
    }
}
