// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";
import {OracleTestLib} from "../utils/OracleTestLib.sol";

/// @notice Fuzz tests of `submitReport`, `latestFresh` and `reportDigest` against reference implementations.
/// @dev Reconfigures the oracle to 16 reporters (quorum 3) so signature counts range over 0..16.
contract UtilizationOracleFuzzTest is OracleBase {
    uint256 internal constant WIDE = 16;
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

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

    /// @dev `n` pseudo-random valid observations derived from `seed`.
    function _randomObservations(uint256 seed, uint256 n)
        internal
        view
        returns (IUtilizationOracle.Observation[] memory obs)
    {
        obs = new IUtilizationOracle.Observation[](n);
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            obs[i] = _obs(
                uint16(r % 10_001),
                uint16((r >> 16) % 10_001),
                uint64(r >> 32),
                uint64(r >> 96),
                uint64(block.timestamp - ((r >> 160) % (MAX_AGE + 1)))
            );
        }
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
                             SUBMIT REPORT
    //////////////////////////////////////////////////////////////*/

    function testFuzz_SubmitReport_StoresReferenceMedian(uint256 seed, uint256 count, uint64 epoch) external {
        uint256 n = bound(count, QUORUM, WIDE);
        epoch = uint64(bound(epoch, 1, type(uint64).max));
        IUtilizationOracle.Observation[] memory obs = _randomObservations(seed, n);
        uint256[] memory keys = _randomKeys(seed, n);

        oracle.submitReport(POOL, epoch, obs, _signAll(keys, POOL, epoch, obs));

        _assertReport(oracle.latest(POOL), OracleTestLib.medianReport(obs, epoch, 2));
    }

    function testFuzz_SubmitReport_SignatureCount(uint256 count, uint256 seed) external {
        uint256 n = bound(count, 0, WIDE);
        IUtilizationOracle.Observation[] memory obs = _randomObservations(seed, n);
        bytes[] memory sigs = _signAll(_randomKeys(seed, n), POOL, 1, obs);

        if (n < QUORUM) {
            vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_QuorumNotMet.selector, n, QUORUM));
            oracle.submitReport(POOL, 1, obs, sigs);
        } else {
            oracle.submitReport(POOL, 1, obs, sigs);
            assertEq(oracle.latest(POOL).signerCount, n);
        }
    }

    function testFuzz_SubmitReport_Epochs(uint64 first, uint64 second) external {
        first = uint64(bound(first, 1, type(uint64).max));
        _submitDefault(POOL, first, 3);

        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, second, obs);
        if (second <= first) {
            vm.expectRevert(
                abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochNotIncreasing.selector, POOL, second, first)
            );
            oracle.submitReport(POOL, second, obs, sigs);
            assertEq(oracle.latest(POOL).epoch, first);
        } else {
            oracle.submitReport(POOL, second, obs, sigs);
            assertEq(oracle.latest(POOL).epoch, second);
        }
    }

    function testFuzz_SubmitReport_ObservationAge(uint256 age, uint256 index) external {
        age = bound(age, 0, 3 * MAX_AGE);
        index = bound(index, 0, 2);
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        uint64 observedAt = uint64(block.timestamp - age);
        obs[index].observedAt = observedAt;
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);

        if (age > MAX_AGE) {
            vm.expectRevert(
                abi.encodeWithSelector(IUtilizationOracle.Oracle_ObservationTooOld.selector, observedAt, MAX_AGE)
            );
        }
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function testFuzz_SubmitReport_RevertWhen_FutureObservation(uint256 ahead, uint256 index) external {
        ahead = bound(ahead, 1, type(uint64).max - block.timestamp);
        index = bound(index, 0, 2);
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        obs[index].observedAt = uint64(block.timestamp + ahead);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);

        vm.expectRevert(
            abi.encodeWithSelector(
                IUtilizationOracle.Oracle_FutureObservation.selector, block.timestamp + ahead, block.timestamp
            )
        );
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function testFuzz_SubmitReport_Bps(uint16 value, bool onUptime) external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        if (onUptime) obs[1].uptimeBps = value;
        else obs[1].utilizationBps = value;
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);

        if (value > 10_000) {
            bytes4 selector = onUptime
                ? IUtilizationOracle.Oracle_UptimeOutOfRange.selector
                : IUtilizationOracle.Oracle_UtilizationOutOfRange.selector;
            vm.expectRevert(abi.encodeWithSelector(selector, value, 10_000));
        }
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function testFuzz_SubmitReport_RevertWhen_SignerUnauthorized(uint256 key, uint256 index) external {
        key = bound(key, 1, SECP256K1_N - 1);
        address signer = vm.addr(key);
        vm.assume(!oracle.isReporter(signer));
        index = bound(index, 0, 2);

        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        uint256[] memory keys = _firstKeys(3);
        keys[index] = key;
        bytes[] memory sigs = _signAll(keys, POOL, 1, obs);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_UnauthorizedSigner.selector, signer));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function testFuzz_SubmitReport_RevertWhen_DuplicateSigner(uint256 seed, uint256 count, uint256 i, uint256 j)
        external
    {
        uint256 n = bound(count, QUORUM, WIDE);
        i = bound(i, 0, n - 1);
        j = bound(j, 0, n - 1);
        vm.assume(i != j);
        IUtilizationOracle.Observation[] memory obs = _randomObservations(seed, n);
        uint256[] memory keys = _randomKeys(seed, n);
        keys[j] = keys[i];
        bytes[] memory sigs = _signAll(keys, POOL, 1, obs);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_DuplicateSigner.selector, vm.addr(keys[i])));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    /*//////////////////////////////////////////////////////////////
                              LATEST FRESH
    //////////////////////////////////////////////////////////////*/

    function testFuzz_LatestFresh(uint256 ageAtSubmit, uint256 elapsed, uint256 limit) external {
        ageAtSubmit = bound(ageAtSubmit, 0, MAX_AGE);
        elapsed = bound(elapsed, 0, 10 * 365 days);
        limit = bound(limit, 0, type(uint256).max);

        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        for (uint256 k; k < 3; ++k) {
            obs[k].observedAt = uint64(block.timestamp - ageAtSubmit);
        }
        _submit(POOL, 1, obs);
        uint64 observedAt = uint64(block.timestamp - ageAtSubmit);
        vm.warp(block.timestamp + elapsed);

        uint256 age = ageAtSubmit + elapsed;
        if (age > limit) {
            vm.expectRevert(
                abi.encodeWithSelector(IUtilizationOracle.Oracle_StaleReport.selector, POOL, observedAt, limit)
            );
            oracle.latestFresh(POOL, limit);
        } else {
            assertEq(oracle.latestFresh(POOL, limit).observedAt, observedAt);
        }
    }

    /*//////////////////////////////////////////////////////////////
                              REPORT DIGEST
    //////////////////////////////////////////////////////////////*/

    function testFuzz_ReportDigest_MatchesReference(
        bytes32 pool,
        uint64 epoch,
        IUtilizationOracle.Observation memory obs
    ) external view {
        assertEq(oracle.reportDigest(pool, epoch, obs), OracleTestLib.digest(address(oracle), pool, epoch, obs, 2));
    }
}
