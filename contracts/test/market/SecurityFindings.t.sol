// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../src/interfaces/IComputeLending.sol";
import {IComputeMarket} from "../../src/interfaces/IComputeMarket.sol";
import {ComputeMarket} from "../../src/market/ComputeMarket.sol";
import {MarketBase} from "./MarketBase.sol";
import {ContractWallet} from "./utils/ContractWallet.sol";
import {OrderTestLib} from "./utils/OrderTestLib.sol";
import {ReentrantTrader} from "./utils/ReentrantTrader.sol";

/// @notice Attacks on the market and on the escrow's sale credit, one per test, written as the attacker would play
/// them and named after what they attack. Each ends with nothing of anyone else's moved.
contract MarketSecurityFindings_Test is MarketBase {
    ReentrantTrader internal trader;

    function setUp() public override {
        super.setUp();
        trader = new ReentrantTrader();
        vm.prank(compliance);
        token.setAllowed(address(trader), true);
        vm.prank(admin);
        usdc.mint(address(trader), 1_000_000e6);
        trader.exec(address(usdc), abi.encodeCall(usdc.approve, (address(market), type(uint256).max)));
        trader.exec(address(usdc), abi.encodeCall(usdc.approve, (address(escrow), type(uint256).max)));
        trader.exec(address(usdc), abi.encodeCall(usdc.approve, (address(lending), type(uint256).max)));
    }

    /// @dev Everything that must be as it was after a refused attack on alice's offer.
    function _assertNothingMoved(uint256 offerId, address buyer, uint256 buyerUsdc, uint256 escrowUsdc) internal view {
        assertEq(token.balanceOf(alice, lotId), UNITS, "seller units");
        assertEq(token.balanceOf(buyer, lotId), 0, "buyer units");
        assertEq(usdc.balanceOf(buyer), buyerUsdc, "buyer stablecoin");
        assertEq(usdc.balanceOf(address(escrow)), escrowUsdc, "escrow stablecoin");
        assertEq(usdc.balanceOf(address(market)), 0, "market stablecoin");
        assertEq(escrow.claimable(alice, address(usdc)), 0, "seller credit");
        assertEq(market.offer(offerId).unitsRemaining, 100, "offer units");
        (uint256 lastPrice,,) = _index();
        assertEq(lastPrice, 0, "no trade recorded");
    }

    /*//////////////////////////////////////////////////////////////
                        ESCROW: THE SALE CREDIT
    //////////////////////////////////////////////////////////////*/

    /// @dev A rogue account holding MARKET_ROLE (a compromised or wrongly granted market) tries to credit itself the
    /// escrow's stablecoin: the bond, a seller's sale proceeds and a borrower's advance are all owed, so nothing is
    /// surplus and every attempt fails; only what it pays in itself can it credit.
    function test_RogueMarketRole_CannotCreditMoneyOwedToOthers() external {
        address rogue = makeAddr("rogue");
        bytes32 role = escrow.MARKET_ROLE();
        vm.prank(admin);
        escrow.grantRole(role, rogue);
        _buy(bob, _defaultOffer(), 40); // alice is owed 40 × PRICE
        _activePledge(); // alice is owed PRINCIPAL
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance, obligations, "everything held is owed");

        uint256[3] memory attempts = [balance, obligations - UNITS * PRICE, 1];
        for (uint256 i; i < attempts.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, attempts[i], 0));
            vm.prank(rogue);
            escrow.creditSale(rogue, lotId, attempts[i]);
        }
        assertEq(escrow.claimable(rogue, address(usdc)), 0);
        assertEq(escrow.claimable(alice, address(usdc)), 40 * uint256(PRICE) + PRINCIPAL, "alice's credits intact");
        assertEq(_bondTotal(lotId), UNITS * PRICE, "bond intact");

        // What the rogue pays in is the only surplus there is.
        vm.prank(admin);
        usdc.mint(rogue, 5e6);
        vm.prank(rogue);
        usdc.transfer(address(escrow), 5e6);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, 5e6 + 1, 5e6));
        vm.prank(rogue);
        escrow.creditSale(rogue, lotId, 5e6 + 1);
        vm.prank(rogue);
        escrow.creditSale(rogue, lotId, 5e6);
        (balance, obligations) = escrow.solvency(address(usdc));
        assertEq(balance, obligations, "still exactly solvent");
    }

    /// @dev A lender contract buys on the market from the acceptance hook of the collateral it seizes. Since pledges
    /// left the escrow, a claim runs in the lending module and moves no money, so the escrow is not inside an operation
    /// and its guard no longer refuses the sale's credit (before the split this reverted with
    /// ReentrancyGuardReentrantCall). The nested purchase settles exactly as a separate call would: the pledge was
    /// marked Claimed and its units unlocked before the hook ran, the sale can take only alice's unlocked units, is
    /// paid in full and credited once, and the escrow stays exactly solvent. Re-entry into the lending module itself
    /// is refused (lending/SecurityFindings.t.sol).
    function test_Reentry_FromLendingSeizeHookIntoPurchase_SettlesAsASeparateCall() external {
        uint256 offerId = _defaultOffer();
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(trader), PRINCIPAL, FEE, maturity);
        trader.exec(address(lending), abi.encodeCall(lending.fundPledge, (pledgeId)));
        vm.warp(maturity);
        uint256 traderUsdc = usdc.balanceOf(address(trader));

        trader.arm(address(market), abi.encodeCall(market.purchase, (offerId, 1, PRICE)));
        trader.exec(address(lending), abi.encodeCall(lending.claimCollateral, (pledgeId)));

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Claimed), "claimed once");
        assertEq(token.balanceOf(address(trader), lotId), PLEDGE_UNITS + 1, "the collateral and the unit bought");
        assertEq(token.balanceOf(alice, lotId), UNITS - PLEDGE_UNITS - 1);
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "nothing left locked");
        assertEq(market.offer(offerId).unitsRemaining, 99);
        assertEq(traderUsdc - usdc.balanceOf(address(trader)), PRICE, "the unit paid in full");
        assertEq(
            escrow.claimable(alice, address(usdc)), PRINCIPAL + PRICE, "the advance and the sale, each credited once"
        );
        assertEq(escrow.claimable(address(trader), address(usdc)), 0, "the lender gets units, not money");
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance, obligations, "exactly solvent");
    }

    /*//////////////////////////////////////////////////////////////
                        MARKET: RE-ENTRY BY A BUYER
    //////////////////////////////////////////////////////////////*/

    /// @dev A buyer contract re-enters `purchase` (and `purchaseWithPermit`) from the acceptance hook of the units it
    /// is buying, to buy again before the first purchase finished: the market's guard refuses, the whole purchase
    /// reverts and nothing moves.
    function test_Reentry_FromBuyerHookIntoPurchase_Reverts() external {
        uint256 offerId = _defaultOffer();
        uint256 traderUsdc = usdc.balanceOf(address(trader));
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));
        bytes[2] memory reentries = [
            abi.encodeCall(market.purchase, (offerId, 10, PRICE)),
            abi.encodeCall(market.purchaseWithPermit, (offerId, 10, PRICE, block.timestamp, 0, bytes32(0), bytes32(0)))
        ];
        for (uint256 i; i < reentries.length; ++i) {
            trader.arm(address(market), reentries[i]);
            vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
            trader.exec(address(market), abi.encodeCall(market.purchase, (offerId, 10, PRICE)));
            _assertNothingMoved(offerId, address(trader), traderUsdc, escrowUsdc);
        }
    }

    /// @dev A buyer contract cancels the offer it is buying from inside the hook. `cancelOffer` holds no guard (it moves
    /// nothing and `purchase` has already read and updated the offer), so the seller check is what stops it: the
    /// hook's revert fails the whole purchase.
    function test_Reentry_FromBuyerHookIntoCancelOffer_Reverts() external {
        uint256 offerId = _defaultOffer();
        uint256 traderUsdc = usdc.balanceOf(address(trader));
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));
        trader.arm(address(market), abi.encodeCall(market.cancelOffer, (offerId)));
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_NotOfferSeller.selector, offerId, address(trader)));
        trader.exec(address(market), abi.encodeCall(market.purchase, (offerId, 10, PRICE)));
        _assertNothingMoved(offerId, address(trader), traderUsdc, escrowUsdc);
        assertFalse(market.offer(offerId).cancelled);
    }

    /// @dev The one re-entry into `cancelOffer` that passes: a seller buying from its own offer cancels the rest from
    /// the hook. It gains nothing: the purchase was complete when the hook ran (units counted, payment in the escrow
    /// and credited to itself), and the cancellation only closes what was left, as a separate call would.
    function test_Reentry_SellerBuyingItsOwnOfferCancelsOnlyTheRest() external {
        vm.prank(alice);
        token.safeTransferFrom(alice, address(trader), lotId, 50, "");
        trader.exec(address(token), abi.encodeCall(token.setApprovalForAll, (address(market), true)));
        bytes memory created =
            trader.exec(address(market), abi.encodeCall(market.createOffer, (lotId, 50, PRICE, endsAt)));
        uint256 offerId = abi.decode(created, (uint256));
        uint256 traderUsdc = usdc.balanceOf(address(trader));
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));

        trader.arm(address(market), abi.encodeCall(market.cancelOffer, (offerId)));
        trader.exec(address(market), abi.encodeCall(market.purchase, (offerId, 20, PRICE)));

        IComputeMarket.Offer memory o = market.offer(offerId);
        assertTrue(o.cancelled);
        assertEq(o.unitsRemaining, 30, "the fill was counted before the hook");
        assertEq(token.balanceOf(address(trader), lotId), 50, "its own units");
        assertEq(traderUsdc - usdc.balanceOf(address(trader)), 20 * uint256(PRICE), "paid in");
        assertEq(escrow.claimable(address(trader), address(usdc)), 20 * uint256(PRICE), "credited back to itself");
        (uint256 balanceAfter, uint256 obligationsAfter) = escrow.solvency(address(usdc));
        assertEq(balanceAfter - balance, obligationsAfter - obligations, "no money created");
    }

    /*//////////////////////////////////////////////////////////////
                   MARKET: SELLING WHAT CANNOT BE SOLD
    //////////////////////////////////////////////////////////////*/

    /// @dev alice lists units, then pledges them (locked in place as collateral): no buyer can take them, and the
    /// lender's collateral is intact.
    function test_SellerCannotSellPledgedUnits() external {
        uint256 offerId = _createOffer(alice, UNITS, PRICE, endsAt);
        _requestPledge(alice, UNITS, lender, PRINCIPAL, FEE, maturity);
        uint256 bobUsdc = usdc.balanceOf(bob);
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 0, 1
            )
        );
        vm.prank(bob);
        market.purchase(offerId, 1, PRICE);

        assertEq(token.lockedBalanceOf(alice, lotId), UNITS, "collateral intact");
        assertEq(token.balanceOf(bob, lotId), 0);
        assertEq(usdc.balanceOf(bob), bobUsdc);
        assertEq(usdc.balanceOf(address(escrow)), escrowUsdc);
        assertEq(market.offer(offerId).unitsRemaining, UNITS);
    }

    /// @dev A frozen account's standing offer cannot be filled (its units stay frozen), nor a de-allowlisted one's.
    function test_SellerCannotSellUnitsOfAFrozenAccount() external {
        uint256 offerId = _defaultOffer();
        vm.prank(compliance);
        token.setFrozen(alice, true);
        uint256 bobUsdc = usdc.balanceOf(bob);
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderFrozen.selector, alice));
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
        _assertNothingMoved(offerId, bob, bobUsdc, escrowUsdc);

        // Even a de-allowlisted (not frozen) seller cannot sell.
        vm.startPrank(compliance);
        token.setFrozen(alice, false);
        token.setAllowed(alice, false);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderNotAllowed.selector, alice));
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
        _assertNothingMoved(offerId, bob, bobUsdc, escrowUsdc);
    }

    /// @dev A frozen buyer, and one that was never allowlisted, cannot buy: their payment never stays in the escrow.
    function test_FrozenOrNonAllowlistedBuyerCannotBuy() external {
        uint256 offerId = _defaultOffer();
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        vm.prank(compliance);
        token.setFrozen(bob, true);
        uint256 bobUsdc = usdc.balanceOf(bob);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, bob));
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
        _assertNothingMoved(offerId, bob, bobUsdc, escrowUsdc);

        address stranger = makeAddr("stranger");
        vm.prank(admin);
        usdc.mint(stranger, 1000e6);
        vm.prank(stranger);
        usdc.approve(address(market), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, stranger)
        );
        vm.prank(stranger);
        market.purchase(offerId, 100, PRICE);
        _assertNothingMoved(offerId, stranger, 1000e6, escrowUsdc);
    }

    /// @dev The seller revokes the market's operator approval after listing: a buyer's purchase reverts and nothing
    /// moves (no payment is left stranded in the escrow, no credit is made).
    function test_BuyingAfterTheSellerRevokesApproval_MovesNothing() external {
        uint256 offerId = _defaultOffer();
        vm.prank(alice);
        token.setApprovalForAll(address(market), false);
        uint256 bobUsdc = usdc.balanceOf(bob);
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155MissingApprovalForAll.selector, address(market), alice)
        );
        vm.prank(bob);
        market.purchase(offerId, 100, PRICE);
        _assertNothingMoved(offerId, bob, bobUsdc, escrowUsdc);
    }

    /*//////////////////////////////////////////////////////////////
                     MARKET: THE PRICE INDEX
    //////////////////////////////////////////////////////////////*/

    /// @dev A seller buys one of its own units at an absurd price right after a real trade, in the same block, to
    /// push the index: the average does not move, the wash trade costs nothing but gas (it pays the escrow and is
    /// credited back), and the absurd last price pulls the average only as long as it stands unchallenged; the next
    /// real trade replaces it.
    function test_WashTradeAtAnAbsurdPriceInTheSameBlock_LeavesTheAverageUnchanged() external {
        _buy(bob, _createOffer(alice, 10, PRICE, endsAt), 1);
        vm.warp(block.timestamp + 1 days);
        _buy(bob, _createOffer(alice, 10, PRICE, endsAt), 1);
        uint256 average = _indexAverage();
        assertEq(average, PRICE);

        // Two colluding accounts (a self-trade does not count at all: M-2): alice sells, bob buys back.
        uint256 absurd = type(uint96).max;
        vm.prank(admin);
        usdc.mint(bob, absurd);
        uint256 aliceCredit = escrow.claimable(alice, address(usdc));
        vm.prank(alice);
        uint256 washId = market.createOffer(lotId, 1, absurd, endsAt);
        vm.prank(bob);
        market.purchase(washId, 1, absurd);

        (uint256 lastPrice,, uint256 averageNow) = _index();
        assertEq(lastPrice, absurd, "the wash trade is the last price");
        assertEq(averageNow, average, "the average did not move");
        assertEq(escrow.claimable(alice, address(usdc)) - aliceCredit, absurd, "credited to the colluding seller");

        // One minute later the average has moved 1/10 080 of the way (7-day window); a real trade ends it.
        vm.warp(block.timestamp + 1 minutes);
        assertEq(_indexAverage(), PRICE + (absurd - PRICE) / 10_080);
        _buy(bob, _createOffer(alice, 10, PRICE, endsAt), 1);
        (lastPrice,,) = _index();
        assertEq(lastPrice, PRICE, "replaced by the next real trade");
    }

    /// @dev The limit of the index, written down: the first trade of a (GPU model, region, currency) has no average to
    /// move from, so it sets the average at once. A seller who wash-trades a new key first puts any price there; the
    /// average then moves to real prices only as they stand (a whole window to forget the seeded one). Readers of
    /// `priceOf` should weigh `lastTradeAt` and the key's history accordingly.
    function test_WashTradeSeedingANewKey_SetsItsAverageUntilRealTradesStand() external {
        uint256 absurd = 1000 * uint256(PRICE);
        vm.prank(admin);
        usdc.mint(bob, absurd);
        vm.prank(alice);
        uint256 washId = market.createOffer(lotId, 1, absurd, endsAt);
        vm.prank(bob);
        market.purchase(washId, 1, absurd);
        assertEq(_indexAverage(), absurd, "the first trade sets the average");

        vm.warp(block.timestamp + 1 hours);
        _buy(bob, _createOffer(alice, 10, PRICE, endsAt), 1);
        assertEq(_indexAverage(), absurd, "a real trade only starts the move");
        vm.warp(block.timestamp + INDEX_WINDOW / 2);
        assertEq(_indexAverage(), absurd - (absurd - PRICE) / 2, "half a window later, half way");
        vm.warp(block.timestamp + INDEX_WINDOW / 2);
        assertEq(_indexAverage(), PRICE, "a whole window later, forgotten");
    }

    /*//////////////////////////////////////////////////////////////
                  SIGNED ORDERS: REPLAY AND TAMPERING
    //////////////////////////////////////////////////////////////*/

    /// @dev Everything that must be as it was after a refused attack on alice's ask (alice holds UNITS, nothing was
    /// sold, credited or recorded).
    function _assertAskUntouched(bytes32 orderHash, address buyer, uint256 buyerUsdc, uint256 escrowUsdc)
        internal
        view
    {
        assertEq(token.balanceOf(alice, lotId), UNITS, "seller units");
        assertEq(token.balanceOf(buyer, lotId), 0, "buyer units");
        assertEq(usdc.balanceOf(buyer), buyerUsdc, "buyer stablecoin");
        assertEq(usdc.balanceOf(address(escrow)), escrowUsdc, "escrow stablecoin");
        assertEq(usdc.balanceOf(address(market)), 0, "market stablecoin");
        assertEq(escrow.claimable(alice, address(usdc)), 0, "seller credit");
        assertEq(_filled(orderHash), 0, "no fill recorded");
        (uint256 lastPrice,,) = _index();
        assertEq(lastPrice, 0, "no trade recorded");
    }

    /// @dev A copy of `ask` to change (memory structs assign by reference).
    function _copy(IComputeMarket.Ask memory ask) internal pure returns (IComputeMarket.Ask memory) {
        return abi.decode(abi.encode(ask), (IComputeMarket.Ask));
    }

    function _copy(IComputeMarket.Bid memory bid) internal pure returns (IComputeMarket.Bid memory) {
        return abi.decode(abi.encode(bid), (IComputeMarket.Bid));
    }

    /// @dev alice signs an ask on this chain and it is partly filled; the same market at the same address on another
    /// chain (a fork, a testnet sharing the deployment) computes another digest, so the signature proves nothing there
    /// and the ask cannot be filled again.
    function test_OrderReplay_OnAnotherChain_InvalidSignature() external {
        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        _fillAsk(bob, ask, sig, 10);
        IComputeMarket.Bid memory bid = _bid(bob, 100, PRICE);
        bytes memory bidSig = _signBid(BOB_KEY, bid);

        vm.chainId(block.chainid + 1);
        bytes32 replayed = market.hashAsk(ask);
        assertEq(replayed, OrderTestLib.askDigest(address(market), ask), "the other chain's digest");
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, replayed, alice));
        _fillAsk(bob, ask, sig, 10);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, market.hashBid(bid), bob)
        );
        _fillBid(alice, bid, bidSig, lotId, 10);
        assertEq(token.balanceOf(bob, lotId), 10, "only the fill on the signing chain");
    }

    /// @dev A second market deployment on the same chain and escrow (a redeployment, an upgrade left running): alice and
    /// bob approved both, yet an order signed for the first cannot be filled on the second.
    function test_OrderReplay_OnAnotherMarketDeployment_InvalidSignature() external {
        ComputeMarket second = new ComputeMarket(admin, ADMIN_DELAY, escrow, INDEX_WINDOW);
        bytes32 role = escrow.MARKET_ROLE();
        vm.prank(admin);
        escrow.grantRole(role, address(second));
        vm.prank(alice);
        token.setApprovalForAll(address(second), true);
        vm.prank(bob);
        usdc.approve(address(second), type(uint256).max);

        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        IComputeMarket.Bid memory bid = _bid(bob, 100, PRICE);
        bytes memory bidSig = _signBid(BOB_KEY, bid);
        uint256 bobUsdc = usdc.balanceOf(bob);
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, second.hashAsk(ask), alice)
        );
        vm.prank(bob);
        second.fillAsk(ask, sig, 10);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, second.hashBid(bid), bob)
        );
        vm.prank(alice);
        second.fillBid(bid, bidSig, lotId, 10);
        _assertAskUntouched(market.hashAsk(ask), bob, bobUsdc, escrowUsdc);

        // The orders still fill where they were signed.
        _fillAsk(bob, ask, sig, 10);
        _fillBid(alice, bid, bidSig, lotId, 10);
        assertEq(token.balanceOf(bob, lotId), 20);
    }

    /// @dev A buyer holding alice's signed ask changes one field in his favour (a lower price, more units, another of
    /// her lots, a later expiry, an older counter, another currency, another salt): the market hashes what it is given,
    /// so the signature no longer matches and nothing moves.
    function test_TakerChangingAnyFieldOfASignedAsk_InvalidSignature() external {
        IComputeMarket.Ask memory signed = _ask(alice, 100, PRICE);
        bytes memory sig = _signAsk(ALICE_KEY, signed);
        uint256 otherLot = _secondLotHeldBy(alice, 100);
        uint256 bobUsdc = usdc.balanceOf(bob);
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        for (uint256 field; field < 7; ++field) {
            IComputeMarket.Ask memory tampered = _copy(signed);
            if (field == 0) tampered.pricePerUnit = 1;
            if (field == 1) tampered.units = 1000;
            if (field == 2) tampered.lotId = otherLot;
            if (field == 3) tampered.expiry = type(uint40).max;
            if (field == 4) tampered.salt = 1;
            if (field == 5) tampered.seller = lender; // someone else's units, under alice's signature
            if (field == 6) tampered.currency = address(token); // a cheaper "stablecoin"
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeMarket.Market_InvalidSignature.selector, market.hashAsk(tampered), tampered.seller
                )
            );
            _fillAsk(bob, tampered, sig, 100);
        }
        _assertAskUntouched(market.hashAsk(signed), bob, bobUsdc, escrowUsdc);
        assertEq(token.balanceOf(alice, otherLot), 100, "the other lot untouched");
    }

    /// @dev A seller holding bob's signed bid changes it in her favour (a higher price, more units, looser criteria) or
    /// makes another account pay for it (the buyer field): the signature no longer matches and no one pays.
    function test_TakerChangingAnyFieldOfASignedBid_InvalidSignature() external {
        IComputeMarket.Bid memory signed = _bid(bob, 100, PRICE);
        signed.minSlaBps = SLA;
        bytes memory sig = _signBid(BOB_KEY, signed);
        uint256 lenderUsdc = usdc.balanceOf(lender);
        uint256 bobUsdc = usdc.balanceOf(bob);

        for (uint256 field; field < 7; ++field) {
            IComputeMarket.Bid memory tampered = _copy(signed);
            if (field == 0) tampered.pricePerUnit = 100 * PRICE;
            if (field == 1) tampered.units = 1000;
            if (field == 2) tampered.buyer = lender; // lender approved the market too, but signed nothing
            if (field == 3) tampered.gpuModel = bytes16(0);
            if (field == 4) tampered.minSlaBps = 0;
            if (field == 5) tampered.expiry = type(uint40).max;
            if (field == 6) tampered.counter = 1;
            bytes32 tamperedHash = market.hashBid(tampered);
            if (field == 6) {
                // An order ahead of the maker's counter is refused before its signature is looked at.
                vm.expectRevert(
                    abi.encodeWithSelector(IComputeMarket.Market_OrderCounterStale.selector, tamperedHash, 1, 0)
                );
            } else {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IComputeMarket.Market_InvalidSignature.selector, tamperedHash, tampered.buyer
                    )
                );
            }
            _fillBid(alice, tampered, sig, lotId, 100);
        }
        assertEq(usdc.balanceOf(lender), lenderUsdc, "the named account paid nothing");
        assertEq(usdc.balanceOf(bob), bobUsdc, "the signer paid nothing");
        assertEq(token.balanceOf(alice, lotId), UNITS, "the seller sold nothing");
        assertEq(escrow.claimable(alice, address(usdc)), 0);
    }

    /// @dev An order naming the zero address as its maker (whose "signature" ecrecover might return for garbage) is
    /// never taken as signed, whatever bytes come with it.
    function test_OrderNamingTheZeroAddress_InvalidSignature() external {
        IComputeMarket.Ask memory ask = _ask(address(0), 100, PRICE);
        bytes32 orderHash = market.hashAsk(ask);
        bytes[4] memory garbage = [
            new bytes(65),
            abi.encodePacked(bytes32(uint256(1)), bytes32(uint256(1)), uint8(27)),
            abi.encodePacked(bytes32(0), bytes32(0), uint8(28)),
            bytes("")
        ];
        for (uint256 i; i < garbage.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeMarket.Market_InvalidSignature.selector, orderHash, address(0))
            );
            _fillAsk(bob, ask, garbage[i], 1);
        }
    }

    /*//////////////////////////////////////////////////////////////
                  SIGNED ORDERS: FILLING WHAT IS NOT THERE
    //////////////////////////////////////////////////////////////*/

    /// @dev Buyers race to fill more of an ask than it has, in parts and in one huge fill (a unit count that would wrap
    /// the 64-bit fill counter): every fill that would pass the total is refused, and exactly the ask's units sell.
    function test_OverfillAcrossPartialFills_Refused() external {
        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        bytes32 orderHash = market.hashAsk(ask);

        _fillAsk(bob, ask, sig, 40);
        _fillAsk(lender, ask, sig, 40);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_InsufficientOrderUnits.selector, orderHash, 20, 40)
        );
        _fillAsk(bob, ask, sig, 40);

        uint256 wrap = uint256(type(uint64).max) - 80 + 1; // filled + wrap == 2^64
        uint256[3] memory huge = [wrap, wrap + 20, type(uint256).max];
        for (uint256 i; i < huge.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeMarket.Market_InsufficientOrderUnits.selector, orderHash, 20, huge[i])
            );
            _fillAsk(bob, ask, sig, huge[i]);
        }

        _fillAsk(lender, ask, sig, 20);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_InsufficientOrderUnits.selector, orderHash, 0, 1));
        _fillAsk(bob, ask, sig, 1);

        assertEq(_filled(orderHash), 100);
        assertEq(token.balanceOf(alice, lotId), UNITS - 100, "exactly the ask's units sold");
        assertEq(token.balanceOf(bob, lotId) + token.balanceOf(lender, lotId), 100);
        assertEq(escrow.claimable(alice, address(usdc)), 100 * uint256(PRICE), "paid for exactly those");
    }

    /// @dev An order its maker cancelled, one by one or through the counter, cannot be filled by a taker who kept it,
    /// nor revived by the maker signing it again under the old counter.
    function test_CancelledOrCounterStaleOrder_CannotBeFilled() external {
        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        bytes32 askHash = market.hashAsk(ask);
        IComputeMarket.Bid memory bid = _bid(bob, 100, PRICE);
        bytes memory bidSig = _signBid(BOB_KEY, bid);
        bytes32 bidHash = market.hashBid(bid);
        _fillAsk(bob, ask, sig, 10);

        vm.prank(alice);
        market.cancelAsk(ask);
        vm.prank(bob);
        market.incrementOrderCounter();

        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, askHash));
        _fillAsk(lender, ask, sig, 10);
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OrderCounterStale.selector, bidHash, 0, 1));
        _fillBid(alice, bid, bidSig, lotId, 10);

        // The same ask with a fresh signature is the same order: still cancelled.
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, askHash));
        _fillAsk(lender, ask, _signAsk(ALICE_KEY, ask), 10);
        assertEq(token.balanceOf(bob, lotId), 10);
        assertEq(token.balanceOf(lender, lotId), 0);
    }

    /// @dev A seller fills an H100 bid in eu-central with units that are not what the buyer asked for (another GPU,
    /// another region, a lot outside the delivery window, a weaker SLA, a hungrier machine): refused, the buyer pays
    /// nothing.
    function test_BidFilledWithANonMatchingLot_Reverts() external {
        IComputeMarket.Bid memory bid = _bid(bob, 100, PRICE);
        IComputeCapacityToken.Lot memory fixture = token.lot(lotId);
        bid.deliveryFrom = fixture.startsAt;
        bid.deliveryUntil = fixture.endsAt;
        bid.minSlaBps = fixture.slaUptimeBps;
        bid.maxWhPerGpuHour = fixture.energyWhPerGpuHour;
        bytes memory sig = _signBid(BOB_KEY, bid);
        bytes32 bidHash = market.hashBid(bid);
        uint256 bobUsdc = usdc.balanceOf(bob);

        for (uint256 c; c < 6; ++c) {
            IComputeCapacityToken.LotSpec memory spec = _spec();
            spec.metadataHash = keccak256(abi.encode("non-matching lot", c));
            if (c == 0) spec.gpuModel = bytes16("A100-SXM4-40GB");
            if (c == 1) spec.region = bytes16("us-east");
            if (c == 2) spec.startsAt -= 1 hours;
            if (c == 3) spec.endsAt += 1;
            if (c == 4) spec.slaUptimeBps = SLA - 1;
            if (c == 5) spec.energyWhPerGpuHour += 1;
            uint256 cheap = _lotFromSpec(spec, alice, 100);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeMarket.Market_LotDoesNotMatchBid.selector, bidHash, cheap, IComputeMarket.BidCriterion(c)
                )
            );
            _fillBid(alice, bid, sig, cheap, 100);
        }
        assertEq(usdc.balanceOf(bob), bobUsdc, "the buyer paid nothing");
        assertEq(_filled(bidHash), 0);
        _fillBid(alice, bid, sig, lotId, 100); // the lot it was meant for
        assertEq(token.balanceOf(bob, lotId), 100);
    }

    /// @dev A griefer cannot cancel alice's ask: naming her as seller is refused, and naming itself cancels another
    /// order (another digest), leaving hers fillable.
    function test_NobodyButTheMakerCancels() external {
        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        IComputeMarket.Bid memory bid = _bid(bob, 100, PRICE);
        bytes memory bidSig = _signBid(BOB_KEY, bid);

        vm.startPrank(outsider);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_NotOrderMaker.selector, market.hashAsk(ask), outsider)
        );
        market.cancelAsk(ask);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeMarket.Market_NotOrderMaker.selector, market.hashBid(bid), outsider)
        );
        market.cancelBid(bid);
        IComputeMarket.Ask memory asOwn = _copy(ask);
        asOwn.seller = outsider;
        market.cancelAsk(asOwn);
        IComputeMarket.Bid memory bidAsOwn = _copy(bid);
        bidAsOwn.buyer = outsider;
        market.cancelBid(bidAsOwn);
        market.incrementOrderCounter(); // its own counter only
        vm.stopPrank();

        _fillAsk(bob, ask, sig, 100);
        _fillBid(alice, bid, bidSig, lotId, 100);
        assertEq(_filled(market.hashAsk(ask)), 100);
        assertEq(_filled(market.hashBid(bid)), 100);
    }

    /// @dev The limit of checking a signature on the first fill only, written down: an ERC-1271 wallet that revokes its
    /// signature after an order's first fill does not stop later fills (the order was proven signed); its maker closes
    /// the rest with `cancelAsk` or `incrementOrderCounter`, as the interface says.
    function test_ContractWalletRevokingAfterTheFirstFill_MustCancelToStopLaterFills() external {
        (address owner, uint256 ownerKey) = makeAddrAndKey("wallet owner");
        ContractWallet wallet = new ContractWallet(owner);
        vm.prank(compliance);
        token.setAllowed(address(wallet), true);
        vm.prank(alice);
        token.safeTransferFrom(alice, address(wallet), lotId, 100, "");
        wallet.exec(address(token), abi.encodeCall(token.setApprovalForAll, (address(market), true)));

        IComputeMarket.Ask memory ask = _ask(address(wallet), 100, PRICE);
        bytes memory sig = _signAsk(ownerKey, ask);
        _fillAsk(bob, ask, sig, 10);
        wallet.setRejectAll(true);
        _fillAsk(bob, ask, sig, 10);
        assertEq(_filled(market.hashAsk(ask)), 20, "filled after the revocation");

        wallet.exec(address(market), abi.encodeCall(market.cancelAsk, (ask)));
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_OrderIsCancelled.selector, market.hashAsk(ask)));
        _fillAsk(bob, ask, sig, 10);
    }

    /*//////////////////////////////////////////////////////////////
                    SIGNED ORDERS: RE-ENTRY BY A BUYER
    //////////////////////////////////////////////////////////////*/

    /// @dev A buyer contract fills alice's ask and, from the acceptance hook of the units, fills it again, fills a bid,
    /// or buys from an offer, before the first fill finished: the market's guard refuses each, the whole fill reverts
    /// and nothing moves.
    function test_Reentry_FromBuyerHookIntoFillAskOrFillBid_Reverts() external {
        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        bytes32 askHash = market.hashAsk(ask);
        IComputeMarket.Bid memory bid = _bid(bob, 100, PRICE);
        bytes memory bidSig = _signBid(BOB_KEY, bid);
        uint256 offerId = _defaultOffer();
        uint256 traderUsdc = usdc.balanceOf(address(trader));
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        bytes[3] memory reentries = [
            abi.encodeCall(market.fillAsk, (ask, sig, 10)),
            abi.encodeCall(market.fillBid, (bid, bidSig, lotId, 10)),
            abi.encodeCall(market.purchase, (offerId, 10, PRICE))
        ];
        for (uint256 i; i < reentries.length; ++i) {
            trader.arm(address(market), reentries[i]);
            vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
            trader.exec(address(market), abi.encodeCall(market.fillAsk, (ask, sig, 10)));
            _assertAskUntouched(askHash, address(trader), traderUsdc, escrowUsdc);
        }
        assertEq(_filled(market.hashBid(bid)), 0);
    }

    /// @dev The bid's buyer is a contract wallet whose acceptance hook, run while a seller fills its bid, re-enters
    /// `fillBid` (to be sold to twice) or `fillAsk`: refused by the guard, the seller's fill reverts whole.
    function test_Reentry_FromBidMakerHookIntoFillBidOrFillAsk_Reverts() external {
        (address owner, uint256 ownerKey) = makeAddrAndKey("wallet owner");
        ContractWallet wallet = new ContractWallet(owner);
        vm.prank(compliance);
        token.setAllowed(address(wallet), true);
        vm.prank(admin);
        usdc.mint(address(wallet), 1000e6);
        wallet.exec(address(usdc), abi.encodeCall(usdc.approve, (address(market), type(uint256).max)));

        IComputeMarket.Bid memory bid = _bid(address(wallet), 100, PRICE);
        bytes memory sig = _signBid(ownerKey, bid);
        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes memory askSig = _signAsk(ALICE_KEY, ask);
        bytes[2] memory reentries =
            [abi.encodeCall(market.fillBid, (bid, sig, lotId, 10)), abi.encodeCall(market.fillAsk, (ask, askSig, 10))];
        for (uint256 i; i < reentries.length; ++i) {
            wallet.arm(address(market), reentries[i]);
            vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
            _fillBid(alice, bid, sig, lotId, 10);
        }
        assertEq(_filled(market.hashBid(bid)), 0);
        assertEq(token.balanceOf(address(wallet), lotId), 0);
        assertEq(usdc.balanceOf(address(wallet)), 1000e6);
        assertEq(escrow.claimable(alice, address(usdc)), 0);
    }

    /// @dev From the hook, a buyer contract cancels the ask it is filling (`cancelAsk` holds no guard): the maker check
    /// stops it and the whole fill reverts.
    function test_Reentry_FromBuyerHookIntoCancelAsk_Reverts() external {
        IComputeMarket.Ask memory ask = _ask(alice, 100, PRICE);
        bytes memory sig = _signAsk(ALICE_KEY, ask);
        bytes32 askHash = market.hashAsk(ask);
        uint256 traderUsdc = usdc.balanceOf(address(trader));
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));
        trader.arm(address(market), abi.encodeCall(market.cancelAsk, (ask)));
        vm.expectRevert(abi.encodeWithSelector(IComputeMarket.Market_NotOrderMaker.selector, askHash, address(trader)));
        trader.exec(address(market), abi.encodeCall(market.fillAsk, (ask, sig, 10)));
        _assertAskUntouched(askHash, address(trader), traderUsdc, escrowUsdc);
    }

    /// @dev M-2 (review of the market and signed orders): a seller buying its own offer, or a maker filling its own
    /// signed order, moved the price index at no cost; self-trades now leave it alone.
    function test_M2_SelfTrades_DoNotMoveThePriceIndex() external {
        uint256 absurd = 1000 * uint256(PRICE);
        vm.prank(admin);
        usdc.mint(alice, 2 * absurd);
        vm.startPrank(alice);
        uint256 washId = market.createOffer(lotId, 1, absurd, endsAt);
        market.purchase(washId, 1, absurd);
        vm.stopPrank();
        (uint256 lastPrice, uint40 lastTradeAt,) = _index();
        assertEq(lastPrice, 0, "a self-purchase records no trade");
        assertEq(lastTradeAt, 0);

        IComputeMarket.Ask memory ask = _ask(alice, 1, absurd);
        _fillAsk(alice, ask, _signAsk(ALICE_KEY, ask), 1);
        (lastPrice, lastTradeAt,) = _index();
        assertEq(lastPrice, 0, "a self-fill records no trade");
        assertEq(lastTradeAt, 0);
    }

    /// @dev M-1 (review of the market and signed orders): a provider filled a criteria bid from a lot it issued with a
    /// token reference price (a bond that refunds nothing). A bid's minUnitCover refuses such a lot.
    function test_M1_AThinlyBondedLot_CannotFillABidThatAsksForCover() external {
        IComputeMarket.Bid memory bid = _bid(bob, 10, PRICE);
        bid.minUnitCover = uint96(PRICE);
        bytes memory sig = _signBid(BOB_KEY, bid);
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.referencePrice = 1;
        spec.gpuModel = GPU;
        spec.region = REGION;
        uint256 junk = _lotFromSpec(spec, alice, 10);

        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeMarket.Market_LotDoesNotMatchBid.selector,
                market.hashBid(bid),
                junk,
                IComputeMarket.BidCriterion.Cover
            )
        );
        vm.prank(alice);
        market.fillBid(bid, sig, junk, 10);
    }
}
