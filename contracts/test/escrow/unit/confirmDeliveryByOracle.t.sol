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

    /// @dev `Escrow_InsufficientDeliveredHours` for redemption `id` with `available` hours left in the epoch.
    function _insufficientHours(uint256 id, uint64 available) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(IComputeEscrow.Escrow_InsufficientDeliveredHours.selector, id, available, REDEEMED);
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
        assertEq(escrow.claimable(alice), RESERVE);
    }

    function test_When_TheTimeEqualsTheDeadline() external {
        vm.warp(endsAt + GRACE);
        _reportPool(1, 10_000, 1000);
        escrow.confirmDeliveryByOracle(redemptionId);
        assertEq(escrow.claimable(provider), RESERVE);
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

    function test_RevertWhen_TheEpochsDeliveredGPUHoursAreFewerThanTheUnits() external {
        _reportPool(1, 10_000, REDEEMED - 1);
        _expectConfirmRevert(redemptionId, _insufficientHours(redemptionId, REDEEMED - 1));
        assertEq(escrow.deliveryConsumed(POOL, 1), 0);
    }

    function test_RevertWhen_TheEpochsDeliveredGPUHoursWereAlreadyConsumedByAnotherRedemption() external {
        uint256 second = _redeem(alice, REDEEMED);
        _reportPool(1, 10_000, REDEEMED + REDEEMED / 2); // enough for one, not two
        escrow.confirmDeliveryByOracle(redemptionId);
        assertEq(escrow.deliveryConsumed(POOL, 1), REDEEMED);

        _expectConfirmRevert(second, _insufficientHours(second, REDEEMED / 2));
        assertEq(escrow.deliveryConsumed(POOL, 1), REDEEMED, "nothing more consumed");
    }

    function test_When_ALaterEpochReportsFreshHours() external {
        uint256 second = _redeem(alice, REDEEMED);
        _reportPool(1, 10_000, REDEEMED);
        escrow.confirmDeliveryByOracle(redemptionId);

        vm.warp(block.timestamp + 1 hours);
        _reportPool(2, 10_000, REDEEMED);
        escrow.confirmDeliveryByOracle(second);
        assertEq(escrow.deliveryConsumed(POOL, 2), REDEEMED);
        assertEq(escrow.deliveryConsumed(POOL, 1), REDEEMED, "epoch 1 untouched");
        assertEq(escrow.claimable(provider), 2 * RESERVE);
    }

    function test_RevertWhen_AnotherLotOfTheSamePoolConsumedTheHours() external {
        uint256 otherLot = _secondLotHeldBy(bob, 100);
        vm.prank(bob);
        uint256 other = escrow.redeem(otherLot, REDEEMED);
        _reportPool(1, 10_000, REDEEMED);

        escrow.confirmDeliveryByOracle(other);
        _expectConfirmRevert(redemptionId, _insufficientHours(redemptionId, 0));
    }

    function test_When_TheReportIsObservedInTheSecondTheRedemptionOpenedAndUptimeEqualsTheSLA() external {
        uint256 id = _redeem(alice, REDEEMED);
        _reportPool(1, SLA, REDEEMED); // same second as the redemption
        escrow.confirmDeliveryByOracle(id);
        assertEq(uint8(_redemptionStatus(id)), uint8(IComputeEscrow.RedemptionStatus.Delivered));
    }

    function test_When_AllChecksPass() external {
        _reportPool(1, 9950, 100);

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.DeliveryConfirmed(redemptionId, lotId, provider, outsider, REDEEMED, RESERVE, true);
        vm.prank(outsider);
        escrow.confirmDeliveryByOracle(redemptionId);

        assertEq(escrow.deliveryConsumed(POOL, 1), REDEEMED, "hours consumed");
        assertEq(uint8(_redemptionStatus(redemptionId)), uint8(IComputeEscrow.RedemptionStatus.Delivered));
        assertEq(_bondTotal(lotId), UNITS * PRICE - RESERVE);
        assertEq(_bondReserved(lotId), 0);
        assertEq(escrow.claimable(provider), RESERVE, "provider credited");
        assertEq(escrow.claimable(outsider), 0, "caller gets nothing");
    }
}
