// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComputeCurtailment} from "../../src/curtailment/ComputeCurtailment.sol";
import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeCurtailment} from "../../src/interfaces/IComputeCurtailment.sol";
import {IUtilizationOracle} from "../../src/interfaces/IUtilizationOracle.sol";
import {MarketBase} from "../market/MarketBase.sol";

/// @notice Shared state and helpers of the curtailment module's tests (and of the escrow's curtailment entry points).
/// @dev On top of `MarketBase` (the escrow's fixture: a firm lot on `POOL`, held by alice; the order helpers), `setUp` deploys the module, wires it into the
/// escrow and declares `iSpec` interruptible on `POOL_2`: capacity `CAPACITY`, 20 % curtailable, refund 1.25 USDC per
/// curtailed hour (half the reference price), so `curtailCover` is 0.25 USDC per issued unit. It does not issue it:
/// `_issueInterruptible` does (to the provider, who then transfers).
abstract contract CurtailmentBase is MarketBase {
    uint48 internal constant CAPACITY = 1000;
    uint16 internal constant SHARE_BPS = 2000; // 20 %: at most 200 of the 1000 GPU-hours
    uint96 internal constant RATE = 1_250_000; // 1.25 USDC per curtailed GPU-hour
    uint96 internal constant CURTAIL_COVER = 250_000; // ⌈2000 × 1.25e6 / 10 000⌉
    uint64 internal constant CURTAIL_CAP = 200; // ⌊1000 × 2000 / 10 000⌋
    uint256 internal constant ISSUED = 800; // of the 1000-unit capacity, by `_issuedAndStarted`

    ComputeCurtailment internal curtailment;
    IComputeCapacityToken.LotSpec internal iSpec;
    uint256 internal iLot;
    uint40 internal iStartsAt;
    uint40 internal iEndsAt;

    /// @dev The next epoch `_reportCurtailed` submits for `POOL_2`, and the cumulative counters it last reported.
    uint64 internal nextEpoch = 1;
    uint64 internal curtailedSoFar;
    uint64 internal deliveredSoFar;

    function setUp() public virtual override {
        super.setUp();
        curtailment = new ComputeCurtailment(token, escrow, oracle);
        vm.prank(admin);
        escrow.setCurtailmentModule(address(curtailment));

        iSpec = _spec();
        iSpec.poolId = POOL_2;
        iSpec.metadataHash = keccak256("interruptible lot");
        iStartsAt = iSpec.startsAt;
        iEndsAt = iSpec.endsAt;
        iLot = _declare(iSpec, SHARE_BPS, RATE, CAPACITY);
    }

    /// @dev The provider declares `spec` interruptible.
    function _declare(IComputeCapacityToken.LotSpec memory spec, uint16 bps, uint96 rate, uint48 capacity)
        internal
        returns (uint256 id)
    {
        vm.prank(provider);
        id = curtailment.declareInterruptible(spec, bps, rate, capacity);
    }

    /// @dev The provider issues `units` of the declared lot to itself and hands `toAlice` of them to alice and
    /// `toBob` to bob.
    function _issueInterruptible(uint256 units, uint256 toAlice, uint256 toBob) internal {
        vm.startPrank(provider);
        token.issueLot(iSpec, provider, units);
        if (toAlice != 0) token.safeTransferFrom(provider, alice, iLot, toAlice, "");
        if (toBob != 0) token.safeTransferFrom(provider, bob, iLot, toBob, "");
        vm.stopPrank();
    }

    /// @dev A quorum report for `POOL_2`, observed now, with the cumulative curtailed hours raised by `curtailed`
    /// (and the delivered hours by `delivered`).
    function _reportCurtailed(uint64 curtailed, uint64 delivered) internal {
        curtailedSoFar += curtailed;
        deliveredSoFar += delivered;
        _submitReport(POOL_2, nextEpoch++, deliveredSoFar, curtailedSoFar);
    }

    /// @dev A quorum report for `pool` at `epoch`, observed now, with these cumulative counters.
    function _submitReport(bytes32 pool, uint64 epoch, uint64 delivered, uint64 curtailed) internal {
        IUtilizationOracle.Report memory report = _reportOf(pool, epoch, 10_000, delivered, 2);
        report.curtailedGpuHours = curtailed;
        bytes[] memory sigs = new bytes[](2);
        for (uint256 i; i < 2; ++i) {
            sigs[i] = _sign(i, report);
        }
        oracle.submitReport(report, sigs);
    }

    /// @dev Reports `curtailed` more hours now and syncs the pool; returns the hours attributed.
    function _reportAndSync(uint64 curtailed) internal returns (uint64) {
        _reportCurtailed(curtailed, 0);
        return curtailment.sync(POOL_2);
    }

    /// @dev `ISSUED` units issued (alice 500, bob 200, the provider 100) and the checkpoint at the window's start.
    function _issuedAndStarted() internal {
        _issueInterruptible(ISSUED, 500, 200);
        vm.warp(iStartsAt);
        _reportAndSync(0);
    }

    /// @dev `_issuedAndStarted`, then `hours_` GPU-hours curtailed on the window's first day and synced.
    function _curtailedOnFirstDay(uint64 hours_) internal {
        _issuedAndStarted();
        vm.warp(iStartsAt + 1 days);
        _reportAndSync(hours_);
    }

    /// @dev Past the window, a report and a sync (so finalization is exact), then `finalize`; returns the pot.
    function _finalizeExact() internal returns (uint256 pot) {
        if (block.timestamp < iEndsAt) vm.warp(iEndsAt);
        _reportAndSync(0);
        pot = curtailment.finalize(iLot);
    }

    function _attributed() internal view returns (uint64) {
        return curtailment.interruptibleOf(iLot).attributed;
    }

    function _terms() internal view returns (IComputeCurtailment.Interruptible memory) {
        return curtailment.interruptibleOf(iLot);
    }
}
