// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";
import {OracleTestLib} from "../utils/OracleTestLib.sol";

/// @notice Branching-tree tests of `submitReport` (see submitReport.tree).
contract SubmitReport_Unit_Test is OracleBase {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    /// @dev Builds three distinct observations whose per-field medians come from different reporters.
    function _spreadObservations() internal view returns (IUtilizationOracle.Observation[] memory obs) {
        uint64 t = uint64(block.timestamp);
        obs = new IUtilizationOracle.Observation[](3);
        obs[0] = _obs(9000, 9800, 300, 50, t - 10);
        obs[1] = _obs(7000, 9950, 100, 10, t - 30);
        obs[2] = _obs(8000, 9900, 200, 30, t - 20);
    }

    function _expectedSpreadReport(uint64 epoch) internal view returns (IUtilizationOracle.PoolReport memory r) {
        r = IUtilizationOracle.PoolReport({
            epoch: epoch,
            observedAt: uint64(block.timestamp - 20),
            utilizationBps: 8000,
            uptimeBps: 9900,
            configVersion: 1,
            signerCount: 3,
            deliveredGpuHours: 200,
            energyKwh: 30
        });
    }

    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheArraysDifferInLength() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);
        bytes[] memory fewer = new bytes[](2);
        (fewer[0], fewer[1]) = (sigs[0], sigs[1]);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_LengthMismatch.selector, 3, 2));
        oracle.submitReport(POOL, 1, obs, fewer);
    }

    function test_RevertWhen_SomeObservationsButFewerThanTheQuorumAreGiven() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 2);
        bytes[] memory sigs = _signAll(_firstKeys(2), POOL, 1, obs);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_QuorumNotMet.selector, 2, QUORUM));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_NoObservationIsGiven() external {
        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_QuorumNotMet.selector, 0, QUORUM));
        oracle.submitReport(POOL, 1, new IUtilizationOracle.Observation[](0), new bytes[](0));
    }

    function test_RevertWhen_ThePoolHasNoReportAndTheEpochIsZero() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 0, obs);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochNotIncreasing.selector, POOL, 0, 0));
        oracle.submitReport(POOL, 0, obs, sigs);
    }

    function test_RevertWhen_TheSameReportIsSubmittedTwice() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 7, obs);
        oracle.submitReport(POOL, 7, obs, sigs);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochNotIncreasing.selector, POOL, 7, 7));
        oracle.submitReport(POOL, 7, obs, sigs);
    }

    function test_RevertWhen_TheEpochIsBelowTheLastStoredEpoch() external {
        _submitDefault(POOL, 7, 3);
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 6, obs);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochNotIncreasing.selector, POOL, 6, 7));
        oracle.submitReport(POOL, 6, obs, sigs);
    }

    function test_RevertWhen_AUtilizationValueExceeds10000Bps() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        obs[1].utilizationBps = 10_001;
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);

        vm.expectRevert(
            abi.encodeWithSelector(IUtilizationOracle.Oracle_UtilizationOutOfRange.selector, 10_001, 10_000)
        );
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_AnUptimeValueExceeds10000Bps() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        obs[2].uptimeBps = type(uint16).max;
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);

        vm.expectRevert(
            abi.encodeWithSelector(IUtilizationOracle.Oracle_UptimeOutOfRange.selector, type(uint16).max, 10_000)
        );
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_AnObservationIsTimestampedInTheFuture() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        obs[0].observedAt = uint64(block.timestamp + 1);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);

        vm.expectRevert(
            abi.encodeWithSelector(
                IUtilizationOracle.Oracle_FutureObservation.selector, block.timestamp + 1, block.timestamp
            )
        );
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_AnObservationIsOlderThanMaxAge() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        uint64 old = uint64(block.timestamp - MAX_AGE - 1);
        obs[2].observedAt = old;
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_ObservationTooOld.selector, old, MAX_AGE));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_ASignatureIsNot65BytesLong() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);
        (, bytes32 r, bytes32 s) = vm.sign(reporterKeys[1], OracleTestLib.digest(address(oracle), POOL, 1, obs[1], 1));
        sigs[1] = abi.encodePacked(r, s); // 64 bytes, v dropped

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_InvalidSignature.selector, 1));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_ASignaturesSValueIsInTheUpperHalf() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(reporterKeys[2], OracleTestLib.digest(address(oracle), POOL, 1, obs[2], 1));
        // The malleable twin (n - s, flipped v) recovers to the same signer but must be rejected.
        sigs[2] = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_InvalidSignature.selector, 2));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_ASignaturesVValueIsInvalid() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);
        (, bytes32 r, bytes32 s) = vm.sign(reporterKeys[0], OracleTestLib.digest(address(oracle), POOL, 1, obs[0], 1));
        sigs[0] = abi.encodePacked(r, s, uint8(29));

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_InvalidSignature.selector, 0));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_ASignatureIsAllZeroBytes() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);
        sigs[1] = new bytes(65);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_InvalidSignature.selector, 1));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_TheSignerNeverWasAReporter() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        uint256[] memory keys = _firstKeys(3);
        keys[1] = strangerKey;
        bytes[] memory sigs = _signAll(keys, POOL, 1, obs);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_UnauthorizedSigner.selector, stranger));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_TheSignerWasRemovedBySetReporters() external {
        // New set: reporters 1..4, so reporter 0 is removed.
        address[] memory next = new address[](4);
        for (uint256 i; i < 4; ++i) {
            next[i] = reporterAddrs[i + 1];
        }
        vm.prank(admin);
        oracle.setReporters(next, 3);

        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs); // signed under version 2

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_UnauthorizedSigner.selector, reporterAddrs[0]));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_TheSignatureWasMadeForAnOlderConfiguration() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs); // version 1

        // Same reporters, same quorum: only the version changes.
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, QUORUM);
        assertEq(oracle.configVersion(), 2);

        // The version-1 signature recovers to an unrelated address under the version-2 digest.
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(reporterKeys[0], OracleTestLib.digest(address(oracle), POOL, 1, obs[0], 1));
        address recovered = ecrecover(OracleTestLib.digest(address(oracle), POOL, 1, obs[0], 2), v, r, s);
        assertTrue(!oracle.isReporter(recovered));

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_UnauthorizedSigner.selector, recovered));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_TheSignedValuesDifferFromTheSubmittedObservation() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);
        obs[1].deliveredGpuHours += 1;

        vm.expectPartialRevert(IUtilizationOracle.Oracle_UnauthorizedSigner.selector);
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_AReporterSignedTwoEqualObservations() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        uint256[] memory keys = _firstKeys(3);
        keys[2] = reporterKeys[0];
        bytes[] memory sigs = _signAll(keys, POOL, 1, obs);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_DuplicateSigner.selector, reporterAddrs[0]));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_RevertWhen_AReporterSignedTwoDifferentObservations() external {
        IUtilizationOracle.Observation[] memory obs = _spreadObservations();
        uint256[] memory keys = _firstKeys(3);
        keys[1] = reporterKeys[2];
        bytes[] memory sigs = _signAll(keys, POOL, 1, obs);

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_DuplicateSigner.selector, reporterAddrs[2]));
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_When_EachFieldsMedianComesFromADifferentReporter() external {
        _submit(POOL, 1, _spreadObservations());
        _assertReport(oracle.latest(POOL), _expectedSpreadReport(1));
    }

    function test_When_TheConfigurationHasALaterVersion() external {
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, 2); // version 2, quorum 2
        _submitDefault(POOL, 1, 4);

        IUtilizationOracle.PoolReport memory r = oracle.latest(POOL);
        assertEq(r.configVersion, 2);
        assertEq(r.signerCount, 4);
    }

    function test_When_TheEmittedEventsAreChecked() external {
        IUtilizationOracle.Observation[] memory obs = _spreadObservations();
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);

        vm.expectEmit(address(oracle));
        emit IUtilizationOracle.ReportSubmitted(POOL, 1, 8000, 9900, 200, 30, uint64(block.timestamp - 20), 3);
        oracle.submitReport(POOL, 1, obs, sigs);
    }

    function test_When_TheObservationCountIsEven() external {
        uint64 t = uint64(block.timestamp);
        IUtilizationOracle.Observation[] memory obs = new IUtilizationOracle.Observation[](4);
        obs[0] = _obs(4000, 10_000, 40, 400, t - 4);
        obs[1] = _obs(1000, 9700, 10, 100, t - 1);
        obs[2] = _obs(3000, 9900, 30, 300, t - 3);
        obs[3] = _obs(2000, 9800, 20, 200, t - 2);
        _submit(POOL, 1, obs);

        IUtilizationOracle.PoolReport memory r = oracle.latest(POOL);
        assertEq(r.utilizationBps, 2000);
        assertEq(r.uptimeBps, 9800);
        assertEq(r.deliveredGpuHours, 20);
        assertEq(r.energyKwh, 200);
        assertEq(r.observedAt, t - 3);
        assertEq(r.signerCount, 4);
    }

    function test_When_TheSignaturesComeInAnyOrder() external {
        IUtilizationOracle.Observation[] memory obs = _spreadObservations();
        uint256[] memory keys = new uint256[](3);
        (keys[0], keys[1], keys[2]) = (reporterKeys[4], reporterKeys[0], reporterKeys[2]);
        oracle.submitReport(POOL, 1, obs, _signAll(keys, POOL, 1, obs));

        _assertReport(oracle.latest(POOL), _expectedSpreadReport(1));
    }

    function test_When_TheCallerIsNotAReporter() external {
        IUtilizationOracle.Observation[] memory obs = _spreadObservations();
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 1, obs);

        vm.prank(outsider);
        oracle.submitReport(POOL, 1, obs, sigs);
        _assertReport(oracle.latest(POOL), _expectedSpreadReport(1));
    }

    function test_When_AnObservationIsExactlyMaxAgeOld() external {
        IUtilizationOracle.Observation[] memory obs = _repeat(_defaultObs(), 3);
        obs[0].observedAt = uint64(block.timestamp - MAX_AGE);
        obs[1].observedAt = uint64(block.timestamp - MAX_AGE);
        _submit(POOL, 1, obs);

        assertEq(oracle.latest(POOL).observedAt, block.timestamp - MAX_AGE);
    }

    function test_When_MoreThanQuorumReportersSigned() external {
        _submitDefault(POOL, 1, 5);
        assertEq(oracle.latest(POOL).signerCount, 5);
    }

    function test_When_AnotherPoolIsReported() external {
        _submit(POOL, 5, _spreadObservations());
        _submitDefault(POOL_2, 1, 3);
        _submitDefault(POOL_2, 2, 3);

        _assertReport(oracle.latest(POOL), _expectedSpreadReport(5));
        assertEq(oracle.latest(POOL_2).epoch, 2);
        assertEq(oracle.latest(POOL_2).utilizationBps, 8000);
    }

    function test_When_TheEpochSkipsAhead() external {
        _submitDefault(POOL, 1, 3);
        _submitDefault(POOL, 1000, 3);
        assertEq(oracle.latest(POOL).epoch, 1000);
    }
}
