// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `claimCollateral` (see claimCollateral.tree).
contract ClaimCollateral_Unit_Test is LendingBase {
    function _expectWrongStatus(uint256 pledgeId, IComputeLending.PledgeStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, status));
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
    }

    function _assertSeized(uint256 pledgeId) internal view {
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Claimed));
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS, "lender got the collateral");
        assertEq(token.balanceOf(alice, lotId), UNITS - PLEDGE_UNITS, "holder lost it");
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "nothing locked");
    }

    function test_RevertWhen_ThePledgeIsRequested() external {
        uint256 pledgeId = _defaultPledge();
        vm.warp(maturity);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Requested);
    }

    function test_RevertWhen_ThePledgeIsRepaid() external {
        uint256 pledgeId = _activePledge();
        vm.prank(alice);
        lending.repay(pledgeId);
        vm.warp(maturity);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Repaid);
    }

    function test_RevertWhen_ThePledgeIsAlreadyClaimed() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
    }

    function test_RevertWhen_ThePledgeIsLiquidated() external {
        uint256 pledgeId = _auctionedPledge();
        vm.warp(block.timestamp + AUCTION_DURATION);
        lending.settleCollateralAuction(pledgeId);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS, "settled once");
    }

    /*//////////////////////////////////////////////////////////////
                        OUT OF A COLLATERAL AUCTION
    //////////////////////////////////////////////////////////////*/

    /// @dev Once a buyer paid for units, the sale stands: neither the lender nor anyone may take the rest outright
    /// (from under the next buyer); it stays for sale, and unsold units reach the lender by settlement.
    function test_RevertWhen_UnitsOfTheAuctionWereSold() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, 10);
        address[2] memory callers = [lender, bob];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_AuctionHasSales.selector, pledgeId));
            vm.prank(callers[i]);
            lending.claimCollateral(pledgeId);
        }
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
        assertEq(token.balanceOf(lender, lotId), 0, "no unit taken");
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS - 10, "the rest still for sale");
        assertEq(lending.auctionOf(pledgeId).unitsLeft, PLEDGE_UNITS - 10);
        _buyAt(bob, pledgeId, 10);
        assertEq(token.balanceOf(bob, lotId), 20, "and still sold");
    }

    function test_RevertWhen_TheCallerIsNotTheAuctionedPledgesLender() external {
        uint256 pledgeId = _auctionedPledge();
        address[3] memory callers = [alice, bob, outsider];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeLending.Lending_NotPledgeLender.selector, pledgeId, callers[i])
            );
            vm.prank(callers[i]);
            lending.claimCollateral(pledgeId);
        }
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
    }

    /// @dev A claim out of an auction is a default taken like any other: not while the borrower could not repay (the
    /// stablecoin paused), nor within the cure after it.
    function test_RevertWhen_TheStablecoinIsPausedDuringTheAuction() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        vm.prank(admin);
        usdc.setPaused(true);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementPaused.selector, address(usdc)));
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
    }

    /// @dev After the end nobody can buy; the lender may claim the unsold units instead of a settlement, with the same
    /// result.
    function test_When_TheAuctionHasEndedUnsettled() external {
        uint256 pledgeId = _auctionedPledge();
        vm.warp(block.timestamp + AUCTION_DURATION);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertSeized(pledgeId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Claimed
            )
        );
        lending.settleCollateralAuction(pledgeId);
    }

    /// @dev L-2: an auction nobody buys from (stalled at a price nobody pays, or started by a griefer) never costs the
    /// lender its recovery: while nothing sold, it takes the units as it would have without an auction.
    function test_When_TheLenderClaimsOutOfTheRunningAuction() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));
        IComputeLending.CollateralAuction memory before = lending.auctionOf(pledgeId);

        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralClaimed(pledgeId, lender, PLEDGE_UNITS);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsSeized(alice, lender, lotId, PLEDGE_UNITS);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);

        _assertSeized(pledgeId);
        assertEq(usdc.balanceOf(address(escrow)), escrowUsdc, "no stablecoin moved");
        assertEq(escrow.claimable(lender, address(usdc)), 0);
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "the holder keeps the advance");
        IComputeLending.CollateralAuction memory a = lending.auctionOf(pledgeId);
        assertEq(a.startsAt, before.startsAt, "the auction stays stored");
        assertEq(a.endsAt, before.endsAt);
        assertEq(a.unitsLeft, PLEDGE_UNITS, "as it was: every unit left");
        assertEq(a.paidToLender, 0, "nothing paid");

        bytes memory claimed = abi.encodeWithSelector(
            IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Claimed
        );
        vm.expectRevert(claimed);
        vm.prank(bob);
        lending.buyCollateral(pledgeId, 1, type(uint256).max);
        vm.warp(a.endsAt);
        vm.expectRevert(claimed);
        lending.settleCollateralAuction(pledgeId);
        _assertLendingHoldsNothing();
    }

    /*//////////////////////////////////////////////////////////////
                            AN ACTIVE PLEDGE
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheCallerIsNotTheLender() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_NotPledgeLender.selector, pledgeId, alice));
        vm.prank(alice);
        lending.claimCollateral(pledgeId);
    }

    function test_RevertWhen_TheTimeIsBeforeTheMaturity() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_PledgeNotMatured.selector, pledgeId, maturity));
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
    }

    function test_RevertWhen_TheLenderIsNoLongerAllowlisted() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setAllowed(lender, false);
        vm.warp(maturity);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverNotAllowed.selector, lender));
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Active));
    }

    /// @dev L-4: a frozen holder's collateral cannot be auctioned (startCollateralAuction.t.sol), but the lender still
    /// takes it: a seizure skips the holder's sender checks.
    function test_When_TheHolderIsFrozen() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setFrozen(alice, true);
        vm.warp(maturity);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertSeized(pledgeId);
    }

    /// @dev S-5: while the stablecoin is paused the borrower cannot repay, so no default is taken.
    function test_RevertWhen_TheStablecoinIsPaused() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.prank(admin);
        usdc.setPaused(true);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementPaused.selector, address(usdc)));
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
    }

    /// @dev S-5: a stablecoin pause across maturity is followed by a cure: the borrower gets SETTLEMENT_CURE after
    /// the pause was last recorded to repay.
    function test_RevertWhen_AStablecoinPauseWasRecordedLessThanSETTLEMENTCUREAgo() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity - 1 hours);
        vm.prank(admin);
        usdc.setPaused(true);
        vm.warp(maturity + 2 days);
        lending.recordSettlementPause(address(usdc)); // anyone (a keeper, the borrower) records it while it lasts
        vm.prank(admin);
        usdc.setPaused(false);
        uint256 cureEnd = block.timestamp + lending.SETTLEMENT_CURE();
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementCure.selector, cureEnd));
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        // the borrower repays within the cure
        vm.prank(alice);
        lending.repay(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Repaid));
    }

    function test_When_TheLastRecordedPauseIsAtLeastSETTLEMENTCUREOld() external {
        uint256 pledgeId = _activePledge();
        vm.prank(admin);
        usdc.setPaused(true);
        lending.recordSettlementPause(address(usdc));
        vm.prank(admin);
        usdc.setPaused(false);
        vm.warp(maturity + lending.SETTLEMENT_CURE());
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertSeized(pledgeId);
    }

    /// @dev L-6: the escrow one base unit short could have refused the borrower's full repayment (a repayment is
    /// credited only out of its surplus), so the lender waits until the gap is paid in.
    function test_RevertWhen_TheEscrowHoldsLessThanItOwes() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        _shortEscrow(1);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeLending.Lending_EscrowShortfall.selector, balance - 1, obligations)
        );
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Active));

        vm.prank(admin);
        usdc.mint(address(escrow), 1);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertSeized(pledgeId);
    }

    function test_When_TheLotsWindowHasEnded() external {
        uint256 pledgeId =
            _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, FEE, endsAt - lending.MATURITY_MARGIN());
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(endsAt + 30 days);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertSeized(pledgeId);
    }

    function test_When_AllChecksPass() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));

        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralClaimed(pledgeId, lender, PLEDGE_UNITS);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsSeized(alice, lender, lotId, PLEDGE_UNITS);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);

        _assertSeized(pledgeId);
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "holder keeps the advance");
        assertEq(escrow.claimable(lender, address(usdc)), 0, "lender gets units, not money");
        assertEq(usdc.balanceOf(address(escrow)), escrowUsdc, "no stablecoin moved");
        _assertLendingHoldsNothing();
    }
}
