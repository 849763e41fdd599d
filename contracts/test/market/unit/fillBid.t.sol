// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors, IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {BondMath} from "../../../src/libraries/BondMath.sol";
import {MarketBase} from "../MarketBase.sol";
import {ContractWallet} from "../utils/ContractWallet.sol";

contract FillBid_Unit_Test is MarketBase {
    uint256 internal constant COST = 100 * uint256(PRICE);

    IComputeMarket.Bid internal bid;
    bytes internal sig;
    bytes32 internal orderHash;
    IComputeCapacityToken.Lot internal record;

    function setUp() public override {
        super.setUp();
        bid = _bid(bob, 100, PRICE);
        sig = _signBid(BOB_KEY, bid);
        orderHash = market.hashBid(bid);
        record = token.lot(lotId);
    }

    /// @dev Re-signs the (modified) fixture bid with bob's key and refreshes its hash.
    function _resign() internal {
        sig = _signBid(BOB_KEY, bid);
        orderHash = market.hashBid(bid);
    }

    /// @dev Everything that must be as it was after a refused sale by alice into the fixture's bid of `buyer`.
    function _expectNothingMoved(address buyer, uint256 buyerUsdcBefore) internal view {
        assertEq(token.balanceOf(alice, lotId), UNITS, "seller units");
        assertEq(token.balanceOf(buyer, lotId), 0, "buyer units");
        assertEq(usdc.balanceOf(buyer), buyerUsdcBefore, "buyer stablecoin");
        assertEq(usdc.balanceOf(address(escrow)), UNITS * PRICE, "escrow holds only the bond");
        assertEq(escrow.claimable(alice, address(usdc)), 0, "seller credit");
        assertEq(_filled(orderHash), 0, "no fill recorded");
        (uint256 lastPrice,,) = _index();
        assertEq(lastPrice, 0, "no trade recorded");
    }

    /// @dev Expects alice's sale of 100 units of the fixture's lot into the fixture's bid to revert with `err`.
    function _expectRefused(bytes memory err) internal {
        uint256 before = usdc.balanceOf(bid.buyer);
        vm.expectRevert(err);
        _fillBid(alice, bid, sig, lotId, 100);
        _expectNothingMoved(bid.buyer, before);
    }

    function _expectMismatch(IComputeMarket.BidCriterion criterion) internal {
        _resign();
        _expectRefused(
            abi.encodeWithSelector(IComputeMarket.Market_LotDoesNotMatchBid.selector, orderHash, lotId, criterion)
        );
    }

    function test_RevertWhen_TheBidHasExpired() external {
        bid.expiry = uint40(block.timestamp + 1 hours);
        _resign();
        vm.warp(bid.expiry);
        _expectRefused(abi.encodeWithSelector(IComputeMarket.Market_OrderExpired.selector, orderHash, bid.expiry));
    }

    function test_RevertWhen_TheBidsCounterIsBelowTheBuyers() external {
        vm.startPrank(bob);
        market.incrementOrderCounter();
        market.incrementOrderCounter();
        vm.stopPrank();
        _expectRefused(abi.encodeWithSelector(IComputeMarket.Market_OrderCounterStale.selector, orderHash, 0, 2));
    }

    function test_RevertWhen_TheBidIsCancelled() external {
        vm.prank(bob);
        market.cancelBid(bid);
        _expectRefused(abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, orderHash));
    }

    function test_RevertWhen_TheUnitsToSellAreZero() external {
        vm.expectRevert(IComputeMarket.Market_ZeroUnits.selector);
        _fillBid(alice, bid, sig, lotId, 0);
    }

    function test_RevertWhen_TheUnitsToSellExceedWhatTheBidHasLeft() external {
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InsufficientOrderUnits.selector, orderHash, 100, 101)
        );
        _fillBid(alice, bid, sig, lotId, 101);

        _fillBid(alice, bid, sig, lotId, 70);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InsufficientOrderUnits.selector, orderHash, 30, 31)
        );
        _fillBid(alice, bid, sig, lotId, 31);
        assertEq(_filled(orderHash), 70);
    }

    function test_RevertWhen_TheBidIsFullyFilled() external {
        _fillBid(alice, bid, sig, lotId, 100);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_InsufficientOrderUnits.selector, orderHash, 0, 1));
        _fillBid(alice, bid, sig, lotId, 1);
        assertEq(token.balanceOf(bob, lotId), 100, "bought once");
        assertEq(escrow.claimable(alice, address(usdc)), COST, "paid once");
    }

    function test_RevertWhen_TheSignatureIsNotTheBuyers() external {
        sig = _signBid(ALICE_KEY, bid); // the seller signs the buyer's bid for him
        _expectRefused(abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, orderHash, bob));
    }

    /// @dev A wallet owned by a fresh key, allowlisted, funded, with the market approved for its stablecoin.
    function _wallet() internal returns (ContractWallet wallet, uint256 ownerKey) {
        address owner;
        (owner, ownerKey) = makeAddrAndKey("wallet owner");
        wallet = new ContractWallet(owner);
        vm.prank(compliance);
        token.setAllowed(address(wallet), true);
        vm.prank(admin);
        usdc.mint(address(wallet), COST);
        wallet.exec(address(usdc), abi.encodeCall(usdc.approve, (address(market), type(uint256).max)));
    }

    function test_RevertWhen_TheBuyerIsAContractWalletThatRejectsTheSignature() external {
        (ContractWallet wallet, uint256 ownerKey) = _wallet();
        bid = _bid(address(wallet), 100, PRICE);
        sig = _signBid(ownerKey, bid);
        orderHash = market.hashBid(bid);
        wallet.setRejectAll(true);
        _expectRefused(
            abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, orderHash, address(wallet))
        );
    }

    function test_When_TheBuyerIsAContractWalletThatAcceptsTheSignature() external {
        (ContractWallet wallet, uint256 ownerKey) = _wallet();
        bid = _bid(address(wallet), 100, PRICE);
        sig = _signBid(ownerKey, bid);
        orderHash = market.hashBid(bid);
        _fillBid(alice, bid, sig, lotId, 100);

        assertEq(token.balanceOf(address(wallet), lotId), 100, "wallet units");
        assertEq(usdc.balanceOf(address(wallet)), 0, "wallet paid");
        assertEq(escrow.claimable(alice, address(usdc)), COST, "seller credited");
        assertEq(_filled(orderHash), 100);
    }

    function test_RevertWhen_TheLotDoesNotExist() external {
        uint256 unknown = lotId + 1;
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, unknown));
        _fillBid(alice, bid, sig, unknown, 100);
        assertEq(_filled(orderHash), 0);
    }

    function test_RevertWhen_TheLotsGPUModelDiffersFromTheBids() external {
        bid.gpuModel = bytes16("A100-SXM4-40GB");
        _expectMismatch(IComputeMarket.BidCriterion.GpuModel);
    }

    function test_RevertWhen_TheLotsRegionDiffersFromTheBids() external {
        bid.region = bytes16("us-east");
        _expectMismatch(IComputeMarket.BidCriterion.Region);
    }

    function test_RevertWhen_TheLotsWindowStartsBeforeTheBidsDeliveryFrom() external {
        bid.deliveryFrom = record.startsAt + 1;
        _expectMismatch(IComputeMarket.BidCriterion.DeliveryFrom);
    }

    function test_RevertWhen_TheLotsWindowEndsAfterTheBidsDeliveryUntil() external {
        bid.deliveryUntil = record.endsAt - 1;
        _expectMismatch(IComputeMarket.BidCriterion.DeliveryUntil);
    }

    function test_RevertWhen_TheLotsSLAIsBelowTheBidsMinimum() external {
        bid.minSlaBps = record.slaUptimeBps + 1;
        _expectMismatch(IComputeMarket.BidCriterion.Sla);
    }

    function test_RevertWhen_TheLotsEnergyFigureIsAboveTheBidsMaximum() external {
        bid.maxWhPerGpuHour = record.energyWhPerGpuHour - 1;
        _expectMismatch(IComputeMarket.BidCriterion.Energy);
    }

    function test_RevertWhen_TheLotsBondPerUnitIsBelowTheBidsMinimumCover() external {
        bid.minUnitCover = uint96(BondMath.unitCover(record.referencePrice, record.bondCoverageBps) + 1);
        _expectMismatch(IComputeMarket.BidCriterion.Cover);
    }

    /// @dev The currency is the last criterion: a bid in another currency never buys the lot, whatever it offers.
    function test_RevertWhen_TheLotSettlesInAnotherCurrencyThanTheBids() external {
        bid.currency = makeAddr("other stablecoin");
        _expectMismatch(IComputeMarket.BidCriterion.Currency);
    }

    function test_RevertWhen_TheLotFailsSeveralCriteria() external {
        // Fails all but the GPU model: the region is named.
        bid.region = bytes16("us-east");
        bid.deliveryFrom = record.startsAt + 1;
        bid.deliveryUntil = record.endsAt - 1;
        bid.minSlaBps = 10_000;
        bid.maxWhPerGpuHour = 1;
        _expectMismatch(IComputeMarket.BidCriterion.Region);
        // Fails every criterion: the GPU model is named.
        bid.gpuModel = bytes16("A100-SXM4-40GB");
        _expectMismatch(IComputeMarket.BidCriterion.GpuModel);
        // Fails only the SLA and the energy figure: the SLA is named.
        bid = _bid(bob, 100, PRICE);
        bid.minSlaBps = 10_000;
        bid.maxWhPerGpuHour = 1;
        _expectMismatch(IComputeMarket.BidCriterion.Sla);
    }

    function test_When_TheLotMeetsEveryCriterionAtItsBound() external {
        bid.deliveryFrom = record.startsAt;
        bid.deliveryUntil = record.endsAt;
        bid.minSlaBps = record.slaUptimeBps;
        bid.maxWhPerGpuHour = record.energyWhPerGpuHour;
        bid.minUnitCover = uint96(BondMath.unitCover(record.referencePrice, record.bondCoverageBps));
        _resign();
        _fillBid(alice, bid, sig, lotId, 100);
        assertEq(token.balanceOf(bob, lotId), 100);
        assertEq(_filled(orderHash), 100);
    }

    function test_When_EveryCriterionOfTheBidIsZero() external {
        bid.gpuModel = bytes16(0);
        bid.region = bytes16(0);
        _resign();

        // Lots unlike the fixture's and unlike each other in every criterion.
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.gpuModel = bytes16("A100-SXM4-40GB");
        spec.region = bytes16("us-east");
        spec.startsAt = uint40(block.timestamp + 1);
        spec.endsAt = uint40(block.timestamp + 400 days);
        spec.slaUptimeBps = 0;
        spec.energyWhPerGpuHour = type(uint32).max;
        spec.metadataHash = keccak256("unlike lot 1");
        uint256 unlike1 = _lotFromSpec(spec, alice, 10);
        spec.gpuModel = bytes16("MI300X");
        spec.region = bytes16("ap-south");
        spec.startsAt = uint40(block.timestamp + 90 days);
        spec.endsAt = spec.startsAt + 1 hours;
        spec.slaUptimeBps = 10_000;
        spec.energyWhPerGpuHour = 0;
        spec.metadataHash = keccak256("unlike lot 2");
        uint256 unlike2 = _lotFromSpec(spec, alice, 10);

        _fillBid(alice, bid, sig, lotId, 30);
        _fillBid(alice, bid, sig, unlike1, 10);
        _fillBid(alice, bid, sig, unlike2, 10);
        assertEq(_filled(orderHash), 50);
        assertEq(token.balanceOf(bob, lotId), 30);
        assertEq(token.balanceOf(bob, unlike1), 10);
        assertEq(token.balanceOf(bob, unlike2), 10);
    }

    function test_RevertWhen_TheBidsPriceIsZero() external {
        bid.pricePerUnit = 0;
        _resign();
        _expectRefused(abi.encodeWithSelector(IComputeMarket.Market_ZeroPrice.selector));
    }

    function test_RevertWhen_TheBuyerHasNoAllowanceForTheMarket() external {
        bid = _bid(signer, 100, PRICE);
        sig = _signBid(signerKey, bid);
        orderHash = market.hashBid(bid);
        _expectRefused(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, COST)
        );
    }

    function test_RevertWhen_TheBuyerLacksTheStablecoin() external {
        uint256 balance = usdc.balanceOf(bob);
        vm.prank(bob);
        usdc.transfer(lender, balance - COST + 1);
        _expectRefused(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, COST - 1, COST));
    }

    function test_RevertWhen_TheBuyerIsNotAllowlisted() external {
        vm.prank(compliance);
        token.setAllowed(bob, false);
        _expectRefused(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, bob));
    }

    function test_RevertWhen_TheBuyerIsFrozen() external {
        vm.prank(compliance);
        token.setFrozen(bob, true);
        _expectRefused(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, bob));
    }

    function test_RevertWhen_TheSellerIsNotAllowlisted() external {
        vm.prank(compliance);
        token.setAllowed(alice, false);
        _expectRefused(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderNotAllowed.selector, alice));
    }

    function test_RevertWhen_TheSellerIsFrozen() external {
        vm.prank(compliance);
        token.setFrozen(alice, true);
        _expectRefused(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderFrozen.selector, alice));
    }

    function test_RevertWhen_TheSellersUnitsArePledged() external {
        _requestPledge(alice, 901, lender, 1e6, 0, maturity);
        _expectRefused(
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 99, 100
            )
        );
        assertEq(token.lockedBalanceOf(alice, lotId), 901, "collateral intact");
    }

    function test_RevertWhen_TheSellerHasNotApprovedTheMarketAsOperator() external {
        // Selling into a bid moves the caller's own units, still through the market as operator.
        vm.prank(alice);
        token.setApprovalForAll(address(market), false);
        _expectRefused(
            abi.encodeWithSelector(IERC1155Errors.ERC1155MissingApprovalForAll.selector, address(market), alice)
        );
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        vm.prank(pauser);
        token.pause();
        _expectRefused(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
    }

    function test_When_TheBidIsFilledInPartsBySeveralSellersAndLots() external {
        uint256 second = _secondLotHeldBy(lender, 100);
        _fillBid(alice, bid, sig, lotId, 30);
        assertEq(_filled(orderHash), 30);
        _fillBid(lender, bid, "", second, 50); // the signature verified on the first fill
        assertEq(_filled(orderHash), 80);
        _fillBid(alice, bid, sig, lotId, 20);
        assertEq(_filled(orderHash), 100, "filled up to the bid's units");

        assertEq(token.balanceOf(bob, lotId), 50);
        assertEq(token.balanceOf(bob, second), 50);
        assertEq(escrow.claimable(alice, address(usdc)), 50 * uint256(PRICE), "alice credited for her fills");
        assertEq(escrow.claimable(lender, address(usdc)), 50 * uint256(PRICE), "lender credited for his");
    }

    function test_When_TheEmittedEventsAreChecked() external {
        bytes32 key = market.indexKey(GPU, REGION, address(usdc));
        vm.expectEmit(address(market));
        emit IComputeMarket.OrderFilled(orderHash, bob, alice, lotId, 40, PRICE, 40 * uint256(PRICE), false);
        vm.expectEmit(address(market));
        emit IComputeMarket.PriceRecorded(key, lotId, PRICE, PRICE);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.SaleCredited(address(market), alice, address(usdc), 40 * uint256(PRICE));
        _fillBid(alice, bid, sig, lotId, 40);
    }

    function test_When_AllChecksPass() external {
        uint256 bobBefore = usdc.balanceOf(bob);
        uint256 escrowBefore = usdc.balanceOf(address(escrow));

        _fillBid(alice, bid, sig, lotId, 100);

        assertEq(token.balanceOf(bob, lotId), 100, "buyer units");
        assertEq(token.balanceOf(alice, lotId), UNITS - 100, "seller units");
        assertEq(bobBefore - usdc.balanceOf(bob), COST, "buyer paid");
        assertEq(usdc.balanceOf(address(escrow)) - escrowBefore, COST, "escrow holds the payment");
        assertEq(usdc.balanceOf(address(market)), 0, "market holds no stablecoin");
        assertEq(token.balanceOf(address(market), lotId), 0, "market holds no units");
        assertEq(escrow.claimable(alice, address(usdc)), COST, "seller credited");
        (uint256 filled, bool cancelled) = market.orderStatus(orderHash);
        assertEq(filled, 100, "units filled");
        assertFalse(cancelled);
        (uint256 lastPrice, uint40 lastTradeAt, uint256 average) = _index();
        assertEq(lastPrice, PRICE, "index: last price");
        assertEq(lastTradeAt, block.timestamp, "index: trade time");
        assertEq(average, PRICE, "index: first trade of the key");
    }
}
