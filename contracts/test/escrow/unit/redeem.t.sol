// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract Redeem_Unit_Test is EscrowBase {
    uint256 internal constant BOND = UNITS * PRICE;

    function _expectRedeemRevert(address holder, uint256 units, bytes memory err) internal {
        vm.expectRevert(err);
        vm.prank(holder);
        escrow.redeem(lotId, units);
    }

    function test_RevertWhen_TheLotDoesNotExist() external {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, 42));
        vm.prank(alice);
        escrow.redeem(42, 1);
    }

    function test_RevertWhen_TheLotsWindowHasEnded() external {
        vm.warp(endsAt);
        _expectRedeemRevert(
            alice, 1, abi.encodeWithSelector(IComputeEscrow.Escrow_RedemptionClosed.selector, lotId, endsAt)
        );
    }

    function test_When_TheWindowEndedDuringAPause() external {
        vm.warp(endsAt - 1 hours);
        vm.prank(pauser);
        token.pause();
        vm.warp(endsAt + 2 days);
        vm.prank(pauser);
        token.unpause();
        uint256 id = _redeem(alice, 10); // inside the cure
        assertEq(escrow.redemption(id).deadline, block.timestamp + GRACE, "deadline runs from the redemption");
        vm.warp(block.timestamp + token.PAUSE_CURE());
        _expectRedeemRevert(
            alice,
            1,
            abi.encodeWithSelector(IComputeEscrow.Escrow_RedemptionClosed.selector, lotId, uint40(block.timestamp))
        );
    }

    function test_RevertWhen_TheUnitsAreZero() external {
        _expectRedeemRevert(alice, 0, abi.encodeWithSelector(IComputeEscrow.Escrow_ZeroUnits.selector));
    }

    function test_RevertWhen_TheUnitsExceedUint64() external {
        uint256 units = uint256(type(uint64).max) + 1;
        _expectRedeemRevert(
            alice, units, abi.encodeWithSelector(IComputeEscrow.Escrow_UnitsOverflow.selector, units, type(uint64).max)
        );
    }

    function test_When_MoreUnitsWereIssuedAfterTheFirstIssue() external {
        // Issuing pulls the extra bond, so every outstanding unit stays redeemable.
        vm.prank(provider);
        token.issue(lotId, alice, 10);
        assertEq(_bondTotal(lotId), BOND + 10 * PRICE, "bond follows the issue");
        _redeem(alice, UNITS + 10);
        assertEq(_bondReserved(lotId), BOND + 10 * PRICE);
    }

    function test_When_TheBondIsPartlyReservedByEarlierRedemptions() external {
        _redeem(alice, 600);
        vm.prank(provider);
        token.issue(lotId, alice, 1);
        _redeem(alice, 401); // the unreserved part covers exactly the outstanding units
        assertEq(_bondReserved(lotId), BOND + PRICE);
        assertEq(_bondTotal(lotId), BOND + PRICE);
    }

    function test_When_TheLotsBondCoverageIsBelow100() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.bondCoverageBps = 3333;
        spec.metadataHash = keccak256("partly covered");
        vm.prank(provider);
        uint256 id = token.issueLot(spec, alice, 7);
        uint256 unitCover = (uint256(PRICE) * 3333 + 9999) / 10_000; // rounded up
        assertEq(_bondTotal(id), 7 * unitCover, "bond at the lot's coverage");
        vm.prank(alice);
        uint256 redemptionId = escrow.redeem(id, 3);
        assertEq(escrow.redemption(redemptionId).reserved, 3 * unitCover, "reserve per unit = unitCover");
    }

    function test_RevertWhen_TheUnitsArePledged() external {
        _requestPledge(alice, UNITS, lender, PRINCIPAL, FEE, maturity);
        _expectRedeemRevert(
            alice,
            1,
            abi.encodeWithSelector(
                IComputeCapacityToken.ComputeToken_InsufficientUnlockedBalance.selector, alice, lotId, 0, 1
            )
        );
        assertEq(_bondReserved(lotId), 0, "reserve rolled back");
        assertEq(token.balanceOf(alice, lotId), UNITS);
    }

    function test_RevertWhen_TheHolderLacksTheUnits() external {
        _expectRedeemRevert(
            bob, 1, abi.encodeWithSelector(IERC1155Errors.ERC1155InsufficientBalance.selector, bob, 0, 1, lotId)
        );
    }

    function test_RevertWhen_TheHolderIsNoLongerAllowlisted() external {
        vm.prank(compliance);
        token.setAllowed(alice, false);
        _expectRedeemRevert(
            alice, 1, abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderNotAllowed.selector, alice)
        );
    }

    function test_RevertWhen_TheTokenIsPaused() external {
        vm.prank(pauser);
        token.pause();
        _expectRedeemRevert(alice, 1, abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        assertEq(_bondReserved(lotId), 0);
    }

    /// @dev The pool's attested count is 5 below the counter's limit: 10 more units cannot get a place.
    function test_RevertWhen_ThePoolsDeliveryQueueWouldPassTypeUint64Max() external {
        _reportPool(1, 10_000, type(uint64).max - 5);
        _expectRedeemRevert(
            alice,
            10,
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_DeliveryQueueOverflow.selector, POOL, uint256(type(uint64).max) + 5
            )
        );
        _redeem(alice, 5); // 5 still fit
        assertEq(escrow.deliveryQueued(POOL), type(uint64).max);
    }

    function test_When_TheDeliveryWindowHasNotStartedYet() external {
        assertLt(block.timestamp, token.lot(lotId).startsAt);
        uint256 redemptionId = _redeem(alice, 1);
        assertEq(uint8(_redemptionStatus(redemptionId)), uint8(IComputeEscrow.RedemptionStatus.Open));
    }

    function test_When_ThePoolHasAttestedHoursBeyondTheEndOfItsQueue() external {
        uint256 first = _redeem(alice, 10); // queue 0 .. 10
        _reportPool(1, 10_000, 300);
        uint256 second = _redeem(alice, 20);
        assertEq(escrow.redemption(first).deliveredBy, 10);
        assertEq(escrow.redemption(second).deliveredBy, 320, "hours before opening do not count");
        assertEq(escrow.deliveryQueued(POOL), 320);
    }

    function test_When_EarlierRedemptionsQueuedBeyondTheAttestedCount() external {
        _reportPool(1, 10_000, 30);
        _redeem(alice, 100); // 30 .. 130
        uint256 second = _redeem(alice, 20);
        assertEq(escrow.redemption(second).deliveredBy, 150);
        assertEq(escrow.deliveryQueued(POOL), 150);
    }

    /// @dev `redeem` reads `latest`, not `latestFresh`: a stale or revoked count still marks hours as delivered
    /// before the redemption (the queue can only start later, never earlier).
    function test_When_ThePoolsLatestReportIsStaleOrRevoked() external {
        _reportPool(1, 10_000, 300);
        vm.warp(block.timestamp + 2 days);
        vm.prank(admin);
        oracle.setReporters(_firstReporters(3), 2);
        uint256 id = _redeem(alice, 20);
        assertEq(escrow.redemption(id).deliveredBy, 320);
    }

    function test_When_LotsOfDifferentPoolsAreRedeemed() external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.poolId = POOL_2;
        spec.metadataHash = keccak256("pool 2 lot");
        vm.prank(provider);
        uint256 other = token.issueLot(spec, alice, 50);
        _redeem(alice, 10);
        vm.prank(alice);
        uint256 id = escrow.redeem(other, 7);
        assertEq(escrow.redemption(id).deliveredBy, 7, "POOL_2 has its own queue");
        assertEq(escrow.deliveryQueued(POOL), 10);
        assertEq(escrow.deliveryQueued(POOL_2), 7);
    }

    function test_When_AllChecksPass() external {
        vm.warp(block.timestamp + 2 days); // inside the window
        uint256 units = 250;
        uint256 reserve = units * PRICE;
        uint40 deadline = endsAt + GRACE;

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.RedemptionOpened(1, alice, lotId, units, reserve, deadline);
        vm.expectEmit(address(token));
        emit IComputeCapacityToken.UnitsRedeemed(lotId, alice, units);
        uint256 redemptionId = _redeem(alice, units);

        assertEq(redemptionId, 1);
        IComputeEscrow.Redemption memory r = escrow.redemption(redemptionId);
        assertEq(r.holder, alice);
        assertEq(r.openedAt, block.timestamp);
        assertEq(r.deadline, deadline);
        assertEq(uint8(r.status), uint8(IComputeEscrow.RedemptionStatus.Open));
        assertEq(r.units, units);
        assertEq(r.reserved, reserve);
        assertEq(r.deliveredBy, units, "first place of an empty queue");
        assertEq(r.lotId, lotId);
        assertEq(escrow.deliveryQueued(POOL), units);

        assertEq(token.balanceOf(alice, lotId), UNITS - units, "burned");
        assertEq(token.totalSupply(lotId), UNITS - units);
        assertEq(token.lot(lotId).unitsBurned, units);
        assertEq(_bondTotal(lotId), BOND, "total unchanged");
        assertEq(_bondReserved(lotId), reserve, "reserved");

        assertEq(_redeem(alice, 1), 2, "sequential id");
        assertEq(escrow.redemption(2).deliveredBy, units + 1, "queued behind the first");
    }
}
