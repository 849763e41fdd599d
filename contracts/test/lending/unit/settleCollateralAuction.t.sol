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

    /// @dev The unsold units stayed with the holder, unlocked (it can move every unit).
    function _assertToHolder(address lender_) internal {
        assertEq(token.balanceOf(lender_, lotId), 0, "the lender got no unit");
        assertEq(token.balanceOf(alice, lotId), UNITS, "the holder keeps its units");
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, UNITS, ""); // free to move
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
        uint256 pledgeId = _auctionedPledge();
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
        assertEq(escrow.claimable(lender), 0);
        assertEq(escrow.claimable(alice), PRINCIPAL, "the holder keeps the advance");
        _assertLendingHoldsNothing();
    }

    /// @dev 60 units sold at 3.00 (180e6: OWED to the lender, 75e6 to the holder); the 40 left go to the lender.
    function test_When_SomeUnitsSoldBeforeTheEnd() external {
        uint256 pledgeId = _auctionedPledge();
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
        assertEq(escrow.claimable(lender), OWED);
        assertEq(escrow.claimable(alice), PRINCIPAL + 60 * AUCTION_START - OWED);
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

    /// @dev A frozen lender cannot take the units: they are unlocked for the holder so the pledge still closes; the
    /// lender keeps whatever sales paid it.
    function test_When_TheLenderIsFrozen() external {
        uint256 pledgeId = _auctionedPledge();
        _buyAt(bob, pledgeId, 10); // 30e6 to the lender
        vm.prank(compliance);
        token.setFrozen(lender, true);
        vm.warp(block.timestamp + AUCTION_DURATION);
        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralAuctionSettled(pledgeId, 90, false);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsUnlocked(alice, lotId, 90);
        lending.settleCollateralAuction(pledgeId);

        _assertSettled(pledgeId);
        assertEq(token.balanceOf(lender, lotId), 0);
        assertEq(token.balanceOf(alice, lotId), UNITS - 10, "the holder keeps the unsold units");
        assertEq(escrow.claimable(lender), 30e6, "the lender keeps what the sale paid");
        vm.prank(alice);
        token.safeTransferFrom(alice, bob, lotId, UNITS - 10, ""); // free to move
    }

    function test_When_TheLenderIsNoLongerAllowlisted() external {
        uint256 pledgeId = _endedAuction();
        vm.prank(compliance);
        token.setAllowed(lender, false);
        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralAuctionSettled(pledgeId, PLEDGE_UNITS, false);
        lending.settleCollateralAuction(pledgeId);
        _assertSettled(pledgeId);
        _assertToHolder(lender);
    }

    /// @dev A contract lender whose code no longer declares IERC1155Receiver (etched here to one STOP opcode, as an
    /// upgraded proxy might) fails `receiverStatus` with InvalidReceiver: the units are unlocked for the holder.
    function test_When_TheLendersWalletNoLongerAcceptsERC1155Units() external {
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

        vm.expectEmit(address(lending));
        emit IComputeLending.CollateralAuctionSettled(pledgeId, PLEDGE_UNITS, false);
        lending.settleCollateralAuction(pledgeId);
        _assertSettled(pledgeId);
        _assertToHolder(address(wallet));
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

    /// @dev A seizure skips the lot's expiry check: after the lot's window the unsold units still reach the lender.
    function test_When_TheLotsWindowHasEnded() external {
        uint40 mat = endsAt - lending.MATURITY_MARGIN();
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, FEE, mat);
        vm.prank(lender);
        lending.fundPledge(pledgeId);
        vm.warp(mat);
        _startAuction(lender, pledgeId, AUCTION_START, AUCTION_FLOOR, lending.MATURITY_MARGIN());
        assertEq(lending.auctionOf(pledgeId).endsAt, endsAt, "ends with the lot");
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
