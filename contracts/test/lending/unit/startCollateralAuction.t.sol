// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
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

    /// @dev A pledge of the default terms maturing at `mat`, funded by the lender.
    function _activePledgeMaturingAt(uint40 mat) internal returns (uint256 pledgeId) {
        pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, FEE, mat);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
    }

    /// @dev The refusal of an auction end, naming the end asked for and the bounds.
    function _invalidEnd(uint256 auctionEnd, uint256 earliest, uint256 latest) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IComputeLending.Lending_InvalidAuctionEnd.selector, auctionEnd, earliest, latest);
    }

    /// @dev A third party's start price outside its band.
    function _outsideBand(uint256 startPrice, uint256 lowest, uint256 highest) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(IComputeLending.Lending_ThirdPartyStartPrice.selector, startPrice, lowest, highest);
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
            abi.encodeWithSelector(IComputeLending.Lending_SettlementPaused.selector, address(usdc)),
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
        lending.recordSettlementPause(address(usdc));
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

    /// @dev L-6: a repayment is credited only out of the escrow's surplus, so while the escrow holds less than it owes
    /// (here one base unit short) a repayment could have been refused: the default waits, until the gap is paid in.
    function test_RevertWhen_TheEscrowHoldsLessThanItOwes() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(balance, obligations);
        _shortEscrow(1);
        _expectRefused(
            abi.encodeWithSelector(IComputeLending.Lending_EscrowShortfall.selector, balance - 1, obligations),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            AUCTION_DURATION
        );
        vm.prank(admin);
        usdc.mint(address(escrow), 1);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, block.timestamp + AUCTION_DURATION);
    }

    /*//////////////////////////////////////////////////////////////
                       TOKEN PAUSE AND COMPLIANCE
    //////////////////////////////////////////////////////////////*/

    /// @dev L-5: while the token is paused nobody could buy (a seizure is not a forced transfer), so no auction starts
    /// whose price would fall meanwhile.
    function test_RevertWhen_TheTokenIsPaused() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        vm.prank(pauser);
        token.pause();
        bytes memory err = abi.encodeWithSelector(IComputeLending.Lending_TokenPaused.selector);
        _expectRefused(err, lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        _expectRefused(err, bob, pledgeId, THIRD_PARTY_LOWEST_START, THIRD_PARTY_FLOOR, THIRD_PARTY_DURATION);
        vm.prank(pauser);
        token.unpause();
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, block.timestamp + AUCTION_DURATION);
    }

    /// @dev L-4: the starter passes the token's compliance: neither an account never allowlisted nor a lender de-listed
    /// since funding may put the collateral up for sale.
    function test_RevertWhen_TheCallerIsNotAllowlisted() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        assertFalse(token.isAllowed(outsider));
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_CallerNotCompliant.selector,
                outsider,
                IComputeCapacityToken.TransferStatus.ReceiverNotAllowed
            ),
            outsider,
            pledgeId,
            THIRD_PARTY_LOWEST_START,
            THIRD_PARTY_FLOOR,
            THIRD_PARTY_DURATION
        );
        vm.prank(compliance);
        token.setAllowed(lender, false);
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_CallerNotCompliant.selector,
                lender,
                IComputeCapacityToken.TransferStatus.ReceiverNotAllowed
            ),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            AUCTION_DURATION
        );
    }

    function test_RevertWhen_TheCallerIsFrozen() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        vm.startPrank(compliance);
        token.setFrozen(bob, true);
        token.setFrozen(lender, true);
        vm.stopPrank();
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_CallerNotCompliant.selector,
                bob,
                IComputeCapacityToken.TransferStatus.ReceiverFrozen
            ),
            bob,
            pledgeId,
            THIRD_PARTY_LOWEST_START,
            THIRD_PARTY_FLOOR,
            THIRD_PARTY_DURATION
        );
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_CallerNotCompliant.selector,
                lender,
                IComputeCapacityToken.TransferStatus.ReceiverFrozen
            ),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            AUCTION_DURATION
        );
    }

    /// @dev L-4: a frozen holder's collateral is not turned into money credited to it, whoever starts; the lender
    /// takes the units instead (a seizure skips the holder's sender checks).
    function test_RevertWhen_TheHolderIsFrozen() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setFrozen(alice, true);
        vm.warp(maturity + lending.AUCTION_GRACE());
        bytes memory err = abi.encodeWithSelector(
            IComputeLending.Lending_HolderNotCompliant.selector,
            pledgeId,
            IComputeCapacityToken.TransferStatus.ReceiverFrozen
        );
        _expectRefused(err, lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        _expectRefused(err, bob, pledgeId, THIRD_PARTY_LOWEST_START, THIRD_PARTY_FLOOR, THIRD_PARTY_DURATION);

        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
        assertEq(token.balanceOf(lender, lotId), PLEDGE_UNITS, "the lender took the units");
    }

    function test_RevertWhen_TheHolderIsNoLongerAllowlisted() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setAllowed(alice, false);
        vm.warp(maturity);
        _expectRefused(
            abi.encodeWithSelector(
                IComputeLending.Lending_HolderNotCompliant.selector,
                pledgeId,
                IComputeCapacityToken.TransferStatus.ReceiverNotAllowed
            ),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            AUCTION_DURATION
        );
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

    /// @dev For AUCTION_GRACE after maturity only the lender may sell: not a third party, not the holder, even on
    /// terms a third party may set after the grace.
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
                THIRD_PARTY_LOWEST_START,
                THIRD_PARTY_FLOOR,
                THIRD_PARTY_DURATION
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
            THIRD_PARTY_LOWEST_START,
            THIRD_PARTY_FLOOR - 1,
            THIRD_PARTY_DURATION
        );
    }

    /// @dev L-1: a third party cannot set a low start price (down to the floor: a fixed price at the debt) and buy
    /// the collateral at it; the band starts at twice the reference price, 5.00 for the fixture's lot.
    function test_RevertWhen_TheStartPriceIsBelowTwiceTheReferencePrice() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        uint256[2] memory starts = [THIRD_PARTY_LOWEST_START - 1, THIRD_PARTY_FLOOR];
        for (uint256 i; i < starts.length; ++i) {
            _expectRefused(
                _outsideBand(starts[i], THIRD_PARTY_LOWEST_START, THIRD_PARTY_HIGHEST_START),
                bob,
                pledgeId,
                starts[i],
                THIRD_PARTY_FLOOR,
                THIRD_PARTY_DURATION
            );
        }
    }

    /// @dev L-2: nor a start price nobody would pay (up to 2^96 − 1), to stall the auction: the band ends at four
    /// times the reference price, 10.00.
    function test_RevertWhen_TheStartPriceIsAboveFourTimesTheReferencePrice() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        uint256[2] memory starts = [THIRD_PARTY_HIGHEST_START + 1, uint256(type(uint96).max)];
        for (uint256 i; i < starts.length; ++i) {
            _expectRefused(
                _outsideBand(starts[i], THIRD_PARTY_LOWEST_START, THIRD_PARTY_HIGHEST_START),
                bob,
                pledgeId,
                starts[i],
                THIRD_PARTY_FLOOR,
                THIRD_PARTY_DURATION
            );
        }
    }

    /// @dev L-2: only the debt may lift the band's top above four times the reference price, never the caller's own
    /// floor: a floor above the cap leaves no start price (start = floor = 2^96 - 1 would stall the collateral).
    function test_RevertWhen_TheFloorIsAboveTheCap() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        uint256 floor = THIRD_PARTY_HIGHEST_START + 1;
        _expectRefused(
            _outsideBand(floor, floor, THIRD_PARTY_HIGHEST_START), bob, pledgeId, floor, floor, THIRD_PARTY_DURATION
        );
        uint256 absurd = type(uint96).max;
        _expectRefused(
            _outsideBand(absurd, absurd, THIRD_PARTY_HIGHEST_START), bob, pledgeId, absurd, absurd, THIRD_PARTY_DURATION
        );
    }

    /// @dev A debt worth more per unit than four times the reference price (a large fee) lifts the top of the band to
    /// the debt per unit, rounded up: a third party may then sell at that fixed price, which repays the debt.
    function test_RevertWhen_TheDebtPerUnitIsAboveFourTimesTheReferencePrice() external {
        uint256 debtPerUnit = THIRD_PARTY_HIGHEST_START + 1e6;
        uint256 pledgeId =
            _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, debtPerUnit * PLEDGE_UNITS - PRINCIPAL, maturity);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(maturity + lending.AUCTION_GRACE());
        _expectRefused(
            _outsideBand(debtPerUnit + 1, debtPerUnit, debtPerUnit),
            bob,
            pledgeId,
            debtPerUnit + 1,
            debtPerUnit,
            THIRD_PARTY_DURATION
        );
        _startAuction(bob, pledgeId, debtPerUnit, debtPerUnit, THIRD_PARTY_DURATION);
        _assertStarted(pledgeId, debtPerUnit, debtPerUnit, block.timestamp + THIRD_PARTY_DURATION);
        assertEq(lending.auctionPriceAt(pledgeId, block.timestamp + THIRD_PARTY_DURATION / 2), debtPerUnit, "fixed");
    }

    /// @dev L-1: a third party's auction runs at least a day (THIRD_PARTY_AUCTION_DURATION), so that bidders compete;
    /// the lender's hour is not enough.
    function test_RevertWhen_TheDurationIsShorterThanTHIRDPARTYAUCTIONDURATION() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        uint256 earliest = block.timestamp + lending.THIRD_PARTY_AUCTION_DURATION();
        uint40[3] memory durations = [THIRD_PARTY_DURATION - 1, AUCTION_DURATION, lending.MIN_AUCTION_DURATION()];
        for (uint256 i; i < durations.length; ++i) {
            _expectRefused(
                _invalidEnd(block.timestamp + durations[i], earliest, _latestAuctionEnd()),
                bob,
                pledgeId,
                THIRD_PARTY_LOWEST_START,
                THIRD_PARTY_FLOOR,
                durations[i]
            );
        }
    }

    /// @dev The least a third party may sell for: a floor repaying the debt exactly, from either edge of the band, for
    /// a day or until the latest end.
    function test_When_TheFloorValueIsExactlyPrincipalPlusFee() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        assertEq(THIRD_PARTY_FLOOR * PLEDGE_UNITS, OWED);
        uint256 snapshot = vm.snapshotState();
        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralAuctionStarted(
            pledgeId,
            bob,
            THIRD_PARTY_LOWEST_START,
            THIRD_PARTY_FLOOR,
            uint40(block.timestamp),
            uint40(block.timestamp + THIRD_PARTY_DURATION)
        );
        _startAuction(bob, pledgeId, THIRD_PARTY_LOWEST_START, THIRD_PARTY_FLOOR, THIRD_PARTY_DURATION);
        _assertStarted(pledgeId, THIRD_PARTY_LOWEST_START, THIRD_PARTY_FLOOR, block.timestamp + THIRD_PARTY_DURATION);
        assertEq(lending.pledge(pledgeId).lender, lender, "still the lender's pledge");
        vm.revertToState(snapshot);

        uint40 longest = uint40(_latestAuctionEnd() - block.timestamp);
        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralAuctionStarted(
            pledgeId,
            bob,
            THIRD_PARTY_HIGHEST_START,
            THIRD_PARTY_FLOOR,
            uint40(block.timestamp),
            uint40(_latestAuctionEnd())
        );
        _startAuction(bob, pledgeId, THIRD_PARTY_HIGHEST_START, THIRD_PARTY_FLOOR, longest);
        _assertStarted(pledgeId, THIRD_PARTY_HIGHEST_START, THIRD_PARTY_FLOOR, _latestAuctionEnd());
    }

    /// @dev AUCTION_GRACE (3 days) plus THIRD_PARTY_AUCTION_DURATION (1 day) exceeds MATURITY_MARGIN (1 day): a pledge
    /// maturing within four days of its latest auction end can never be auctioned by a third party, only by its
    /// lender — or closed by a repayment, which stays open. Here the pledge matures an hour before the latest end.
    function test_RevertWhen_TheGraceEndsLessThanTHIRDPARTYAUCTIONDURATIONBeforeTheLatestEnd() external {
        uint40 mat = uint40(_latestAuctionEnd() - lending.MIN_AUCTION_DURATION());
        uint256 pledgeId = _activePledgeMaturingAt(mat);
        uint256 snapshot = vm.snapshotState();
        vm.warp(uint256(mat) + lending.AUCTION_GRACE());
        uint256 earliest = block.timestamp + THIRD_PARTY_DURATION;
        _expectRefused(
            _invalidEnd(earliest, earliest, _latestAuctionEnd()),
            bob,
            pledgeId,
            THIRD_PARTY_LOWEST_START,
            THIRD_PARTY_FLOOR,
            THIRD_PARTY_DURATION
        );
        // The lender can, at maturity, for an hour.
        vm.revertToState(snapshot);
        vm.warp(mat);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, lending.MIN_AUCTION_DURATION());
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, _latestAuctionEnd());
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

    /// @dev The lender chooses its own terms: below twice the reference price (the default auction starts at 3.00), or
    /// above four times it, even after the grace.
    function test_When_TheStartPriceIsOutsideTheThirdPartiesBand() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + lending.AUCTION_GRACE());
        assertLt(AUCTION_START, THIRD_PARTY_LOWEST_START);
        uint256 snapshot = vm.snapshotState();
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION);
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, block.timestamp + AUCTION_DURATION);
        vm.revertToState(snapshot);
        _startAuction(lender, pledgeId, THIRD_PARTY_HIGHEST_START + 1, AUCTION_FLOOR, AUCTION_DURATION);
        _assertStarted(pledgeId, THIRD_PARTY_HIGHEST_START + 1, AUCTION_FLOOR, block.timestamp + AUCTION_DURATION);
    }

    function test_RevertWhen_TheDurationIsShorterThanMINAUCTIONDURATION() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        uint40 duration = lending.MIN_AUCTION_DURATION() - 1;
        _expectRefused(
            _invalidEnd(block.timestamp + duration, block.timestamp + duration + 1, _latestAuctionEnd()),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            duration
        );
        _expectRefused(
            _invalidEnd(block.timestamp, block.timestamp + duration + 1, _latestAuctionEnd()),
            lender,
            pledgeId,
            AUCTION_START,
            AUCTION_FLOOR,
            0
        );
    }

    /// @dev L-2: unsold units settle to the lender with a day of the lot left to redeem or sell them: an auction ending
    /// a second later, or at the lot's end, is refused.
    function test_RevertWhen_TheAuctionWouldEndLaterThanMATURITYMARGINBeforeTheLotsEnd() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        uint256 earliest = block.timestamp + lending.MIN_AUCTION_DURATION();
        uint256[2] memory ends = [_latestAuctionEnd() + 1, uint256(endsAt)];
        for (uint256 i; i < ends.length; ++i) {
            _expectRefused(
                _invalidEnd(ends[i], earliest, _latestAuctionEnd()),
                lender,
                pledgeId,
                AUCTION_START,
                AUCTION_FLOOR,
                uint40(ends[i] - block.timestamp)
            );
        }
    }

    /// @dev A pledge maturing at the latest the lot allows (MATURITY_MARGIN before its end) matures at the latest
    /// auction end: no auction fits, not even the lender's shortest; the lender claims the units.
    function test_RevertWhen_TheMaturityLeavesLessThanMINAUCTIONDURATIONBeforeTheLatestEnd() external {
        uint40 mat = uint40(_latestAuctionEnd());
        uint256 pledgeId = _activePledgeMaturingAt(mat);
        vm.warp(mat);
        uint256 minDuration = lending.MIN_AUCTION_DURATION();
        _expectRefused(
            _invalidEnd(block.timestamp + minDuration, block.timestamp + minDuration, _latestAuctionEnd()),
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

    /// @dev A lot whose window has ended leaves no room for an auction (its units could not be sold); the lender can
    /// still claim them.
    function test_RevertWhen_TheLotsWindowHasEnded() external {
        uint256 pledgeId = _activePledgeMaturingAt(uint40(_latestAuctionEnd()));
        vm.warp(endsAt);
        uint256 minDuration = lending.MIN_AUCTION_DURATION();
        _expectRefused(
            _invalidEnd(uint256(endsAt) + minDuration, uint256(endsAt) + minDuration, _latestAuctionEnd()),
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

    function test_When_TheAuctionLastsExactlyMINAUCTIONDURATIONOrEndsExactlyAtTheLatestEnd() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity);
        uint256 snapshot = vm.snapshotState();
        uint40 minDuration = lending.MIN_AUCTION_DURATION();
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, minDuration);
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, block.timestamp + minDuration);
        vm.revertToState(snapshot);

        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, uint40(_latestAuctionEnd() - block.timestamp));
        _assertStarted(pledgeId, AUCTION_START, AUCTION_FLOOR, _latestAuctionEnd());
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
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "the holder keeps the advance");
        assertEq(escrow.claimable(lender, address(usdc)), 0, "nothing credited yet");
        assertEq(token.balanceOf(lender, lotId), 0, "no unit moved");
        _assertLendingHoldsNothing();

        // The pledge can no longer be closed by a repayment.
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Auctioning
            )
        );
        vm.prank(alice);
        lending.repay(pledgeId);
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS, "still locked");
        // While nothing sold the lender may still take the units (L-2: claimCollateral.t.sol).
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Claimed);
    }
}
