// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract ConfirmDeliveryByOracle_Unit_Test is EscrowBase {
    uint64 internal constant REDEEMED = 40;
    uint256 internal constant RESERVE = REDEEMED * uint256(PRICE);
    uint256 internal redemptionId;

    function setUp() public override {
        super.setUp();
        vm.warp(block.timestamp + 2 days);
        redemptionId = _redeem(alice, REDEEMED);
        vm.warp(block.timestamp + 1 hours);
    }

    /// @dev Expects `confirmDeliveryByOracle(id)` to revert with `err`.
    function _expectConfirmRevert(uint256 id, bytes memory err) internal {
        vm.expectRevert(err);
        escrow.confirmDeliveryByOracle(id);
    }

    /// @dev `Escrow_NoReportSinceRedemption` for redemption `id` when the pool's latest report was observed at
    /// `observedAt` (0: none).
    function _noReportSince(uint256 id, uint64 observedAt) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IComputeEscrow.Escrow_NoReportSinceRedemption.selector, id, observedAt, escrow.redemption(id).openedAt
        );
    }

    /// @dev `Escrow_InsufficientDeliveredHours` for redemption `id` when the pool's attested cumulative count is
    /// `delivered` (the redemption's place in the queue is read from the escrow).
    function _insufficientHours(uint256 id, uint64 delivered) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IComputeEscrow.Escrow_InsufficientDeliveredHours.selector, id, delivered, escrow.redemption(id).deliveredBy
        );
    }

    function _delivered(uint256 id) internal view returns (bool) {
        return _redemptionStatus(id) == IComputeEscrow.RedemptionStatus.Delivered;
    }

    function test_RevertWhen_TheRedemptionDoesNotExist() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_WrongRedemptionStatus.selector, 9, IComputeEscrow.RedemptionStatus.None
            )
        );
        escrow.confirmDeliveryByOracle(9);
    }

    function test_RevertWhen_TheRedemptionIsAlreadyDelivered() external {
        vm.prank(alice);
        escrow.confirmDelivery(redemptionId);
        _reportPool(1, 10_000, 1000);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_WrongRedemptionStatus.selector,
                redemptionId,
                IComputeEscrow.RedemptionStatus.Delivered
            )
        );
        escrow.confirmDeliveryByOracle(redemptionId);
    }

    function test_RevertWhen_TheRedemptionIsRefunded() external {
        _reportPool(1, 5000, 0);
        escrow.claimRefund(redemptionId);
        vm.warp(block.timestamp + 1);
        _reportPool(2, 10_000, 1000);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_WrongRedemptionStatus.selector,
                redemptionId,
                IComputeEscrow.RedemptionStatus.Refunded
            )
        );
        escrow.confirmDeliveryByOracle(redemptionId);
    }

    /// @dev With no report for the pool the escrow reads an empty one (observed at 0) and raises its own error, not
    /// the oracle's `Oracle_NoReport(poolId)`.
    function test_RevertWhen_ThePoolHasNoReport() external {
        _expectConfirmRevert(redemptionId, _noReportSince(redemptionId, 0));
    }

    /// @dev Regression (a review finding, fixed): DELIVERY_GRACE is "the time within which delivery must be confirmed", and after the deadline
    /// the holder is owed a refund; but confirmDeliveryByOracle has no deadline check, so after the deadline anyone
    /// can front-run the holder's claimRefund with a report of late delivery and pay the reserve to the provider.
    function test_RevertWhen_TheDeadlineHasPassed() external {
        uint40 deadline = endsAt + GRACE;
        vm.warp(deadline + 1);
        _reportPool(1, 10_000, 1000); // late delivery, observed after the deadline

        _expectConfirmRevert(
            redemptionId,
            abi.encodeWithSelector(IComputeEscrow.Escrow_DeliveryDeadlinePassed.selector, redemptionId, deadline)
        );

        // The holder's refund must stay available.
        escrow.claimRefund(redemptionId);
        assertEq(escrow.claimable(alice, address(usdc)), RESERVE);
    }

    function test_When_TheTimeEqualsTheDeadline() external {
        vm.warp(endsAt + GRACE);
        _reportPool(1, 10_000, 1000);
        escrow.confirmDeliveryByOracle(redemptionId);
        assertEq(escrow.claimable(provider, address(usdc)), RESERVE);
    }

    /// @dev The oracle still returns the report (`latest`), but the escrow decides only on fresh ones.
    function test_RevertWhen_TheLatestReportIsOlderThanREPORTMAXAGE() external {
        _reportPool(1, 10_000, 1000);
        vm.warp(block.timestamp + escrow.REPORT_MAX_AGE() + 1);
        assertGe(oracle.latest(POOL).observedAt, escrow.redemption(redemptionId).openedAt);
        _expectConfirmRevert(redemptionId, _noReportSince(redemptionId, 0));
    }

    function test_When_TheLatestReportIsExactlyREPORTMAXAGEOld() external {
        _reportPool(1, 10_000, 1000);
        vm.warp(block.timestamp + escrow.REPORT_MAX_AGE());
        escrow.confirmDeliveryByOracle(redemptionId);
        assertTrue(_delivered(redemptionId));
    }

    /// @dev Replacing the reporters (here: the same set, a new version) revokes every report signed before; a report
    /// of the new configuration confirms again.
    function test_RevertWhen_TheLatestReportWasSignedUnderAReplacedReporterConfiguration() external {
        _reportPool(1, 10_000, 1000);
        vm.prank(admin);
        oracle.setReporters(_firstReporters(3), 2);
        _expectConfirmRevert(redemptionId, _noReportSince(redemptionId, 0));

        _reportPool(2, 10_000, 1000);
        escrow.confirmDeliveryByOracle(redemptionId);
        assertTrue(_delivered(redemptionId));
    }

    function test_RevertWhen_TheLatestReportWasObservedBeforeTheRedemptionOpened() external {
        _reportPool(1, 10_000, 1000);
        uint64 observedAt = oracle.latest(POOL).observedAt;
        vm.warp(block.timestamp + 1);
        uint256 later = _redeem(alice, REDEEMED);
        _expectConfirmRevert(later, _noReportSince(later, observedAt));
    }

    function test_RevertWhen_TheReportedUptimeIsBelowTheLotsSLA() external {
        _reportPool(1, SLA - 1, 1000);
        _expectConfirmRevert(
            redemptionId,
            abi.encodeWithSelector(IComputeEscrow.Escrow_UptimeBelowSla.selector, redemptionId, SLA - 1, SLA)
        );
    }

    function test_RevertWhen_ThePoolsCumulativeDeliveredGPUHoursAreBelowTheRedemptionsDeliveredBy() external {
        assertEq(escrow.redemption(redemptionId).deliveredBy, REDEEMED, "first in an empty queue");
        _reportPool(1, 10_000, REDEEMED - 1);
        _expectConfirmRevert(redemptionId, _insufficientHours(redemptionId, REDEEMED - 1));
    }

    /// @dev O-3: before, all of a redemption's units had to fall inside one epoch's delivered hours.
    function test_When_TheHoursWereDeliveredOverSeveralEpochs() external {
        for (uint64 epoch = 1; epoch < 4; ++epoch) {
            _reportPool(epoch, 10_000, 10 * epoch);
            _expectConfirmRevert(redemptionId, _insufficientHours(redemptionId, 10 * epoch));
            vm.warp(block.timestamp + 1 hours);
        }
        _reportPool(4, 10_000, 40);
        escrow.confirmDeliveryByOracle(redemptionId);
        assertTrue(_delivered(redemptionId));
    }

    /// @dev The second redemption's own 40 units are covered by the 60 attested hours, but its place is 41 .. 80.
    function test_RevertWhen_AnEarlierRedemptionOfThePoolIsAheadInTheQueue() external {
        uint256 second = _redeem(alice, REDEEMED);
        assertEq(escrow.redemption(second).deliveredBy, 2 * REDEEMED);
        _reportPool(1, 10_000, REDEEMED + REDEEMED / 2);

        _expectConfirmRevert(second, _insufficientHours(second, REDEEMED + REDEEMED / 2));
        escrow.confirmDeliveryByOracle(redemptionId);
        _expectConfirmRevert(second, _insufficientHours(second, REDEEMED + REDEEMED / 2));
    }

    function test_RevertWhen_TheRedemptionIsQueuedBehindOneOfAnotherLotOfTheSamePool() external {
        uint256 otherLot = _secondLotHeldBy(bob, 100);
        vm.prank(bob);
        uint256 other = escrow.redeem(otherLot, REDEEMED);
        assertEq(escrow.deliveryQueued(POOL), 2 * REDEEMED, "one queue per pool, across lots");
        _reportPool(1, 10_000, REDEEMED);

        _expectConfirmRevert(other, _insufficientHours(other, REDEEMED));
        escrow.confirmDeliveryByOracle(redemptionId);
    }

    function test_When_TheCountCoversEveryQueuedRedemption() external {
        uint256 second = _redeem(alice, REDEEMED);
        _reportPool(1, 10_000, 2 * REDEEMED);
        escrow.confirmDeliveryByOracle(second); // the later one first: each has its own hours
        escrow.confirmDeliveryByOracle(redemptionId);
        assertTrue(_delivered(second) && _delivered(redemptionId));
        assertEq(escrow.claimable(provider, address(usdc)), 2 * RESERVE);
    }

    /// @dev 500 hours were attested before the redemption opened: its place is 501 .. 540, not 1 .. 40.
    function test_RevertWhen_HoursWereAttestedBeforeTheRedemptionOpened() external {
        _reportPool(1, 10_000, 500);
        vm.warp(block.timestamp + 1);
        uint256 later = _redeem(alice, REDEEMED);
        assertEq(escrow.redemption(later).deliveredBy, 500 + REDEEMED);

        vm.warp(block.timestamp + 1 hours);
        _reportPool(2, 10_000, 500 + REDEEMED - 1);
        _expectConfirmRevert(later, _insufficientHours(later, 500 + REDEEMED - 1));
        vm.warp(block.timestamp + 1 hours);
        _reportPool(3, 10_000, 500 + REDEEMED);
        escrow.confirmDeliveryByOracle(later);
        assertTrue(_delivered(later));
    }

    function test_When_TheReportIsObservedInTheSecondTheRedemptionOpenedAndUptimeEqualsTheSLA() external {
        uint256 id = _redeem(alice, REDEEMED);
        _reportPool(1, SLA, 2 * REDEEMED); // same second as the redemption
        escrow.confirmDeliveryByOracle(id);
        assertTrue(_delivered(id));
    }

    function test_When_AllChecksPass() external {
        _reportPool(1, 9950, 100);

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.DeliveryConfirmed(redemptionId, lotId, provider, outsider, REDEEMED, RESERVE, true);
        vm.prank(outsider);
        escrow.confirmDeliveryByOracle(redemptionId);

        assertTrue(_delivered(redemptionId));
        assertEq(_bondTotal(lotId), UNITS * PRICE - RESERVE);
        assertEq(_bondReserved(lotId), 0);
        assertEq(escrow.claimable(provider, address(usdc)), RESERVE, "provider credited");
        assertEq(escrow.claimable(outsider, address(usdc)), 0, "caller gets nothing");
        assertEq(escrow.deliveryQueued(POOL), REDEEMED, "queue unchanged");
        assertEq(escrow.redemption(redemptionId).deliveredBy, REDEEMED, "place unchanged");
    }
}
