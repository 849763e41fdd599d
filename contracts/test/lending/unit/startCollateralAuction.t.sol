// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `startCollateralAuction` (see startCollateralAuction.tree).
contract StartCollateralAuction_Unit_Test is LendingBase {
    function _expectWrongStatus(uint256 pledgeId, IComputeLending.PledgeStatus status) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, status));
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
    }

    /// @dev The start refused with `err`: the pledge stays Active, with no auction stored.
    function _expectRefused(bytes memory err, address caller, uint256 pledgeId, uint256 start, uint256 floor, uint40 d)
        internal
    {
        vm.expectRevert(err);
        _startAuction(caller, pledgeId, start, floor, d);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Active);
        assertEq(lending.auctionOf(pledgeId).startsAt, 0, "no auction stored");
    }

    /// @dev The auction stored for `pledgeId`: the given prices, a window from now, every pledged unit left.
    function _assertStarted(uint256 pledgeId, uint256 start, uint256 floor, uint256 auctionEnd) internal view {
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
        IComputeLending.CollateralAuction memory a = lending.auctionOf(pledgeId);
        assertEq(a.startPrice, start, "start price");
        assertEq(a.floorPrice, floor, "floor price");
        assertEq(a.startsAt, block.timestamp, "starts now");
        assertEq(a.endsAt, auctionEnd, "ends");
        assertEq(a.unitsLeft, lending.pledge(pledgeId).units, "every unit left");
        assertEq(a.paidToLender, 0, "nothing paid");
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "units still locked");
        assertEq(token.balanceOf(alice, lotId), UNITS, "units still in the holder's wallet");
    }

    /// @dev A pledge of the default terms maturing at the latest the lot allows (`MATURITY_MARGIN` before its end),
    /// funded by the lender.
    function _lateActivePledge() internal returns (uint256 pledgeId, uint40 mat) {
        mat = endsAt - lending.MATURITY_MARGIN();
        pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, FEE, mat);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
    }

    /*//////////////////////////////////////////////////////////////
                               STATUS
    //////////////////////////////////////////////////////////////*/

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

    function test_RevertWhen_ThePledgeIsClaimed() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
    }

    /// @dev A running auction cannot be restarted (at other prices or a later end).
    function test_RevertWhen_ThePledgeIsAlreadyAuctioning() external {
        uint256 pledgeId = _auctionedPledge();
        IComputeLending.CollateralAuction memory before = lending.auctionOf(pledgeId);
        vm.warp(block.timestamp + 1 hours);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
        assertEq(lending.auctionOf(pledgeId).startsAt, before.startsAt, "auction unchanged");
    }

    function test_RevertWhen_ThePledgeIsLiquidated() external {
        uint256 pledgeId = _auctionedPledge();
        vm.warp(block.timestamp + AUCTION_DURATION);
        lending.settleCollateralAuction(pledgeId);
        _expectWrongStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
    }

    /*//////////////////////////////////////////////////////////////
                               DEFAULT
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheTimeIsBeforeTheMaturity() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity - 1);
        bytes memory err = abi.encodeWithSelector(IComputeLending.Lending_PledgeNotMatured.selector, pledgeId, maturity);
        _expectRefused(err, lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        _expectRefused(err, bob, pledgeId, AUCTION_START, THIRD_PARTY_FLOOR, AUCTION_DURATION);
    }

    /// @dev S-5: while the stablecoin is paused the borrower cannot repay, so the collateral is not sold either.
    function test_RevertWhen_TheStablecoinIsPaused() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        vm.prank(admin);
        usdc.setPaused(true);
        _expectRefused(
            abi.encodeWithSelector(IComputeLending.Lending_SettlementPaused.selector),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            AUCTION_DURATION
        );
    }

    /// @dev S-5: after a pause across maturity the borrower gets SETTLEMENT_CURE from the last recorded pause to
    /// repay, as against a claim.
    function test_RevertWhen_AStablecoinPauseWasRecordedLessThanSETTLEMENTCUREAgo() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity - 1 hours);
        vm.prank(admin);
        usdc.setPaused(true);
        vm.warp(maturity + 2 days);
        lending.recordSettlementPause();
        vm.prank(admin);
        usdc.setPaused(false);
        uint256 cureEnd = block.timestamp + lending.SETTLEMENT_CURE();
        _expectRefused(
            abi.encodeWithSelector(IComputeLending.Lending_SettlementCure.selector, cureEnd),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            AUCTION_DURATION
        );
        vm.prank(alice);
        lending.repay(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Repaid);
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "units unlocked");
    }

    /*//////////////////////////////////////////////////////////////
                               PRICES
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheFloorPriceIsZero() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        _expectRefused(
            abi.encodeWithSelector(IComputeLending.Lending_InvalidAuctionPrices.selector, AUCTION_START, 0),
            lender,
            pledgeId,
            AUCTION_START,
            0,
            AUCTION_DURATION
        );
    }

    function test_RevertWhen_TheFloorPriceIsAboveTheStartPrice() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_InvalidAuctionPrices.selector, AUCTION_FLOOR, AUCTION_FLOOR + 1
            ),
            lender,
            pledgeId,
            AUCTION_FLOOR,
            AUCTION_FLOOR + 1,
            AUCTION_DURATION
        );
    }

    function test_RevertWhen_TheStartPriceExceedsUint96() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        uint256 start = uint256(type(uint96).max) + 1;
        _expectRefused(
            abi.encodeWithSelector(IComputeLending.Lending_AuctionPriceOverflow.selector, start, type(uint96).max),
            lender,
            pledgeId,
            start,
            AUCTION_FLOOR,
            AUCTION_DURATION
        );
    }

    /*//////////////////////////////////////////////////////////////
                             THIRD PARTY
    //////////////////////////////////////////////////////////////*/

    /// @dev For AUCTION_GRACE after maturity only the lender may sell: not a third party, not the holder, even with a
    /// floor that repays the debt.
    function test_RevertWhen_TheGraceAfterMaturityHasNotPassed() external {
        uint256 pledgeId = _activePledge();
        uint256 openToAllAt = uint256(maturity) + lending.AUCTION_GRACE();
        vm.warp(openToAllAt - 1);
        address[2] memory callers = [bob, alice];
        for (uint256 i; i < callers.length; ++i) {
            _expectRefused(
                abi.encodeWithSelector(
                    IComputeLending.Lending_AuctionNotOpenToCaller.selector, pledgeId, callers[i], openToAllAt
                ),
                callers[i],
                pledgeId,
                AUCTION_START,
                THIRD_PARTY_FLOOR,
                AUCTION_DURATION
            );
        }
    }

    function test_RevertWhen_TheFloorValueIsBelowPrincipalPlusFee() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_FloorBelowDebt.selector, (THIRD_PARTY_FLOOR - 1) * PLEDGE_UNITS, OWED
            ),
            bob,
            pledgeId,
            AUCTION_START,
            THIRD_PARTY_FLOOR - 1,
            AUCTION_DURATION
        );
    }

    function test_When_TheFloorValueIsExactlyPrincipalPlusFee() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        assertEq(THIRD_PARTY_FLOOR * PLEDGE_UNITS, OWED);
        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralAuctionStarted(
            pledgeId,
            bob,
            AUCTION_START,
            THIRD_PARTY_FLOOR,
            uint40(block.timestamp),
            uint40(block.timestamp + AUCTION_DURATION)
        );
        _startAuction(bob, pledgeId, AUCTION_START, THIRD_PARTY_FLOOR, AUCTION_DURATION);
        _assertStarted(pledgeId, AUCTION_START, THIRD_PARTY_FLOOR, block.timestamp + AUCTION_DURATION);
        assertEq(lending.pledge(pledgeId).lender, lender, "still the lender's pledge");
    }

    /// @dev MATURITY_MARGIN (1 day) is shorter than AUCTION_GRACE (3 days): a pledge maturing within AUCTION_GRACE +
    /// MIN_AUCTION_DURATION of its lot's end can never be auctioned by a third party, only by its lender (who has
    /// until the lot's end) — or closed by a repayment, which stays open.
    function test_RevertWhen_TheGraceEndsLessThanMINAUCTIONDURATIONBeforeTheLotsEnd() external {
        (uint256 pledgeId, uint40 mat) = _lateActivePledge();
        uint256 snapshot = vm.snapshotState();
        vm.warp(uint256(mat) + lending.AUCTION_GRACE());
        uint256 minDuration = lending.MIN_AUCTION_DURATION();
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_InvalidAuctionEnd.selector,
                block.timestamp + minDuration,
                block.timestamp + minDuration,
                endsAt
            ),
            bob,
            pledgeId,
            AUCTION_START,
            THIRD_PARTY_FLOOR,
            uint40(minDuration)
        );
        // The lender can, from maturity until MIN_AUCTION_DURATION before the lot's end.
        vm.revertToState(snapshot);
        vm.warp(endsAt - minDuration);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, uint40(minDuration));
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, endsAt);
    }

    /*//////////////////////////////////////////////////////////////
                               LENDER
    //////////////////////////////////////////////////////////////*/

    /// @dev The lender's own auction may sell below principal + fee: PLEDGE_UNITS × AUCTION_FLOOR < OWED.
    function test_When_TheFloorValueIsBelowTheDebt() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        assertLt(AUCTION_FLOOR * PLEDGE_UNITS, OWED);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, block.timestamp + AUCTION_DURATION);
    }

    function test_RevertWhen_TheDurationIsShorterThanMINAUCTIONDURATION() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        uint40 duration = lending.MIN_AUCTION_DURATION() - 1;
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_InvalidAuctionEnd.selector,
                block.timestamp + duration,
                block.timestamp + duration + 1,
                endsAt
            ),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            duration
        );
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_InvalidAuctionEnd.selector,
                block.timestamp,
                block.timestamp + duration + 1,
                endsAt
            ),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            0
        );
    }

    function test_RevertWhen_TheAuctionWouldEndAfterTheLotsEnd() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        uint40 duration = uint40(endsAt - block.timestamp + 1);
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_InvalidAuctionEnd.selector,
                uint256(endsAt) + 1,
                block.timestamp + lending.MIN_AUCTION_DURATION(),
                endsAt
            ),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            duration
        );
    }

    /// @dev A lot whose window has ended leaves no room for an auction (its units could not be sold); the lender can
    /// still claim them.
    function test_RevertWhen_TheLotsWindowHasEnded() external {
        (uint256 pledgeId,) = _lateActivePledge();
        vm.warp(endsAt);
        uint256 minDuration = lending.MIN_AUCTION_DURATION();
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_InvalidAuctionEnd.selector,
                uint256(endsAt) + minDuration,
                uint256(endsAt) + minDuration,
                endsAt
            ),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            uint40(minDuration)
        );
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
    }

    function test_When_TheAuctionLastsExactlyMINAUCTIONDURATIONOrEndsExactlyAtTheLotsEnd() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        uint256 snapshot = vm.snapshotState();
        uint40 minDuration = lending.MIN_AUCTION_DURATION();
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, minDuration);
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, block.timestamp + minDuration);
        vm.revertToState(snapshot);

        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, uint40(endsAt - block.timestamp));
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, endsAt);
    }

    function test_When_TheStartPriceEqualsTheFloorPrice() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        _startAuction(lender, pledgeId, 2e6, 2e6, AUCTION_DURATION);
        _assertStarted(pledgeId, 2e6, 2e6, block.timestamp + AUCTION_DURATION);
        uint256 start = block.timestamp;
        assertEq(lending.auctionPriceAt(pledgeId, start), 2e6);
        assertEq(lending.auctionPriceAt(pledgeId, start + AUCTION_DURATION / 3), 2e6);
        assertEq(lending.auctionPriceAt(pledgeId, start + AUCTION_DURATION), 2e6);
    }

    function test_When_TheStartPriceIsUint96Max() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        _startAuction(lender, pledgeId, type(uint96).max, 1, AUCTION_DURATION);
        _assertStarted(pledgeId, type(uint96).max, 1, block.timestamp + AUCTION_DURATION);
        assertEq(lending.auctionPriceAt(pledgeId, block.timestamp), type(uint96).max);
    }

    /// @dev Starting moves nothing, so the holder's compliance state does not matter (buyers seize from a frozen
    /// holder too: buyCollateral.t.sol).
    function test_When_TheHolderIsFrozen() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setFrozen(alice, true);
        vm.warp(maturity);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, block.timestamp + AUCTION_DURATION);
    }

    /// @dev A lender that could not take the collateral (de-listed) can still sell it for its debt.
    function test_When_TheLenderCanNoLongerReceiveUnits() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setAllowed(lender, false);
        vm.warp(maturity);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, block.timestamp + AUCTION_DURATION);
    }

    function test_When_AllChecksPass() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + 1 days);
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));
        uint256 lenderUsdc = usdc.balanceOf(lender);

        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralAuctionStarted(
            pledgeId,
            lender,
            AUCTION_START,
            AUCTION_FLOOR,
            uint40(block.timestamp),
            uint40(block.timestamp + AUCTION_DURATION)
        );
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);

        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, block.timestamp + AUCTION_DURATION);
        assertEq(usdc.balanceOf(address(escrow)), escrowUsdc, "no stablecoin moved");
        assertEq(usdc.balanceOf(lender), lenderUsdc, "the lender paid nothing");
        assertEq(escrow.claimable(alice), PRINCIPAL, "the holder keeps the advance");
        assertEq(escrow.claimable(lender), 0, "nothing credited yet");
        assertEq(token.balanceOf(lender, lotId), 0, "no unit moved");
        _assertLendingHoldsNothing();

        // The pledge can no longer be closed by a repayment or a claim.
        bytes memory auctioning = abi.encodeWithSelector(
            IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Auctioning
        );
        vm.expectRevert(auctioning);
        vm.prank(alice);
        lending.repay(pledgeId);
        vm.expectRevert(auctioning);
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "still locked");
    }
}
