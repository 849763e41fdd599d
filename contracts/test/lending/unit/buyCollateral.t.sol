// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `buyCollateral` (see buyCollateral.tree). The default auction (LendingBase) sells
/// alice's 100 pledged units from 3.00 down to 1.00 over 10 hours (2.80 an hour in, when most tests buy: nobody buys in
/// the start block); the lender is owed OWED = 105e6.
contract BuyCollateral_Unit_Test is LendingBase {
    /// @dev A buy refused with `err`: nothing paid, nothing credited, every unit still locked and for sale.
    function _expectRefused(bytes memory err, address buyer, uint256 pledgeId, uint256 units, uint256 limit) internal {
        uint256 buyerUsdc = usdc.balanceOf(buyer);
        vm.expectRevert(err);
        vm.prank(buyer);
        lending.buyCollateral(pledgeId, units, limit);
        assertEq(usdc.balanceOf(buyer), buyerUsdc, "nothing paid");
        _assertUntouched(pledgeId);
    }

    /// @dev The default auction as started: every unit locked and left, nothing paid or credited.
    function _assertUntouched(uint256 pledgeId) internal view {
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
        IComputeLending.CollateralAuction memory a = lending.auctionOf(pledgeId);
        assertEq(a.unitsLeft, PLEDGE_UNITS, "every unit left");
        assertEq(a.paidToLender, 0, "nothing paid to the lender");
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "every unit locked");
        assertEq(token.balanceOf(alice, lotId), UNITS, "every unit with the holder");
        assertEq(escrow.claimable(lender, address(usdc)), 0, "lender not credited");
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "holder credited only the advance");
    }

    /// @dev The credits of a sale: the lender's and the holder's claimable grew by exactly these amounts.
    function _assertCredited(uint256 lenderBefore, uint256 holderBefore, uint256 toLender, uint256 toHolder)
        internal
        view
    {
        assertEq(escrow.claimable(lender, address(usdc)) - lenderBefore, toLender, "lender's credit");
        assertEq(escrow.claimable(alice, address(usdc)) - holderBefore, toHolder, "holder's credit");
    }

    /*//////////////////////////////////////////////////////////////
                               STATUS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_ThePledgeDoesNotExist() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, 7, IComputeLending.PledgeStatus.None
            )
        );
        vm.prank(bob);
        lending.buyCollateral(7, 1, type(uint256).max);
    }

    function test_RevertWhen_ThePledgeIsActive() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Active
            )
        );
        vm.prank(bob);
        lending.buyCollateral(pledgeId, 1, type(uint256).max);
        assertEq(token.balanceOf(bob, lotId), 0);
    }

    function test_RevertWhen_TheAuctionWasSettled() external {
        uint256 pledgeId = _auctionedPledge();
        vm.warp(block.timestamp + AUCTION_DURATION);
        lending.settleCollateralAuction(pledgeId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Liquidated
            )
        );
        vm.prank(bob);
        lending.buyCollateral(pledgeId, 1, type(uint256).max);
    }

    /// @dev L-2: a lender that claimed the units out of an auction nobody had bought from closed it to buyers.
    function test_RevertWhen_TheLenderClaimedOutOfTheAuction() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Claimed
            )
        );
        vm.prank(bob);
        lending.buyCollateral(pledgeId, 1, type(uint256).max);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS, "the lender holds the units");
    }

    /*//////////////////////////////////////////////////////////////
                 SETTLEMENT OPEN, HOLDER COMPLIANT
    //////////////////////////////////////////////////////////////*/

    /// @dev L-5: while the stablecoin is paused nobody could bid, so nobody buys (not even with a payment that would
    /// go through once unpaused).
    function test_RevertWhen_TheStablecoinIsPaused() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        vm.prank(admin);
        usdc.setPaused(true);
        _expectRefused(
            abi.encodeWithSelector(IComputeLending.Lending_SettlementPaused.selector, address(usdc)),
            bob,
            pledgeId,
            10,
            AUCTION_START
        );
    }

    /// @dev L-5: after a recorded pause the cure applies to buys as it does to claims: a buyer that could not bid
    /// during the pause is not raced by one that bids the second it ends.
    function test_RevertWhen_AStablecoinPauseWasRecordedLessThanSETTLEMENTCUREAgo() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, 3 days);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(admin);
        usdc.setPaused(true);
        lending.recordSettlementPause(address(usdc));
        vm.prank(admin);
        usdc.setPaused(false);
        uint256 cureEnd = block.timestamp + lending.SETTLEMENT_CURE();
        _expectRefused(
            abi.encodeWithSelector(IComputeLending.Lending_SettlementCure.selector, cureEnd),
            bob,
            pledgeId,
            10,
            AUCTION_START
        );
        vm.warp(cureEnd - 1);
        _expectRefused(
            abi.encodeWithSelector(IComputeLending.Lending_SettlementCure.selector, cureEnd),
            bob,
            pledgeId,
            10,
            AUCTION_START
        );
        vm.warp(cureEnd);
        _buyAt(bob, pledgeId, 10);
        assertEq(token.balanceOf(bob, lotId), 10, "sold after the cure");
    }

    /// @dev L-4: a frozen holder's collateral is not sold for money credited to it (it would withdraw the proceeds of
    /// units it cannot move); the lender takes the units instead while nothing sold.
    function test_RevertWhen_TheHolderIsFrozen() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        vm.prank(compliance);
        token.setFrozen(alice, true);
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_HolderNotCompliant.selector,
                pledgeId,
                IComputeCapacityToken.TransferStatus.ReceiverFrozen
            ),
            bob,
            pledgeId,
            10,
            AUCTION_START
        );
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS, "the lender took the units");
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "the frozen holder credited nothing more");
    }

    function test_RevertWhen_TheHolderIsNoLongerAllowlisted() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        vm.prank(compliance);
        token.setAllowed(alice, false);
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_HolderNotCompliant.selector,
                pledgeId,
                IComputeCapacityToken.TransferStatus.ReceiverNotAllowed
            ),
            bob,
            pledgeId,
            10,
            AUCTION_START
        );
    }

    /*//////////////////////////////////////////////////////////////
                              THE WINDOW
    //////////////////////////////////////////////////////////////*/

    /// @dev L-1: whoever starts an auction cannot also take it at its start price in the same block (a third party
    /// starting at a price it likes and buying at once); from the next second the price has begun to fall.
    function test_RevertWhen_TheTimeIsTheAuctionsStartBlock() external {
        uint256 pledgeId = _auctionedPledge();
        uint40 startsAt = lending.auctionOf(pledgeId).startsAt;
        assertEq(startsAt, block.timestamp);
        bytes memory err =
            abi.encodeWithSelector(IComputeLending.Lending_AuctionNotStarted.selector, pledgeId, startsAt);
        _expectRefused(err, lender, pledgeId, 10, AUCTION_START);
        _expectRefused(err, bob, pledgeId, 10, AUCTION_START);
        _expectRefused(err, alice, pledgeId, PLEDGE_UNITS, type(uint256).max);

        vm.warp(uint256(startsAt) + 1);
        uint256 price = _buyAt(bob, pledgeId, 10);
        assertEq(price, AUCTION_START - 55, "3.00 - 2.00 x 1 / 36000 = 2.9999444..., rounded up");
        assertLt(price, AUCTION_START);
        assertEq(token.balanceOf(bob, lotId), 10);
    }

    /// @dev Buying is open until one second before endsAt; from endsAt on only settling is.
    function test_RevertWhen_TheAuctionHasEnded() external {
        uint256 pledgeId = _auctionedPledge();
        uint40 auctionEnd = lending.auctionOf(pledgeId).endsAt;
        bytes memory ended = abi.encodeWithSelector(IComputeLending.Lending_AuctionEnded.selector, pledgeId, auctionEnd);
        vm.warp(auctionEnd);
        _expectRefused(ended, bob, pledgeId, 1, type(uint256).max);
        vm.warp(uint256(auctionEnd) + 30 days);
        _expectRefused(ended, bob, pledgeId, 1, type(uint256).max);
    }

    /*//////////////////////////////////////////////////////////////
                             THE ORDER
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheUnitsAreZero() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _expectRefused(
            abi.encodeWithSelector(IComputeLending.Lending_ZeroUnits.selector), bob, pledgeId, 0, type(uint256).max
        );
    }

    function test_RevertWhen_TheUnitsExceedTheUnitsLeft() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_InsufficientAuctionUnits.selector, pledgeId, PLEDGE_UNITS, PLEDGE_UNITS + 1
            ),
            bob,
            pledgeId,
            PLEDGE_UNITS + 1,
            type(uint256).max
        );
        // After a partial buy, what is left bounds the next one.
        _buyAt(bob, pledgeId, 40);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeLending.Lending_InsufficientAuctionUnits.selector, pledgeId, 60, 61)
        );
        vm.prank(provider);
        lending.buyCollateral(pledgeId, 61, type(uint256).max);
        assertEq(lending.auctionOf(pledgeId).unitsLeft, 60);
    }

    /// @dev The slippage guard: a limit one base unit under the current price refuses; at the price it buys.
    function test_RevertWhen_TheCurrentPriceIsAboveTheBuyersLimit() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        uint256 price = lending.auctionPriceAt(pledgeId, block.timestamp);
        assertEq(price, PRICE_AN_HOUR_IN);
        _expectRefused(
            abi.encodeWithSelector(IComputeLending.Lending_PriceAboveLimit.selector, pledgeId, price, price - 1),
            bob,
            pledgeId,
            10,
            price - 1
        );
        vm.prank(bob);
        lending.buyCollateral(pledgeId, 10, price);
        assertEq(token.balanceOf(bob, lotId), 10);
    }

    /*//////////////////////////////////////////////////////////////
                              PAYMENT
    //////////////////////////////////////////////////////////////*/

    /// @dev The payment is pulled by the lending module: an allowance to the escrow does not buy.
    function test_RevertWhen_TheBuyerApprovedTheEscrowButNotTheLendingModule() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        vm.prank(admin);
        usdc.mint(outsider, 1000e6);
        vm.prank(compliance);
        token.setAllowed(outsider, true);
        vm.prank(outsider);
        usdc.approve(address(escrow), type(uint256).max);
        _expectRefused(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(lending), 0, 10 * PRICE_AN_HOUR_IN
            ),
            outsider,
            pledgeId,
            10,
            PRICE_AN_HOUR_IN
        );
    }

    /*//////////////////////////////////////////////////////////////
                           TOKEN CHECKS
    //////////////////////////////////////////////////////////////*/

    /// @dev The units are seized to the buyer, who must pass a receiver's checks: the whole purchase reverts in the
    /// token and the payment with it.
    function test_RevertWhen_TheBuyerIsNotAllowlisted() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        vm.prank(admin);
        usdc.mint(outsider, 1000e6);
        vm.prank(outsider);
        usdc.approve(address(lending), type(uint256).max);
        _expectRefused(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, outsider),
            outsider,
            pledgeId,
            10,
            AUCTION_START
        );
        assertEq(usdc.balanceOf(outsider), 1000e6, "the payment rolled back");
        assertEq(token.balanceOf(outsider, lotId), 0);
        _assertExactlySolvent();
        _assertLendingHoldsNothing();
    }

    function test_RevertWhen_TheBuyerIsFrozen() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        vm.prank(compliance);
        token.setFrozen(bob, true);
        _expectRefused(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, bob),
            bob,
            pledgeId,
            10,
            AUCTION_START
        );
    }

    /// @dev A seizure is not a forced transfer: the token's pause stops it (and the payment with it) until unpaused.
    function test_RevertWhen_TheTokenIsPaused() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        vm.prank(pauser);
        token.pause();
        _expectRefused(abi.encodeWithSelector(Pausable.EnforcedPause.selector), bob, pledgeId, 10, AUCTION_START);
    }

    /*//////////////////////////////////////////////////////////////
                     THE SPLIT: LENDER FIRST, THEN HOLDER
    //////////////////////////////////////////////////////////////*/

    /// @dev 20 units at 2.80 = 56e6 < OWED: all of it repays the lender.
    function test_When_TheCostStaysWithinWhatTheLenderIsOwed() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        uint256 cost = 20 * PRICE_AN_HOUR_IN;
        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralSold(pledgeId, bob, 20, PRICE_AN_HOUR_IN, cost, 0);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanCredited(address(lending), lender, address(usdc), cost);
        _buyAt(bob, pledgeId, 20);

        _assertCredited(0, PRINCIPAL, cost, 0);
        IComputeLending.CollateralAuction memory a = lending.auctionOf(pledgeId);
        assertEq(a.paidToLender, cost, "paidToLender");
        assertEq(a.unitsLeft, PLEDGE_UNITS - 20);
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS - 20, "the rest stays locked");
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
    }

    /// @dev After 20 units at 2.80 (56e6), a second 20 units at 2.60 (two hours in) = 52e6 crosses OWED: 49e6 completes
    /// the lender's 105e6, 3e6 is the holder's.
    function test_When_TheCostCrossesWhatTheLenderIsOwed() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, 20); // 56e6, all the lender's
        vm.warp(block.timestamp + 1 hours);
        uint256 price = 2_600_000;
        uint256 toLender = OWED - 20 * PRICE_AN_HOUR_IN;
        uint256 toHolder = 20 * price - toLender;
        assertEq(toLender, 49e6);
        assertEq(toHolder, 3e6);

        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralSold(pledgeId, provider, 20, price, toLender, toHolder);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanCredited(address(lending), lender, address(usdc), toLender);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanCredited(address(lending), alice, address(usdc), toHolder);
        assertEq(_buyAt(provider, pledgeId, 20), price);

        _assertCredited(0, PRINCIPAL, OWED, toHolder);
        assertEq(lending.auctionOf(pledgeId).paidToLender, OWED, "paid in full, no more");
        _assertExactlySolvent();
    }

    /// @dev Once principal + fee is paid, every later sale (10 units at 2.40, three hours in) is the holder's.
    function test_When_TheLenderWasAlreadyPaidInFull() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, 20); // 56e6 to the lender
        _buyAt(provider, pledgeId, 20); // 49e6 to the lender, 7e6 to the holder
        assertEq(lending.auctionOf(pledgeId).paidToLender, OWED);
        uint256 holderBefore = escrow.claimable(alice, address(usdc));
        vm.warp(block.timestamp + 2 hours);
        uint256 price = 2_400_000;

        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralSold(pledgeId, bob, 10, price, 0, 10 * price);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanCredited(address(lending), alice, address(usdc), 10 * price);
        _buyAt(bob, pledgeId, 10);

        assertEq(escrow.claimable(alice, address(usdc)) - holderBefore, 10 * price, "all of it the holder's");
        assertEq(escrow.claimable(lender, address(usdc)), OWED, "the lender got no more");
        assertEq(lending.auctionOf(pledgeId).paidToLender, OWED);
        assertEq(token.balanceOf(bob, lotId), 30);
        assertEq(token.balanceOf(provider, lotId), 20);
        assertEq(token.lockedBalanceOf(alice, lotId), 50);
    }

    /// @dev The lender's own auction, all sold a second before its end at 1.000056: 100_005_600 < OWED. The lender
    /// takes every base unit, the holder nothing; the shortfall is the lender's loss.
    function test_When_TheLendersAuctionSellsOutBelowTheDebt() external {
        uint256 pledgeId = _auctionedPledge();
        vm.warp(block.timestamp + AUCTION_DURATION - 1);
        uint256 price = _buyAt(bob, pledgeId, PLEDGE_UNITS);
        assertEq(price, 1_000_056);
        uint256 proceeds = PLEDGE_UNITS * price;
        assertLt(proceeds, OWED);

        _assertCredited(0, PRINCIPAL, proceeds, 0);
        assertEq(lending.auctionOf(pledgeId).paidToLender, proceeds);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
        _assertExactlySolvent();
    }

    function test_When_TheLastUnitSells() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, PLEDGE_UNITS - 1);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
        _buyAt(provider, pledgeId, 1);

        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
        assertEq(lending.auctionOf(pledgeId).unitsLeft, 0, "no unit left");
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "nothing locked");
        assertEq(token.balanceOf(alice, lotId), UNITS - PLEDGE_UNITS);
        assertEq(token.balanceOf(provider, lotId), 1);

        vm.warp(block.timestamp + AUCTION_DURATION);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Liquidated
            )
        );
        lending.settleCollateralAuction(pledgeId);
    }

    /// @dev The holder may buy back its own collateral: the units are released in its own wallet (a seizure to
    /// itself) and the lender is paid.
    function test_When_TheBuyerIsTheHolder() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        uint256 aliceUsdc = usdc.balanceOf(alice);
        _buyAt(alice, pledgeId, 30);

        assertEq(aliceUsdc - usdc.balanceOf(alice), 30 * PRICE_AN_HOUR_IN, "the holder paid");
        assertEq(token.balanceOf(alice, lotId), UNITS, "units stay in its wallet");
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS - 30, "30 released");
        _assertCredited(0, PRINCIPAL, 30 * PRICE_AN_HOUR_IN, 0);
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, UNITS - (PLEDGE_UNITS - 30), ""); // free to move
    }

    /// @dev An hour and 7 s in, the price is 3.00 − 2.00 × 3607 / 36000 = 2.7996111… per unit, rounded up to 2.799612.
    /// 50 units cost 139_980_600: 105e6 to the lender, the rest to the holder.
    function test_When_AllChecksPass() external {
        uint256 pledgeId = _auctionedPledge();
        vm.warp(block.timestamp + 1 hours + 7);
        uint256 price = 2_799_612;
        assertEq(lending.auctionPriceAt(pledgeId, block.timestamp), price, "rounded up");
        uint256 cost = 50 * price;
        uint256 bobUsdc = usdc.balanceOf(bob);
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralSold(pledgeId, bob, 50, price, OWED, cost - OWED);
        vm.expectEmit(address(usdc));
        emit IERC20.Transfer(bob, address(escrow), cost);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanCredited(address(lending), lender, address(usdc), OWED);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.LoanCredited(address(lending), alice, address(usdc), cost - OWED);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsSeized(alice, bob, lotId, 50);
        vm.expectEmit(address(token));
        emit IERC1155.TransferSingle(address(lending), alice, bob, lotId, 50);
        vm.prank(bob);
        lending.buyCollateral(pledgeId, 50, price);

        assertEq(bobUsdc - usdc.balanceOf(bob), cost, "the buyer paid units x price");
        assertEq(usdc.balanceOf(address(escrow)) - escrowUsdc, cost, "straight into the escrow");
        _assertCredited(0, PRINCIPAL, OWED, cost - OWED);
        assertEq(token.balanceOf(bob, lotId), 50, "units to the buyer");
        assertEq(token.balanceOf(alice, lotId), UNITS - 50, "from the holder's wallet");
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS - 50, "the rest stays locked");
        IComputeLending.CollateralAuction memory a = lending.auctionOf(pledgeId);
        assertEq(a.unitsLeft, PLEDGE_UNITS - 50);
        assertEq(a.paidToLender, OWED);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
        _assertLendingHoldsNothing();
        _assertExactlySolvent();
    }
}
