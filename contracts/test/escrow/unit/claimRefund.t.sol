// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract ClaimRefund_Unit_Test is EscrowBase {
    uint64 internal constant REDEEMED = 40;
    uint256 internal constant RESERVE = REDEEMED * uint256(PRICE);
    uint256 internal redemptionId;
    uint40 internal deadline;

    function setUp() public override {
        super.setUp();
        vm.warp(block.timestamp + 2 days);
        redemptionId = _redeem(alice, REDEEMED);
        deadline = endsAt + GRACE;
        vm.warp(block.timestamp + 1 hours);
    }

    function _expectNoRefund() internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NoRefundDue.selector, redemptionId, deadline));
        escrow.claimRefund(redemptionId);
    }

    function _assertRefunded() internal view {
        assertEq(uint8(_redemptionStatus(redemptionId)), uint8(IComputeEscrow.RedemptionStatus.Refunded));
        assertEq(escrow.claimable(alice, address(usdc)), RESERVE, "holder credited");
        assertEq(_bondTotal(lotId), UNITS * PRICE - RESERVE, "bond total");
        assertEq(_bondReserved(lotId), 0, "reserve released");
    }

    function test_RevertWhen_TheRedemptionDoesNotExist() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_WrongRedemptionStatus.selector, 9, IComputeEscrow.RedemptionStatus.None
            )
        );
        escrow.claimRefund(9);
    }

    function test_RevertWhen_TheRedemptionIsDelivered() external {
        vm.prank(alice);
        escrow.confirmDelivery(redemptionId);
        vm.warp(deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_WrongRedemptionStatus.selector,
                redemptionId,
                IComputeEscrow.RedemptionStatus.Delivered
            )
        );
        escrow.claimRefund(redemptionId);
    }

    function test_RevertWhen_TheRedemptionIsAlreadyRefunded() external {
        vm.warp(deadline + 1);
        escrow.claimRefund(redemptionId);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_WrongRedemptionStatus.selector,
                redemptionId,
                IComputeEscrow.RedemptionStatus.Refunded
            )
        );
        escrow.claimRefund(redemptionId);
        assertEq(escrow.claimable(alice, address(usdc)), RESERVE, "credited once");
    }

    /// @dev Before the deadline, with no report for the pool, the escrow raises its own `Escrow_NoRefundDue`, not the
    /// oracle's `Oracle_NoReport(poolId)`.
    function test_RevertWhen_ThePoolHasNoReport() external {
        _expectNoRefund();
    }

    function test_RevertWhen_TheLatestReportMeetsTheSLA() external {
        _reportPool(1, SLA, 0);
        _expectNoRefund();
    }

    function test_RevertWhen_TheBreachingReportWasObservedBeforeTheRedemptionOpened() external {
        _reportPool(1, 1000, 0);
        vm.warp(block.timestamp + 1);
        redemptionId = _redeem(alice, REDEEMED);
        _expectNoRefund();
    }

    function test_RevertWhen_TheBreachingReportIsOlderThanREPORTMAXAGE() external {
        _reportPool(1, SLA - 1, 0);
        vm.warp(block.timestamp + escrow.REPORT_MAX_AGE() + 1);
        _expectNoRefund();
    }

    /// @dev The reporters that signed the breach were replaced (for cause, or only re-versioned as here): their
    /// report no longer decides; a breach attested by the new configuration does.
    function test_RevertWhen_TheBreachingReportWasSignedUnderAReplacedReporterConfiguration() external {
        _reportPool(1, SLA - 1, 0);
        vm.prank(admin);
        oracle.setReporters(_firstReporters(3), 2);
        _expectNoRefund();

        _reportPool(2, SLA - 1, 0);
        escrow.claimRefund(redemptionId);
        _assertRefunded();
    }

    function test_RevertWhen_TheTimeEqualsTheDeadlineAndNoBreachIsAttested() external {
        vm.warp(deadline - 1 hours);
        _reportPool(1, 10_000, 0);
        vm.warp(deadline);
        _expectNoRefund();
    }

    function test_When_AReportAfterOpeningAttestsUptimeBelowTheSLA() external {
        _reportPool(1, SLA - 1, 0);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.RedemptionRefunded(redemptionId, alice, lotId, REDEEMED, RESERVE, true);
        vm.prank(outsider);
        escrow.claimRefund(redemptionId);
        _assertRefunded();
        assertEq(escrow.claimable(outsider, address(usdc)), 0);
    }

    function test_When_TheDeadlineHasPassedAndTheLatestReportMeetsTheSLA() external {
        _reportPool(1, 10_000, 1000);
        vm.warp(deadline + 1);
        escrow.claimRefund(redemptionId);
        _assertRefunded();
    }

    function test_When_TheHolderIsBlacklistedInTheStablecoin() external {
        vm.prank(admin);
        usdc.setBlacklisted(alice, true);
        vm.warp(deadline + 1);
        escrow.claimRefund(redemptionId);
        _assertRefunded();
    }

    function test_When_AnyoneTriggersIt() external {
        uint256 escrowBefore = usdc.balanceOf(address(escrow));
        vm.warp(deadline + 1);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.RedemptionRefunded(redemptionId, alice, lotId, REDEEMED, RESERVE, false);
        vm.prank(bob);
        escrow.claimRefund(redemptionId);
        _assertRefunded();
        assertEq(usdc.balanceOf(address(escrow)), escrowBefore, "credited, not pushed");

        uint256 before = usdc.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw(address(usdc), alice);
        assertEq(usdc.balanceOf(alice) - before, RESERVE, "refund at the reference price");
    }
}
