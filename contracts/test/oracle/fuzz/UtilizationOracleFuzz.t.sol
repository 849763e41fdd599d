// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";
import {OracleTestLib} from "../utils/OracleTestLib.sol";

/// @notice Fuzz tests of `submitReport`, `latestFresh` and `hashReport` against reference implementations: what is
/// accepted (bounds of every check), that an accepted report is stored exactly as signed, and the aggregation bounds
/// the fault model relies on.
/// @dev Reconfigures the oracle to 16 reporters (quorum 3, version 2) so signature counts range over 0..16.
contract UtilizationOracleFuzzTest is OracleBase {
    uint256 internal constant WIDE = 16;

    function setUp() public override {
        super.setUp();
        for (uint256 i = NUM_REPORTERS; i < WIDE; ++i) {
            (address addr, uint256 key) = makeAddrAndKey(string.concat("reporter", vm.toString(i)));
            reporterAddrs.push(addr);
            reporterKeys.push(key);
        }
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, QUORUM);
    }

    /// @dev A pseudo-random valid report for `(POOL, epoch)` derived from `seed`, with at least QUORUM observers.
    function _randomReport(uint256 seed, uint64 epoch) internal view returns (IUtilizationOracle.Report memory report) {
        uint256 r = uint256(keccak256(abi.encode(seed, "report")));
        report = _report(POOL, epoch);
        report.utilizationBps = uint16(r % 10_001);
        report.uptimeBps = uint16((r >> 16) % 10_001);
        report.deliveredGpuHours = uint64(r >> 32);
        report.energyKwh = uint64(r >> 96);
        report.curtailedGpuHours = uint64(r >> 160);
        report.observedAt = uint64(block.timestamp - ((r >> 224) % (MAX_AGE + 1)));
        report.observers = uint32(uint256(keccak256(abi.encode(seed, "observers")))) & _mask(WIDE);
        if (OracleTestLib.popCount(report.observers) < QUORUM) report.observers |= _mask(QUORUM);
    }

    /// @dev `n` distinct reporter keys in a seed-dependent order (partial Fisher-Yates shuffle).
    function _randomKeys(uint256 seed, uint256 n) internal view returns (uint256[] memory keys) {
        uint256[] memory all = new uint256[](WIDE);
        for (uint256 i; i < WIDE; ++i) {
            all[i] = reporterKeys[i];
        }
        keys = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            uint256 j = i + uint256(keccak256(abi.encode(seed, "shuffle", i))) % (WIDE - i);
            (all[i], all[j]) = (all[j], all[i]);
            keys[i] = all[i];
        }
    }

    /*//////////////////////////////////////////////////////////////
                               ACCEPTANCE
    //////////////////////////////////////////////////////////////*/

    /// @dev Any valid report signed by any >= quorum distinct reporters, in any order, is stored exactly as signed.
    function testFuzz_SubmitReport_StoresTheSignedReport(uint256 seed, uint256 count, uint64 epoch) external {
        uint256 n = bound(count, QUORUM, WIDE);
        epoch = uint64(bound(epoch, 1, type(uint64).max));
        IUtilizationOracle.Report memory report = _randomReport(seed, epoch);

        oracle.submitReport(report, _signAll(_randomKeys(seed, n), report));
        _assertStored(POOL, report, n);
    }

    function testFuzz_SubmitReport_SignatureCount(uint256 count, uint256 seed) external {
        uint256 n = bound(count, 0, WIDE);
        IUtilizationOracle.Report memory report = _randomReport(seed, 1);
        bytes[] memory sigs = _signAll(_randomKeys(seed, n), report);

        if (n < QUORUM) {
            vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_QuorumNotMet.selector, n, QUORUM));
            oracle.submitReport(report, sigs);
        } else {
            oracle.submitReport(report, sigs);
            assertEq(oracle.latest(POOL).signerCount, n);
        }
    }

    /// @dev Accepted iff the bitmap names only positions 0..15 and at least QUORUM of them.
    function testFuzz_SubmitReport_Observers(uint32 observers) external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.observers = observers;
        bytes[] memory sigs = _signAll(_firstKeys(QUORUM), report);
        uint256 count = OracleTestLib.popCount(observers);

        if (observers >> WIDE != 0) {
            vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_UnknownObserver.selector, observers, WIDE));
        } else if (count < QUORUM) {
            vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_TooFewObservers.selector, count, QUORUM));
        }
        oracle.submitReport(report, sigs);
    }

    /// @dev The epoch strictly increases, by at most MAX_EPOCH_GAP.
    function testFuzz_SubmitReport_Epochs(uint64 first, uint64 second) external {
        first = uint64(bound(first, 1, type(uint64).max));
        _submitDefault(POOL, first, 3);

        IUtilizationOracle.Report memory report = _report(POOL, second);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        if (second <= first) {
            vm.expectRevert(
                abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochNotIncreasing.selector, POOL, second, first)
            );
        } else if (second - first > MAX_EPOCH_GAP) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IUtilizationOracle.Oracle_EpochGapTooLarge.selector, POOL, second, first, MAX_EPOCH_GAP
                )
            );
        }
        oracle.submitReport(report, sigs);
        assertEq(oracle.latest(POOL).epoch, second > first && second - first <= MAX_EPOCH_GAP ? second : first);
    }

    /// @dev Each cumulative counter may stay or grow, never shrink; the first failing counter names the error.
    function testFuzz_SubmitReport_CumulativeCounters(uint64[3] memory previous, uint64[3] memory next) external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        (report.deliveredGpuHours, report.energyKwh, report.curtailedGpuHours) = (previous[0], previous[1], previous[2]);
        _submit(report, 3);

        report.epoch = 2;
        (report.deliveredGpuHours, report.energyKwh, report.curtailedGpuHours) = (next[0], next[1], next[2]);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        if (next[0] < previous[0]) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IUtilizationOracle.Oracle_DeliveredDecreased.selector, POOL, next[0], previous[0]
                )
            );
        } else if (next[1] < previous[1]) {
            vm.expectRevert(
                abi.encodeWithSelector(IUtilizationOracle.Oracle_EnergyDecreased.selector, POOL, next[1], previous[1])
            );
        } else if (next[2] < previous[2]) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IUtilizationOracle.Oracle_CurtailedDecreased.selector, POOL, next[2], previous[2]
                )
            );
        }
        oracle.submitReport(report, sigs);

        IUtilizationOracle.PoolReport memory stored = oracle.latest(POOL);
        assertGe(stored.deliveredGpuHours, previous[0]);
        assertGe(stored.energyKwh, previous[1]);
        assertGe(stored.curtailedGpuHours, previous[2]);
    }

    function testFuzz_SubmitReport_ReportAge(uint256 age) external {
        age = bound(age, 0, 3 * MAX_AGE);
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        uint64 observedAt = uint64(block.timestamp - age);
        report.observedAt = observedAt;
        bytes[] memory sigs = _signAll(_firstKeys(3), report);

        if (age > MAX_AGE) {
            vm.expectRevert(
                abi.encodeWithSelector(IUtilizationOracle.Oracle_ReportTooOld.selector, observedAt, MAX_AGE)
            );
        }
        oracle.submitReport(report, sigs);
    }

    function testFuzz_SubmitReport_RevertWhen_FutureReport(uint256 ahead) external {
        ahead = bound(ahead, 1, type(uint64).max - block.timestamp);
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.observedAt = uint64(block.timestamp + ahead);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);

        vm.expectRevert(
            abi.encodeWithSelector(
                IUtilizationOracle.Oracle_FutureReport.selector, block.timestamp + ahead, block.timestamp
            )
        );
        oracle.submitReport(report, sigs);
    }

    function testFuzz_SubmitReport_Bps(uint16 value, bool onUptime) external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        if (onUptime) report.uptimeBps = value;
        else report.utilizationBps = value;
        bytes[] memory sigs = _signAll(_firstKeys(3), report);

        if (value > 10_000) {
            bytes4 selector = onUptime
                ? IUtilizationOracle.Oracle_UptimeOutOfRange.selector
                : IUtilizationOracle.Oracle_UtilizationOutOfRange.selector;
            vm.expectRevert(abi.encodeWithSelector(selector, value, 10_000));
        }
        oracle.submitReport(report, sigs);
    }

    /*//////////////////////////////////////////////////////////////
                               SIGNATURES
    //////////////////////////////////////////////////////////////*/

    function testFuzz_SubmitReport_RevertWhen_SignerUnauthorized(uint256 key, uint256 index) external {
        key = bound(key, 1, SECP256K1_N - 1);
        address signer = vm.addr(key);
        vm.assume(!oracle.isReporter(signer));
        index = bound(index, 0, 2);

        IUtilizationOracle.Report memory report = _report(POOL, 1);
        uint256[] memory keys = _firstKeys(3);
        keys[index] = key;
        bytes[] memory sigs = _signAll(keys, report);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_UnauthorizedSigner.selector, signer));
        oracle.submitReport(report, sigs);
    }

    function testFuzz_SubmitReport_RevertWhen_DuplicateSigner(uint256 seed, uint256 count, uint256 i, uint256 j)
        external
    {
        uint256 n = bound(count, QUORUM, WIDE);
        i = bound(i, 0, n - 1);
        j = bound(j, 0, n - 1);
        vm.assume(i != j);
        IUtilizationOracle.Report memory report = _randomReport(seed, 1);
        uint256[] memory keys = _randomKeys(seed, n);
        keys[j] = keys[i];

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_DuplicateSigner.selector, vm.addr(keys[i])));
        oracle.submitReport(report, _signAll(keys, report));
    }

    /// @dev A relayer that changes any field of a signed report (keeping it otherwise valid) invalidates every
    /// signature: none of them recovers to its reporter, and the first one recovers to an unrelated address.
    function testFuzz_SubmitReport_RevertWhen_AFieldChangedAfterSigning(uint256 seed, uint256 field, uint256 delta)
        external
    {
        IUtilizationOracle.Report memory report = _randomReport(seed, 10);
        uint256[] memory keys = _randomKeys(seed, QUORUM);
        bytes[] memory sigs = _signAll(keys, report);
        field = bound(field, 0, 8);
        delta = bound(delta, 1, 1000);
        if (field == 0) report.poolId = bytes32(uint256(report.poolId) ^ delta);
        if (field == 1) report.epoch += uint64(delta);
        if (field == 2) report.utilizationBps = uint16((report.utilizationBps + delta) % 10_001);
        if (field == 3) report.uptimeBps = uint16((report.uptimeBps + delta) % 10_001);
        if (field == 4) report.deliveredGpuHours ^= uint64(delta);
        if (field == 5) report.energyKwh ^= uint64(delta);
        if (field == 6) report.curtailedGpuHours ^= uint64(delta);
        if (field == 7) report.observedAt = uint64(block.timestamp - (report.observedAt + delta) % (MAX_AGE + 1));
        if (field == 8) report.observers = _mask(WIDE) ^ (report.observers & uint32(delta)); // >= 6 bits kept
        vm.assume(OracleTestLib.digest(address(oracle), report) != oracle.hashReport(_randomReport(seed, 10)));

        for (uint256 k; k < sigs.length; ++k) {
            assertNotEq(_recover(report, sigs[k]), vm.addr(keys[k]), "a signature survived the change");
        }
        _expectUnauthorizedSigner(report, sigs[0]);
        oracle.submitReport(report, sigs);
    }

    /*//////////////////////////////////////////////////////////////
                              AGGREGATION
    //////////////////////////////////////////////////////////////*/

    /// @dev The off-chain rule the fault model relies on (docs/SPEC.md, "Oracle fault model"): with n = 3f + 1
    /// observers of which f are Byzantine and report anything, the lower median of each field lies within the honest
    /// observations' range; the aggregate, signed by 2f + 1 honest reporters, is accepted and stored as signed.
    function testFuzz_Aggregate_StaysWithinTheHonestRange(uint256 seed, uint256 faulty) external {
        uint256 f = bound(faulty, 1, (WIDE - 1) / 3); // n = 3f + 1 <= 16
        uint256 n = 3 * f + 1;
        vm.prank(admin);
        oracle.setReporters(_first(n), uint8(2 * f + 1));

        OracleTestLib.Observation[] memory obs = new OracleTestLib.Observation[](n);
        uint256[2][6] memory honest; // per field: min, max
        for (uint256 k; k < 6; ++k) {
            honest[k][0] = type(uint256).max;
        }
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "observation", i)));
            // Positions 0 .. f-1 are Byzantine: each reports an extreme, the lowest or the highest possible value.
            bool byzantine = i < f;
            bool high = r % 2 == 1;
            obs[i] = OracleTestLib.Observation({
                utilizationBps: uint16(_value(byzantine, high, 10_000, 7000 + r % 1000)),
                uptimeBps: uint16(_value(byzantine, high, 10_000, 9800 + (r >> 16) % 200)),
                deliveredGpuHours: uint64(_value(byzantine, high, type(uint64).max, 1000 + (r >> 32) % 50)),
                energyKwh: uint64(_value(byzantine, high, type(uint64).max, 700 + (r >> 64) % 30)),
                curtailedGpuHours: uint64(_value(byzantine, high, type(uint64).max, (r >> 96) % 5)),
                observedAt: uint64(block.timestamp - _value(byzantine, !high, MAX_AGE, (r >> 128) % 60))
            });
            if (!byzantine) _widen(honest, obs[i]);
        }
        IUtilizationOracle.Report memory report =
            OracleTestLib.aggregate(POOL, 1, obs, _mask(n), oracle.configVersion());

        uint256[6] memory got = [
            uint256(report.utilizationBps),
            report.uptimeBps,
            report.deliveredGpuHours,
            report.energyKwh,
            report.curtailedGpuHours,
            report.observedAt
        ];
        for (uint256 k; k < 6; ++k) {
            assertGe(got[k], honest[k][0], "median below every honest observation");
            assertLe(got[k], honest[k][1], "median above every honest observation");
        }

        // The 2f + 1 honest reporters (positions f .. 3f) sign it; it is stored as signed.
        uint256[] memory keys = new uint256[](2 * f + 1);
        for (uint256 i; i < keys.length; ++i) {
            keys[i] = reporterKeys[f + i];
        }
        oracle.submitReport(report, _signAll(keys, report));
        _assertStored(POOL, report, keys.length);
    }

    /// @dev With a quorum of 2f + 1, the f faulty reporters' signatures alone never reach it, whatever they sign.
    function testFuzz_SubmitReport_RevertWhen_OnlyTheFaultySigned(uint256 seed, uint256 faulty) external {
        uint256 f = bound(faulty, 1, (WIDE - 1) / 3);
        vm.prank(admin);
        oracle.setReporters(_first(3 * f + 1), uint8(2 * f + 1));
        IUtilizationOracle.Report memory forged = _randomReport(seed, 1);
        forged.observers = _mask(3 * f + 1);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_QuorumNotMet.selector, f, 2 * f + 1));
        oracle.submitReport(forged, _signAll(_randomKeys(seed, f), forged));
    }

    /// @dev An honest value, or a Byzantine extreme (0 or `max`).
    function _value(bool byzantine, bool high, uint256 max, uint256 honestValue) internal pure returns (uint256) {
        if (!byzantine) return honestValue;
        return high ? max : 0;
    }

    function _first(uint256 n) internal view returns (address[] memory list) {
        list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = reporterAddrs[i];
        }
    }

    function _widen(uint256[2][6] memory range, OracleTestLib.Observation memory o) internal pure {
        uint256[6] memory values = [
            uint256(o.utilizationBps), o.uptimeBps, o.deliveredGpuHours, o.energyKwh, o.curtailedGpuHours, o.observedAt
        ];
        for (uint256 k; k < 6; ++k) {
            if (values[k] < range[k][0]) range[k][0] = values[k];
            if (values[k] > range[k][1]) range[k][1] = values[k];
        }
    }

    /*//////////////////////////////////////////////////////////////
                          LATEST FRESH AND DIGEST
    //////////////////////////////////////////////////////////////*/

    function testFuzz_LatestFresh(uint256 ageAtSubmit, uint256 elapsed, uint256 limit, bool reconfigured) external {
        ageAtSubmit = bound(ageAtSubmit, 0, MAX_AGE);
        elapsed = bound(elapsed, 0, 10 * 365 days);

        IUtilizationOracle.Report memory report = _report(POOL, 1);
        uint64 observedAt = uint64(block.timestamp - ageAtSubmit);
        report.observedAt = observedAt;
        _submit(report, 3);
        if (reconfigured) {
            vm.prank(admin);
            oracle.setReporters(reporterAddrs, QUORUM);
        }
        vm.warp(block.timestamp + elapsed);

        if (ageAtSubmit + elapsed > limit) {
            vm.expectRevert(
                abi.encodeWithSelector(IUtilizationOracle.Oracle_StaleReport.selector, POOL, observedAt, limit)
            );
            oracle.latestFresh(POOL, limit);
        } else if (reconfigured) {
            vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_RevokedReport.selector, POOL, 2, 3));
            oracle.latestFresh(POOL, limit);
        } else {
            assertEq(oracle.latestFresh(POOL, limit).observedAt, observedAt);
        }
    }

    function testFuzz_HashReport_MatchesReference(IUtilizationOracle.Report memory report) external view {
        assertEq(oracle.hashReport(report), OracleTestLib.digest(address(oracle), report));
    }
}
