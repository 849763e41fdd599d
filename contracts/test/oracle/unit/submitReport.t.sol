// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "../OracleBase.sol";

/// @notice Branching-tree tests of `submitReport` (see submitReport.tree).
contract SubmitReport_Unit_Test is OracleBase {
    /// @dev Expects `submitReport(report, sigs)` to revert with `err`.
    function _expectSubmitRevert(IUtilizationOracle.Report memory report, bytes[] memory sigs, bytes memory err)
        internal
    {
        vm.expectRevert(err);
        oracle.submitReport(report, sigs);
    }

    /// @dev Submits the default report for `POOL` at `epoch` with the given counters, signed by three reporters.
    function _submitCounters(uint64 epoch, uint64 delivered, uint64 energy, uint64 curtailed) internal {
        IUtilizationOracle.Report memory report = _report(POOL, epoch);
        (report.deliveredGpuHours, report.energyKwh, report.curtailedGpuHours) = (delivered, energy, curtailed);
        _submit(report, 3);
    }

    /*//////////////////////////////////////////////////////////////
                        CONFIGURATION AND QUORUM
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheReportNamesAnOlderConfigVersion() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1); // version 1
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, QUORUM); // version 2, same reporters

        _expectSubmitRevert(
            report, sigs, abi.encodeWithSelector(IUtilizationOracle.Oracle_WrongConfigVersion.selector, 1, 2)
        );
    }

    function test_RevertWhen_TheReportNamesALaterConfigVersion() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.configVersion = 2;
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_WrongConfigVersion.selector, 2, 1)
        );
    }

    function test_RevertWhen_SomeSignaturesButFewerThanTheQuorumAreGiven() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(2), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_QuorumNotMet.selector, 2, QUORUM)
        );
    }

    function test_RevertWhen_NoSignatureIsGiven() external {
        _expectSubmitRevert(
            _report(POOL, 1),
            new bytes[](0),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_QuorumNotMet.selector, 0, QUORUM)
        );
    }

    /*//////////////////////////////////////////////////////////////
                                OBSERVERS
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheObserverBitmapNamesAPositionBeyondTheReporterCount() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.observers = _mask(NUM_REPORTERS) | uint32(uint256(1) << NUM_REPORTERS); // position 5 of 0..4
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_UnknownObserver.selector, report.observers, NUM_REPORTERS)
        );
    }

    function test_RevertWhen_TheObserverBitmapIsEmpty() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.observers = 0;
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_TooFewObservers.selector, 0, QUORUM)
        );
    }

    function test_RevertWhen_TheObserverBitmapHasOneBitLessThanTheQuorum() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.observers = 0x11; // positions 0 and 4
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_TooFewObservers.selector, 2, QUORUM)
        );
    }

    /*//////////////////////////////////////////////////////////////
                                SEQUENCE
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_ThePoolHasNoReportAndTheEpochIsZero() external {
        IUtilizationOracle.Report memory report = _report(POOL, 0);
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochNotIncreasing.selector, POOL, 0, 0)
        );
    }

    function test_RevertWhen_TheSameReportIsSubmittedTwice() external {
        IUtilizationOracle.Report memory report = _report(POOL, 7);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        oracle.submitReport(report, sigs);

        _expectSubmitRevert(
            report, sigs, abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochNotIncreasing.selector, POOL, 7, 7)
        );
    }

    function test_RevertWhen_TheEpochIsBelowTheLastStoredEpoch() external {
        _submitDefault(POOL, 7, 3);
        IUtilizationOracle.Report memory report = _report(POOL, 6);
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochNotIncreasing.selector, POOL, 6, 7)
        );
    }

    function test_RevertWhen_TheEpochJumpsMoreThanMAXEPOCHGAPPastTheLastEpoch() external {
        _submitDefault(POOL, 100, 3);
        uint64 epoch = 100 + MAX_EPOCH_GAP + 1;
        IUtilizationOracle.Report memory report = _report(POOL, epoch);
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochGapTooLarge.selector, POOL, epoch, 100, MAX_EPOCH_GAP)
        );
        assertEq(oracle.MAX_EPOCH_GAP(), MAX_EPOCH_GAP);
    }

    function test_RevertWhen_TheDeliveredGPUHoursDecrease() external {
        _submitCounters(1, 1200, 5400, 30);
        IUtilizationOracle.Report memory report = _report(POOL, 2);
        report.deliveredGpuHours = 1199;
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_DeliveredDecreased.selector, POOL, 1199, 1200)
        );
    }

    function test_RevertWhen_TheEnergyDecreases() external {
        _submitCounters(1, 1200, 5400, 30);
        IUtilizationOracle.Report memory report = _report(POOL, 2);
        report.energyKwh = 5399;
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_EnergyDecreased.selector, POOL, 5399, 5400)
        );
    }

    function test_RevertWhen_TheCurtailedGPUHoursDecrease() external {
        _submitCounters(1, 1200, 5400, 30);
        IUtilizationOracle.Report memory report = _report(POOL, 2);
        report.curtailedGpuHours = 29;
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_CurtailedDecreased.selector, POOL, 29, 30)
        );
    }

    /*//////////////////////////////////////////////////////////////
                                 VALUES
    //////////////////////////////////////////////////////////////*/

    function test_RevertWhen_TheUtilizationExceeds10000Bps() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.utilizationBps = 10_001;
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_UtilizationOutOfRange.selector, 10_001, 10_000)
        );
    }

    function test_RevertWhen_TheUptimeExceeds10000Bps() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.uptimeBps = type(uint16).max;
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_UptimeOutOfRange.selector, type(uint16).max, 10_000)
        );
    }

    function test_RevertWhen_TheReportIsTimestampedInTheFuture() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.observedAt = uint64(block.timestamp + 1);
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(
                IUtilizationOracle.Oracle_FutureReport.selector, block.timestamp + 1, block.timestamp
            )
        );
    }

    function test_RevertWhen_TheReportIsOlderThanMaxAge() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        uint64 old = uint64(block.timestamp - MAX_AGE - 1);
        report.observedAt = old;
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_ReportTooOld.selector, old, MAX_AGE)
        );
    }

    /*//////////////////////////////////////////////////////////////
                               SIGNATURES
    //////////////////////////////////////////////////////////////*/

    function _invalidSignature(uint256 index) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IUtilizationOracle.Oracle_InvalidSignature.selector, index);
    }

    function test_RevertWhen_ASignatureIsNot65BytesLong() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        bytes memory sig = sigs[1];
        assembly ("memory-safe") {
            mstore(sig, 64) // v dropped
        }
        _expectSubmitRevert(report, sigs, _invalidSignature(1));
    }

    function test_RevertWhen_ASignaturesSValueIsInTheUpperHalf() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(reporterKeys[2], oracle.hashReport(report));
        // The malleable twin (n - s, flipped v) recovers to the same signer but must be rejected.
        sigs[2] = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        _expectSubmitRevert(report, sigs, _invalidSignature(2));
    }

    function test_RevertWhen_ASignaturesVValueIsInvalid() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        sigs[0][64] = bytes1(uint8(29));
        _expectSubmitRevert(report, sigs, _invalidSignature(0));
    }

    function test_RevertWhen_ASignatureIsAllZeroBytes() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        sigs[1] = new bytes(65);
        _expectSubmitRevert(report, sigs, _invalidSignature(1));
    }

    function test_RevertWhen_TheSignerNeverWasAReporter() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        uint256[] memory keys = _firstKeys(3);
        keys[1] = strangerKey;
        _expectSubmitRevert(
            report,
            _signAll(keys, report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_UnauthorizedSigner.selector, stranger)
        );
    }

    function test_RevertWhen_TheSignerWasRemovedBySetReporters() external {
        // New set: reporters 1..4, so reporter 0 is removed.
        address[] memory next = new address[](4);
        for (uint256 i; i < 4; ++i) {
            next[i] = reporterAddrs[i + 1];
        }
        vm.prank(admin);
        oracle.setReporters(next, 3);

        IUtilizationOracle.Report memory report = _report(POOL, 1); // version 2, observers 0..3
        _expectSubmitRevert(
            report,
            _signAll(_firstKeys(3), report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_UnauthorizedSigner.selector, reporterAddrs[0])
        );
    }

    /// @dev One field is enough: the first signature already recovers to an unrelated address.
    function test_RevertWhen_AFieldWasChangedAfterSigning() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        report.deliveredGpuHours += 1;

        _expectUnauthorizedSigner(report, sigs[0]);
        oracle.submitReport(report, sigs);
    }

    /// @dev Reporters 1 and 2 signed one aggregate, reporter 0 another: neither report has a quorum.
    function test_RevertWhen_TheSignaturesCoverDifferentReports() external {
        IUtilizationOracle.Report memory agreed = _report(POOL, 1);
        IUtilizationOracle.Report memory other = _report(POOL, 1);
        other.uptimeBps = 9000;
        bytes[] memory sigs = _signAll(_firstKeys(3), agreed);
        sigs[0] = _sign(reporterKeys[0], other);

        _expectUnauthorizedSigner(agreed, sigs[0]);
        oracle.submitReport(agreed, sigs);
        _expectUnauthorizedSigner(other, sigs[1]);
        oracle.submitReport(other, sigs);
    }

    function test_RevertWhen_AReporterSignedTwice() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        uint256[] memory keys = _firstKeys(3);
        keys[2] = reporterKeys[0];
        _expectSubmitRevert(
            report,
            _signAll(keys, report),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_DuplicateSigner.selector, reporterAddrs[0])
        );
    }

    /*//////////////////////////////////////////////////////////////
                                SUCCESS
    //////////////////////////////////////////////////////////////*/

    function test_When_AllSignersAreDistinctCurrentReporters() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        _submit(report, 3);
        _assertStored(POOL, report, 3);
    }

    function test_When_TheEmittedEventsAreChecked() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);

        vm.expectEmit(address(oracle));
        emit IUtilizationOracle.ReportSubmitted(
            POOL, 1, 8000, 9950, 1200, 5400, 30, uint64(block.timestamp), _mask(NUM_REPORTERS), 3
        );
        oracle.submitReport(report, sigs);
    }

    function test_When_TheSignaturesComeInAnyOrder() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        uint256[] memory keys = new uint256[](3);
        (keys[0], keys[1], keys[2]) = (reporterKeys[4], reporterKeys[0], reporterKeys[2]);
        oracle.submitReport(report, _signAll(keys, report));
        _assertStored(POOL, report, 3);
    }

    function test_When_TheCallerIsNotAReporter() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        vm.prank(outsider);
        oracle.submitReport(report, sigs);
        _assertStored(POOL, report, 3);
    }

    /// @dev Reporters 0..2 observed, reporters 2..4 signed: a signer vouches for the aggregate and for who observed.
    function test_When_TheSignersAreNotTheObservers() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.observers = 0x07;
        uint256[] memory keys = new uint256[](3);
        (keys[0], keys[1], keys[2]) = (reporterKeys[2], reporterKeys[3], reporterKeys[4]);
        oracle.submitReport(report, _signAll(keys, report));
        _assertStored(POOL, report, 3);
    }

    function test_When_TheReportIsExactlyMaxAgeOld() external {
        IUtilizationOracle.Report memory report = _report(POOL, 1);
        report.observedAt = uint64(block.timestamp - MAX_AGE);
        _submit(report, 3);
        assertEq(oracle.latest(POOL).observedAt, block.timestamp - MAX_AGE);
    }

    function test_When_MoreThanQuorumReportersSigned() external {
        _submitDefault(POOL, 1, 5);
        assertEq(oracle.latest(POOL).signerCount, 5);
    }

    function test_When_TheEpochJumpsExactlyMAXEPOCHGAP() external {
        _submitDefault(POOL, 100, 3);
        _submitDefault(POOL, 100 + MAX_EPOCH_GAP, 3);
        assertEq(oracle.latest(POOL).epoch, 100 + MAX_EPOCH_GAP);
    }

    /// @dev The gap only bounds later epochs; a pool's epoch numbering may start anywhere (`rewindEpoch` is the way
    /// out when it starts absurdly high, rewindEpoch.tree).
    function test_When_ThePoolsFirstReportHasAnyEpoch() external {
        _submitDefault(POOL, type(uint64).max, 3);
        assertEq(oracle.latest(POOL).epoch, type(uint64).max);
    }

    function test_When_TheCumulativeCountersDoNotChange() external {
        _submitCounters(1, 1200, 5400, 30);
        vm.warp(block.timestamp + 1 hours);
        _submitCounters(2, 1200, 5400, 30); // an idle epoch: nothing delivered, drawn or curtailed
        assertEq(oracle.latest(POOL).epoch, 2);
        assertEq(oracle.latest(POOL).deliveredGpuHours, 1200);
    }

    /// @dev Bit 31 of the observers and the 32nd reporter's bit of the duplicate-signer bitmap are both reached.
    function test_When_32ReportersAreConfiguredAndAllOfThemObserved() external {
        uint256[] memory keys = new uint256[](32);
        address[] memory list = new address[](32);
        for (uint256 i; i < 32; ++i) {
            (list[i], keys[i]) = makeAddrAndKey(string.concat("many", vm.toString(i)));
        }
        vm.prank(admin);
        oracle.setReporters(list, 32);

        IUtilizationOracle.Report memory report = _report(POOL, 1);
        assertEq(report.observers, type(uint32).max);
        oracle.submitReport(report, _signAll(keys, report));
        _assertStored(POOL, report, 32);
    }

    function test_When_TheConfigurationHasALaterVersion() external {
        vm.prank(admin);
        oracle.setReporters(reporterAddrs, 2); // version 2, quorum 2
        _submitDefault(POOL, 1, 4);

        IUtilizationOracle.PoolReport memory stored = oracle.latest(POOL);
        assertEq(stored.configVersion, 2);
        assertEq(stored.signerCount, 4);
    }

    function test_When_AnotherPoolIsReported() external {
        IUtilizationOracle.Report memory first = _report(POOL, 5);
        _submit(first, 3);
        // POOL_2's own counters start lower and its epochs anywhere: nothing is shared with POOL.
        IUtilizationOracle.Report memory other = _report(POOL_2, 1);
        (other.deliveredGpuHours, other.energyKwh, other.curtailedGpuHours) = (7, 8, 0);
        _submit(other, 3);
        other.epoch = 2;
        _submit(other, 4);

        _assertStored(POOL, first, 3);
        _assertStored(POOL_2, other, 4);
    }
}
