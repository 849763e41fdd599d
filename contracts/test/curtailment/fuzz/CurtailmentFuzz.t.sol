// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {CurtailmentBase} from "../CurtailmentBase.sol";

/// @notice Property tests of interruptible lots: attribution per sync and in total, and the refund pot against the
/// claims and the escrow's cover, for any terms.
contract Curtailment_Fuzz_Test is CurtailmentBase {
    /// @dev Any sequence of reports and syncs attributes, per sync, no more than the hours curtailed in the period
    /// and the lot's capacity over it, and in total no more than the pool curtailed nor than the share.
    function testFuzz_SyncAttributesWithinBounds(uint64[6] memory increments, uint32[6] memory gaps, uint32 offset)
        external
    {
        _issueInterruptible(CAPACITY, 600, 300);
        vm.warp(iStartsAt - 1 days + bound(offset, 0, 2 days));
        uint256 total;
        uint256 attributedTotal;
        for (uint256 i; i < 6; ++i) {
            uint64 from = curtailment.checkpointOf(POOL_2).observedAt;
            vm.warp(block.timestamp + bound(gaps[i], 1 minutes, 1 days));
            uint64 increment = uint64(bound(increments[i], 0, 500));
            total += increment;
            uint64 attributed = _reportAndSync(increment);
            attributedTotal += attributed;
            assertLe(attributed, increment, "above the period's curtailed hours");
            uint256 lo = from < iStartsAt ? iStartsAt : from;
            uint256 hi = block.timestamp > iEndsAt ? iEndsAt : block.timestamp;
            uint256 periodCap = hi > lo ? (uint256(CAPACITY) * (hi - lo) + WINDOW - 1) / WINDOW : 0;
            assertLe(attributed, periodCap, "above the lot's capacity over the period");
        }
        assertEq(_attributed(), attributedTotal, "the sum of the syncs");
        assertLe(attributedTotal, total, "above the pool's");
        assertLe(attributedTotal, CURTAIL_CAP, "above the share");
    }

    /// @dev For any terms, issuance, split and curtailment, finalization's pot fits what the issued units hold in the
    /// escrow (so `finalize` never reverts on it) and every claim together stays within it.
    function testFuzz_ClaimsNeverExceedThePot(
        uint16 bps,
        uint96 rate,
        uint48 capacity,
        uint256 issued,
        uint256 toAlice,
        uint256 toBob,
        uint64 curtailed
    ) external {
        bps = uint16(bound(bps, 1, 10_000));
        rate = uint96(bound(rate, 1, PRICE));
        capacity = uint48(bound(capacity, 1, 100_000));
        issued = bound(issued, 1, capacity);
        toAlice = bound(toAlice, 0, issued);
        toBob = bound(toBob, 0, issued - toAlice);
        IComputeCapacityToken.LotSpec memory spec = _spec(); // on POOL, beside the fixture's firm lot
        spec.metadataHash = keccak256("fuzzed interruptible lot");
        uint256 id = _declare(spec, bps, rate, capacity);
        vm.startPrank(provider);
        token.issueLot(spec, provider, issued);
        if (toAlice != 0) token.safeTransferFrom(provider, alice, id, toAlice, "");
        if (toBob != 0) token.safeTransferFrom(provider, bob, id, toBob, "");
        vm.stopPrank();

        vm.warp(spec.startsAt + 1 days);
        _submitReport(POOL, 1, 0, 0); // nothing curtailed yet: the baseline
        curtailment.sync(POOL);
        vm.warp(spec.endsAt);
        _submitReport(POOL, 2, 0, uint64(bound(curtailed, 0, 10_000_000)));
        curtailment.sync(POOL);
        uint256 pot = curtailment.finalize(id);

        uint256 cover = escrow.curtailmentOf(id).curtailCover;
        assertLe(pot, issued * cover, "pot above the cover");
        uint256 paid;
        address[3] memory holders = [alice, bob, provider];
        for (uint256 i; i < 3; ++i) {
            uint256 due = curtailment.claimableOf(id, holders[i]);
            if (due != 0) paid += curtailment.claim(id, holders[i]);
        }
        assertLe(paid, pot, "claims above the pot");
        assertEq(escrow.curtailmentOf(id).potRemaining, pot - paid);
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertGe(balance, obligations, "insolvent");
    }
}
