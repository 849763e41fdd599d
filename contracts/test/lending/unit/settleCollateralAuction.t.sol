// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {ReentrantTrader} from "../../market/utils/ReentrantTrader.sol";
import {LendingBase} from "../LendingBase.sol";

/// @notice Branching-tree tests of `settleCollateralAuction` (see settleCollateralAuction.tree).
contract SettleCollateralAuction_Unit_Test is LendingBase {
    /// @dev The default auction, run to its end with nothing sold.
    function _endedAuction() internal returns (uint256 pledgeId) {
        pledgeId = _auctionedPledge();
        vm.warp(block.timestamp + AUCTION_DURATION);
    }

    /// @dev Settled: Liquidated, nothing left in the auction, nothing locked for the holder.
    function _assertSettled(uint256 pledgeId) internal view {
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Liquidated);
        assertEq(lending.auctionOf(pledgeId).unitsLeft, 0, "no unit left in the auction");
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "nothing locked");
    }

    /// @dev The `units` unsold went to the lender, out of the holder's wallet.
    function _assertToLender(address lender_, uint256 units) internal view {
        assertEq(token.balanceOf(lender_, lotId), units, "unsold units to the lender");
        assertEq(token.balanceOf(alice, lotId), UNITS - PLEDGE_UNITS, "out of the holder's wallet");
    }

    /// @dev A settlement refused because the lender cannot receive: `status`, and the lot's redeemableUntil now.
    function _cannotReceive(uint256 pledgeId, IComputeCapacityToken.TransferStatus status)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodeWithSelector(
            IComputeLending.Lending_LenderCannotReceive.selector, pledgeId, status, token.redeemableUntil(lotId)
        );
    }

    /// @dev Refused as `err`: still Auctioning, every unsold unit (`unitsLeft`) still locked in the holder's wallet.
    function _expectWaits(bytes memory err, uint256 pledgeId, uint256 unitsLeft) internal {
        vm.expectRevert(err);
        lending.settleCollateralAuction(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
        assertEq(lending.auctionOf(pledgeId).unitsLeft, unitsLeft, "nothing settled");
        assertEq(token.lockedBalanceOf(alice, lotId), unitsLeft, "the unsold units stay locked for the lender");
    }

    /*//////////////////////////////////////////////////////////////
                               STATUS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_ThePledgeIsActive() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity + 30 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Active
            )
        );
        lending.settleCollateralAuction(pledgeId);
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS);
    }

    function test_RevertWhen_TheAuctionWasAlreadySettled() external {
        uint256 pledgeId = _endedAuction();
        lending.settleCollateralAuction(pledgeId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Liquidated
            )
        );
        lending.settleCollateralAuction(pledgeId);
        _assertToLender(lender, PLEDGE_UNITS);
    }

    function test_RevertWhen_EveryUnitWasSold() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, PLEDGE_UNITS);
        vm.warp(block.timestamp + AUCTION_DURATION);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Liquidated
            )
        );
        lending.settleCollateralAuction(pledgeId);
        assertEq(token.balanceOf(lender, lotId), 0, "the lender gets money, not units");
    }

    /// @dev L-2: the lender took the units out of an auction that sold nothing; there is nothing left to settle.
    function test_RevertWhen_TheLenderClaimedOutOfTheAuction() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        vm.warp(lending.auctionOf(pledgeId).endsAt);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_WrongPledgeStatus.selector, pledgeId, IComputeLending.PledgeStatus.Claimed
            )
        );
        lending.settleCollateralAuction(pledgeId);
        _assertToLender(lender, PLEDGE_UNITS);
    }

    function test_RevertWhen_TheAuctionHasNotEnded() external {
        uint256 pledgeId = _auctionedPledge();
        uint40 auctionEnd = lending.auctionOf(pledgeId).endsAt;
        bytes memory err =
            abi.encodeWithSelector(IComputeLending.Lending_AuctionNotEnded.selector, pledgeId, auctionEnd);
        vm.expectRevert(err);
        vm.prank(lender);
        lending.settleCollateralAuction(pledgeId);
        vm.warp(auctionEnd - 1);
        vm.expectRevert(err);
        vm.prank(lender);
        lending.settleCollateralAuction(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
        assertEq(token.lockedBalanceOf(alice, lotId), PLEDGE_UNITS);
    }

    /*//////////////////////////////////////////////////////////////
                              TO THE LENDER
    //////////////////////////////////////////////////////////////*/

    function test_When_TheLenderCanReceiveUnits() external {
        uint256 pledgeId = _endedAuction();
        uint256 escrowUsdc = usdc.balanceOf(address(escrow));
        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralAuctionSettled(pledgeId, PLEDGE_UNITS, true);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsSeized(alice, lender, lotId, PLEDGE_UNITS);
        vm.prank(lender);
        lending.settleCollateralAuction(pledgeId);

        _assertSettled(pledgeId);
        _assertToLender(lender, PLEDGE_UNITS);
        assertEq(lending.auctionOf(pledgeId).paidToLender, 0, "nothing sold, nothing paid");
        assertEq(usdc.balanceOf(address(escrow)), escrowUsdc, "no stablecoin moved");
        assertEq(escrow.claimable(lender, address(usdc)), 0);
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL, "the holder keeps the advance");
        _assertLendingHoldsNothing();
    }

    /// @dev 60 units sold at 2.80 (168e6: OWED to the lender, 63e6 to the holder); the 40 left go to the lender.
    function test_When_SomeUnitsSoldBeforeTheEnd() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, 60);
        vm.warp(block.timestamp + AUCTION_DURATION);
        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralAuctionSettled(pledgeId, 40, true);
        lending.settleCollateralAuction(pledgeId);

        _assertSettled(pledgeId);
        assertEq(token.balanceOf(lender, lotId), 40, "the units left");
        assertEq(token.balanceOf(bob, lotId), 60, "the units bought");
        assertEq(token.balanceOf(alice, lotId), UNITS - PLEDGE_UNITS);
        assertEq(lending.auctionOf(pledgeId).paidToLender, OWED, "kept");
        assertEq(escrow.claimable(lender, address(usdc)), OWED);
        assertEq(escrow.claimable(alice, address(usdc)), PRINCIPAL + 60 * PRICE_AN_HOUR_IN - OWED);
        _assertExactlySolvent();
    }

    /// @dev Anyone may close an ended auction (a keeper, the holder, a buyer): the units still go to the lender.
    function test_When_AThirdPartySettles() external {
        uint256 pledgeId = _endedAuction();
        vm.prank(outsider);
        lending.settleCollateralAuction(pledgeId);
        _assertSettled(pledgeId);
        _assertToLender(lender, PLEDGE_UNITS);
        assertEq(token.balanceOf(outsider, lotId), 0);
    }

    /*//////////////////////////////////////////////////////////////
                      A LENDER THAT CANNOT RECEIVE
    //////////////////////////////////////////////////////////////*/

    /// @dev L-3: a frozen lender cannot take the units now, yet they are not handed back to the defaulted borrower:
    /// the settlement waits (the units stay locked for the lender) while the lot can be redeemed, and goes to the
    /// lender as soon as it can receive.
    function test_RevertWhen_TheLenderIsFrozen() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, 10); // 28e6 to the lender
        vm.prank(compliance);
        token.setFrozen(lender, true);
        vm.warp(lending.auctionOf(pledgeId).endsAt);
        assertEq(token.redeemableUntil(lotId), endsAt);
        bytes memory err = _cannotReceive(pledgeId, IComputeCapacityToken.TransferStatus.ReceiverFrozen);
        _expectWaits(err, pledgeId, 90);
        vm.warp(uint256(endsAt) - 1);
        _expectWaits(err, pledgeId, 90);

        vm.prank(compliance);
        token.setFrozen(lender, false);
        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralAuctionSettled(pledgeId, 90, true);
        lending.settleCollateralAuction(pledgeId);
        _assertSettled(pledgeId);
        assertEq(token.balanceOf(lender, lotId), 90, "the unsold units to the lender");
        assertEq(escrow.claimable(lender, address(usdc)), 10 * PRICE_AN_HOUR_IN, "and what the sale paid");
    }

    function test_RevertWhen_TheLenderIsNoLongerAllowlisted() external {
        uint256 pledgeId = _endedAuction();
        vm.prank(compliance);
        token.setAllowed(lender, false);
        _expectWaits(
            _cannotReceive(pledgeId, IComputeCapacityToken.TransferStatus.ReceiverNotAllowed), pledgeId, PLEDGE_UNITS
        );
        vm.prank(compliance);
        token.setAllowed(lender, true);
        lending.settleCollateralAuction(pledgeId);
        _assertSettled(pledgeId);
        _assertToLender(lender, PLEDGE_UNITS);
    }

    /// @dev A contract lender whose code no longer declares IERC1155Receiver (etched here to one STOP opcode, as an
    /// upgraded proxy might) fails `receiverStatus` with InvalidReceiver: the settlement waits for it too.
    function test_RevertWhen_TheLendersWalletNoLongerAcceptsERC1155Units() external {
        ReentrantTrader wallet = new ReentrantTrader();
        _onboard(address(wallet)); // allowlisted, funded, the lending module approved
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(wallet), PRINCIPAL, FEE, maturity);
        wallet.exec(address(lending), abi.encodeCall(lending.fundPledge, (pledgeId)));
        vm.warp(maturity);
        wallet.exec(
            address(lending),
            abi.encodeCall(lending.startCollateralAuction, (pledgeId, AUCTION_START, AUCTION_FLOOR, AUCTION_DURATION))
        );
        vm.warp(block.timestamp + AUCTION_DURATION);
        vm.etch(address(wallet), hex"00");
        assertEq(
            uint8(token.receiverStatus(address(wallet))), uint8(IComputeCapacityToken.TransferStatus.InvalidReceiver)
        );
        _expectWaits(
            _cannotReceive(pledgeId, IComputeCapacityToken.TransferStatus.InvalidReceiver), pledgeId, PLEDGE_UNITS
        );
        assertEq(token.balanceOf(address(wallet), lotId), 0);
    }

    /// @dev A token pause over the lot's end extends its redemption (redeemableUntil: indefinitely while it lasts,
    /// then until PAUSE_CURE after the unpause), and the settlement for a lender that cannot receive waits as long.
    function test_RevertWhen_ATokenPauseExtendedTheLotsRedemption() external {
        uint256 pledgeId = _endedAuction();
        vm.prank(compliance);
        token.setFrozen(lender, true);
        vm.warp(uint256(endsAt) - 1 hours);
        vm.prank(pauser);
        token.pause();
        vm.warp(uint256(endsAt) + 1 hours);
        assertEq(token.redeemableUntil(lotId), type(uint40).max, "while the pause lasts");
        bytes memory frozen = abi.encodeWithSelector(
            IComputeLending.Lending_LenderCannotReceive.selector,
            pledgeId,
            IComputeCapacityToken.TransferStatus.ReceiverFrozen,
            type(uint40).max
        );
        _expectWaits(frozen, pledgeId, PLEDGE_UNITS);

        vm.prank(pauser);
        token.unpause();
        uint256 until = block.timestamp + token.PAUSE_CURE();
        assertEq(token.redeemableUntil(lotId), until, "PAUSE_CURE after the unpause");
        _expectWaits(
            _cannotReceive(pledgeId, IComputeCapacityToken.TransferStatus.ReceiverFrozen), pledgeId, PLEDGE_UNITS
        );
        vm.warp(until - 1);
        _expectWaits(
            _cannotReceive(pledgeId, IComputeCapacityToken.TransferStatus.ReceiverFrozen), pledgeId, PLEDGE_UNITS
        );
        vm.warp(until);
        lending.settleCollateralAuction(pledgeId);
        _assertSettled(pledgeId);
        assertEq(token.balanceOf(alice, lotId), UNITS, "unlocked for the holder only then");
    }

    /// @dev Once the lot can no longer be redeemed (from its redeemableUntil on), the units are worthless to anyone: a
    /// lender that still cannot receive them no longer keeps the pledge open, and they are unlocked for the holder.
    /// The lender keeps whatever sales paid it.
    function test_When_TheLotCanNoLongerBeRedeemed() external {
        uint256 pledgeId = _auctionedPledgeAnHourIn();
        _buyAt(bob, pledgeId, 10); // 28e6 to the lender
        vm.prank(compliance);
        token.setFrozen(lender, true);
        vm.warp(token.redeemableUntil(lotId));
        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralAuctionSettled(pledgeId, 90, false);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsUnlocked(alice, lotId, 90);
        lending.settleCollateralAuction(pledgeId);

        _assertSettled(pledgeId);
        assertEq(token.balanceOf(lender, lotId), 0);
        assertEq(token.balanceOf(alice, lotId), UNITS - 10, "the holder keeps the unsold units");
        assertEq(escrow.claimable(lender, address(usdc)), 10 * PRICE_AN_HOUR_IN, "the lender keeps what the sale paid");
        _assertExactlySolvent();
    }

    /*//////////////////////////////////////////////////////////////
                          HOLDER, LOT, TOKEN
    //////////////////////////////////////////////////////////////*/

    function test_When_TheHolderIsFrozen() external {
        uint256 pledgeId = _endedAuction();
        vm.prank(compliance);
        token.setFrozen(alice, true);
        lending.settleCollateralAuction(pledgeId);
        _assertSettled(pledgeId);
        _assertToLender(lender, PLEDGE_UNITS);
    }

    /// @dev A seizure skips the lot's expiry check: an auction ending at the latest (a day before the lot) and settled
    /// only after the lot's window still gives the lender its unsold units.
    function test_When_TheLotsWindowHasEnded() external {
        uint40 mat = uint40(_latestAuctionEnd() - lending.MIN_AUCTION_DURATION());
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, FEE, mat);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(mat);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, lending.MIN_AUCTION_DURATION());
        assertEq(lending.auctionOf(pledgeId).endsAt, _latestAuctionEnd(), "ends a day before the lot");
        vm.warp(uint256(endsAt) + 30 days);
        lending.settleCollateralAuction(pledgeId);
        _assertSettled(pledgeId);
        _assertToLender(lender, PLEDGE_UNITS);
    }

    /// @dev A seizure is not a forced transfer: while the token is paused the settlement waits, then goes through.
    function test_RevertWhen_TheTokenIsPausedAndTheLenderCanReceiveUnits() external {
        uint256 pledgeId = _endedAuction();
        vm.prank(pauser);
        token.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        lending.settleCollateralAuction(pledgeId);
        _assertStatus(pledgeId, IComputeLending.PledgeStatus.Auctioning);
        assertEq(lending.auctionOf(pledgeId).unitsLeft, PLEDGE_UNITS, "nothing settled");

        vm.prank(pauser);
        token.unpause();
        lending.settleCollateralAuction(pledgeId);
        _assertSettled(pledgeId);
        _assertToLender(lender, PLEDGE_UNITS);
    }
}
