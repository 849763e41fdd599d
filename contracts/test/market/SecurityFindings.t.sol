// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../src/interfaces/IComputeEscrow.sol";
import {IComputeMarket} from "../../src/interfaces/IComputeMarket.sol";
import {MarketBase} from "./MarketBase.sol";
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
    }

    /// @dev Everything that must be as it was after a refused attack on alice's offer.
    function _assertNothingMoved(uint256 offerId, address buyer, uint256 buyerUsdc, uint256 escrowUsdc) internal view {
        assertEq(token.balanceOf(alice, lotId), UNITS, "seller units");
        assertEq(token.balanceOf(buyer, lotId), 0, "buyer units");
        assertEq(usdc.balanceOf(buyer), buyerUsdc, "buyer stablecoin");
        assertEq(usdc.balanceOf(address(escrow)), escrowUsdc, "escrow stablecoin");
        assertEq(usdc.balanceOf(address(market)), 0, "market stablecoin");
        assertEq(escrow.claimable(alice), 0, "seller credit");
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
        (uint256 balance, uint256 obligations) = escrow.solvency();
        assertEq(balance, obligations, "everything held is owed");

        uint256[3] memory attempts = [balance, obligations - UNITS * PRICE, 1];
        for (uint256 i; i < attempts.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, attempts[i], 0));
            vm.prank(rogue);
            escrow.creditSale(rogue, attempts[i]);
        }
        assertEq(escrow.claimable(rogue), 0);
        assertEq(escrow.claimable(alice), 40 * uint256(PRICE) + PRINCIPAL, "alice's credits intact");
        assertEq(_bondTotal(lotId), UNITS * PRICE, "bond intact");

        // What the rogue pays in is the only surplus there is.
        vm.prank(admin);
        usdc.mint(rogue, 5e6);
        vm.prank(rogue);
        usdc.transfer(address(escrow), 5e6);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_SaleUnfunded.selector, 5e6 + 1, 5e6));
        vm.prank(rogue);
        escrow.creditSale(rogue, 5e6 + 1);
        vm.prank(rogue);
        escrow.creditSale(rogue, 5e6);
        (balance, obligations) = escrow.solvency();
        assertEq(balance, obligations, "still exactly solvent");
    }

    /// @dev A sale cannot be credited while the escrow is inside one of its own operations: a lender contract
    /// re-enters the market from the acceptance hook of the collateral it seizes, and the escrow's guard refuses the
    /// credit, so the whole claim reverts.
    function test_Reentry_FromEscrowSeizeHookIntoPurchase_Reverts() external {
        uint256 offerId = _defaultOffer();
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(trader), PRINCIPAL, FEE, maturity);
        trader.exec(address(escrow), abi.encodeCall(escrow.fundPledge, (pledgeId)));
        vm.warp(maturity);

        trader.arm(address(market), abi.encodeCall(market.purchase, (offerId, 1, PRICE)));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        trader.exec(address(escrow), abi.encodeCall(escrow.claimCollateral, (pledgeId)));

        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeEscrow.PledgeStatus.Active), "claim rolled back");
        assertEq(market.offer(offerId).unitsRemaining, 100);
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
        (uint256 balance, uint256 obligations) = escrow.solvency();

        trader.arm(address(market), abi.encodeCall(market.cancelOffer, (offerId)));
        trader.exec(address(market), abi.encodeCall(market.purchase, (offerId, 20, PRICE)));

        IComputeMarket.Offer memory o = market.offer(offerId);
        assertTrue(o.cancelled);
        assertEq(o.unitsRemaining, 30, "the fill was counted before the hook");
        assertEq(token.balanceOf(address(trader), lotId), 50, "its own units");
        assertEq(traderUsdc - usdc.balanceOf(address(trader)), 20 * uint256(PRICE), "paid in");
        assertEq(escrow.claimable(address(trader)), 20 * uint256(PRICE), "credited back to itself");
        (uint256 balanceAfter, uint256 obligationsAfter) = escrow.solvency();
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

        uint256 absurd = type(uint96).max;
        vm.prank(admin);
        usdc.mint(alice, absurd);
        uint256 aliceUsdc = usdc.balanceOf(alice);
        uint256 aliceCredit = escrow.claimable(alice);
        vm.startPrank(alice);
        uint256 washId = market.createOffer(lotId, 1, absurd, endsAt);
        market.purchase(washId, 1, absurd);
        vm.stopPrank();

        (uint256 lastPrice,, uint256 averageNow) = _index();
        assertEq(lastPrice, absurd, "the wash trade is the last price");
        assertEq(averageNow, average, "the average did not move");
        assertEq(escrow.claimable(alice) - aliceCredit, absurd, "credited back to the washer");
        vm.prank(alice);
        escrow.withdraw(alice);
        assertEq(usdc.balanceOf(alice), aliceUsdc + aliceCredit, "the washer got its money back");

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
        usdc.mint(alice, absurd);
        vm.startPrank(alice);
        uint256 washId = market.createOffer(lotId, 1, absurd, endsAt);
        market.purchase(washId, 1, absurd);
        vm.stopPrank();
        assertEq(_indexAverage(), absurd, "the first trade sets the average");

        vm.warp(block.timestamp + 1 hours);
        _buy(bob, _createOffer(alice, 10, PRICE, endsAt), 1);
        assertEq(_indexAverage(), absurd, "a real trade only starts the move");
        vm.warp(block.timestamp + INDEX_WINDOW / 2);
        assertEq(_indexAverage(), absurd - (absurd - PRICE) / 2, "half a window later, half way");
        vm.warp(block.timestamp + INDEX_WINDOW / 2);
        assertEq(_indexAverage(), PRICE, "a whole window later, forgotten");
    }
}
