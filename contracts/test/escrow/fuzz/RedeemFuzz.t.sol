// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

/// @notice Fuzz tests of postBond, postBondWithPermit, withdrawBond, redeem, confirmDelivery,
/// confirmDeliveryByOracle and claimRefund.
contract RedeemFuzz_Test is EscrowBase {
    uint256 internal constant BOND = UNITS * PRICE;

    function testFuzz_PostBond(uint256 amount, address from) external {
        vm.assume(from != address(0) && from != address(escrow) && from.code.length == 0);
        amount = bound(amount, 1, type(uint128).max - BOND);
        vm.prank(admin);
        usdc.mint(from, amount);
        vm.startPrank(from);
        usdc.approve(address(escrow), amount);
        escrow.postBond(lotId, amount);
        vm.stopPrank();
        assertEq(_bondTotal(lotId), BOND + amount);
        assertEq(usdc.balanceOf(address(escrow)), BOND + amount);
    }

    function testFuzz_PostBondWithPermit(uint256 amount) external {
        amount = bound(amount, 1, usdc.balanceOf(signer));
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, amount, deadline);
        vm.prank(signer);
        escrow.postBondWithPermit(lotId, amount, deadline, v, r, s);
        assertEq(_bondTotal(lotId), BOND + amount);
        assertEq(usdc.nonces(signer), 1);
    }

    /// @dev Issuing bonds outstanding × unitCover (whatever extra bond was posted), and redeeming reserves exactly
    /// units × unitCover: a redemption before the window ends never meets Escrow_InsufficientBond (S-1).
    function testFuzz_Redeem(uint256 coverage, uint256 extraBond, uint256 units) external {
        IComputeCapacityToken.LotSpec memory spec = _spec();
        spec.metadataHash = keccak256("fuzz lot");
        spec.bondCoverageBps = uint16(bound(coverage, 1, 10_000));
        uint256 unitCover = (uint256(PRICE) * spec.bondCoverageBps + 9999) / 10_000;
        vm.prank(provider);
        uint256 id = token.issueLot(spec, bob, UNITS);
        assertEq(_bondTotal(id), UNITS * unitCover, "issue bonds every unit");
        extraBond = bound(extraBond, 0, BOND);
        if (extraBond > 0) {
            vm.prank(provider);
            escrow.postBond(id, extraBond);
        }
        units = bound(units, 1, UNITS);
        uint256 reserve = units * unitCover;

        vm.prank(bob);
        uint256 redemptionId = escrow.redeem(id, units);
        assertEq(escrow.redemption(redemptionId).reserved, reserve);
        assertEq(_bondReserved(id), reserve);
        assertEq(_bondTotal(id), UNITS * unitCover + extraBond);
        assertEq(token.balanceOf(bob, id), UNITS - units);
        assertEq(token.totalSupply(id), UNITS - units);
        // the rest stays redeemable
        if (units < UNITS) {
            vm.prank(bob);
            escrow.redeem(id, UNITS - units);
        }
        assertEq(_bondReserved(id), UNITS * unitCover);
    }

    /// @dev Bond comes out only after the window, and only its unreserved part.
    function testFuzz_WithdrawBond(uint256 redeemed, uint256 warpBy, uint256 amount) external {
        redeemed = bound(redeemed, 1, UNITS);
        _redeem(alice, redeemed);
        uint256 free = BOND - redeemed * PRICE;
        vm.warp(block.timestamp + bound(warpBy, 0, 90 days));
        amount = bound(amount, 1, BOND);
        uint256 before = usdc.balanceOf(provider);

        if (block.timestamp < endsAt) {
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_BondLocked.selector, lotId, endsAt));
        } else if (amount > free) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeEscrow.Escrow_InsufficientBond.selector, lotId, free, amount)
            );
        }
        vm.prank(provider);
        escrow.withdrawBond(lotId, amount);
        if (block.timestamp >= endsAt && amount <= free) {
            assertEq(usdc.balanceOf(provider) - before, amount);
            assertEq(_bondTotal(lotId), BOND - amount);
            assertEq(_bondReserved(lotId), redeemed * PRICE);
        }
    }

    function testFuzz_ConfirmDelivery(uint256 units, uint256 warpBy) external {
        units = bound(units, 1, UNITS);
        uint256 id = _redeem(alice, units);
        vm.warp(block.timestamp + bound(warpBy, 0, 90 days));
        vm.prank(alice);
        escrow.confirmDelivery(id);
        assertEq(escrow.claimable(provider, address(usdc)), units * PRICE);
        assertEq(_bondTotal(lotId), BOND - units * PRICE);
        assertEq(_bondReserved(lotId), 0);
    }

    /// @dev The oracle confirms iff uptime meets the SLA and the pool's cumulative delivered GPU-hours reached the
    /// redemption's place in the queue (its units, in an empty queue).
    function testFuzz_ConfirmDeliveryByOracle(uint256 units, uint64 delivered, uint16 uptime) external {
        units = bound(units, 1, UNITS);
        uptime = uint16(bound(uptime, 0, 10_000));
        uint256 id = _redeem(alice, units);
        assertEq(escrow.redemption(id).deliveredBy, units);
        _reportPool(1, uptime, delivered);

        if (uptime < SLA || delivered < units) {
            vm.expectRevert(
                uptime < SLA
                    ? abi.encodeWithSelector(IComputeEscrow.Escrow_UptimeBelowSla.selector, id, uptime, SLA)
                    : abi.encodeWithSelector(
                        IComputeEscrow.Escrow_InsufficientDeliveredHours.selector, id, delivered, units
                    )
            );
            escrow.confirmDeliveryByOracle(id);
            return;
        }
        escrow.confirmDeliveryByOracle(id);
        assertEq(escrow.claimable(provider, address(usdc)), units * PRICE);
    }

    /// @dev O-3: two redemptions queue after the hours attested before them, in opening order; each is confirmed
    /// exactly when the cumulative count reaches its place, so hours never serve both, nor serve either one before
    /// it opened.
    function testFuzz_DeliveryQueue(uint256 first, uint256 second, uint64 before, uint256 later) external {
        first = bound(first, 1, UNITS - 1);
        second = bound(second, 1, UNITS - first);
        before = uint64(bound(before, 0, type(uint64).max / 2));
        if (before > 0) _reportPool(1, 10_000, before);
        vm.warp(block.timestamp + 1);
        uint256 r1 = _redeem(alice, first);
        uint256 r2 = _redeem(alice, second);
        uint64 place1 = uint64(before + first);
        uint64 place2 = uint64(before + first + second);
        assertEq(escrow.redemption(r1).deliveredBy, place1);
        assertEq(escrow.redemption(r2).deliveredBy, place2);
        assertEq(escrow.deliveryQueued(POOL), place2);

        uint64 delivered = uint64(bound(later, before, place2 + 10));
        _reportPool(2, 10_000, delivered);
        bool confirmed1 = _tryConfirm(r1, delivered, place1);
        bool confirmed2 = _tryConfirm(r2, delivered, place2);
        if (confirmed2) assertTrue(confirmed1, "served out of order");
        if (confirmed1 && confirmed2) assertGe(delivered - before, first + second, "hours counted twice");
        if (confirmed1) assertGe(delivered - before, first, "hours from before the redemption counted");
    }

    /// @dev Confirms `id` by oracle when `delivered` reached `place`, else expects the exact refusal.
    function _tryConfirm(uint256 id, uint64 delivered, uint64 place) internal returns (bool) {
        if (delivered < place) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeEscrow.Escrow_InsufficientDeliveredHours.selector, id, delivered, place)
            );
            escrow.confirmDeliveryByOracle(id);
            return false;
        }
        escrow.confirmDeliveryByOracle(id);
        return true;
    }

    /// @dev O-3: a redemption's hours may arrive over any number of epochs; it is confirmed at the first report whose
    /// cumulative count reaches its place, and refused at every report before.
    function testFuzz_DeliveryOverEpochs(uint256 units, uint256 seed, uint8 epochs) external {
        units = bound(units, 1, UNITS);
        epochs = uint8(bound(epochs, 1, 30));
        uint256 id = _redeem(alice, units);
        uint64 cumulative;
        for (uint64 epoch = 1; epoch <= epochs; ++epoch) {
            vm.warp(block.timestamp + 1 hours);
            cumulative += uint64(uint256(keccak256(abi.encode(seed, epoch))) % (2 * units / epochs + 2));
            _reportPool(epoch, 10_000, cumulative);
            if (_tryConfirm(id, cumulative, uint64(units))) return;
        }
    }

    /// @dev A refund is due after the deadline, or before it when a report after opening breaches the SLA.
    function testFuzz_ClaimRefund(uint256 units, uint256 warpBy, uint16 uptime, bool withReport) external {
        units = bound(units, 1, UNITS);
        uint256 id = _redeem(alice, units);
        uint40 deadline = endsAt + GRACE;
        vm.warp(block.timestamp + bound(warpBy, 0, deadline + 10 days - block.timestamp));
        uptime = uint16(bound(uptime, 0, 10_000));
        if (withReport) _reportPool(1, uptime, 0);

        bool afterDeadline = block.timestamp > deadline;
        bool breached = withReport && uptime < SLA;
        if (!afterDeadline && !withReport) {
            // The escrow raises its own error when the pool has no report (the oracle's Oracle_NoReport is caught;
            // see claimRefund.t.sol, test_RevertWhen_ThePoolHasNoReport).
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NoRefundDue.selector, id, deadline));
            escrow.claimRefund(id);
            return;
        }
        if (!afterDeadline && !breached) {
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_NoRefundDue.selector, id, deadline));
            escrow.claimRefund(id);
            return;
        }
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.RedemptionRefunded(id, alice, lotId, units, units * PRICE, !afterDeadline);
        escrow.claimRefund(id);
        assertEq(escrow.claimable(alice, address(usdc)), units * PRICE);
        assertEq(_bondReserved(lotId), 0);
    }
}
