// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {IComputeEscrow} from "../../src/interfaces/IComputeEscrow.sol";
import {IUtilizationOracle} from "../../src/interfaces/IUtilizationOracle.sol";
import {UtilizationOracle} from "../../src/oracle/UtilizationOracle.sol";
import {EscrowBase} from "../escrow/EscrowBase.sol";
import {OracleTestLib} from "./utils/OracleTestLib.sol";

/// @notice Regression tests of the oracle-network findings O-1 … O-4 (docs/SPEC.md, "Review findings"), one attack
/// or failure per test, on the whole suite (the O-3 and O-4 findings are about what the escrow decides from a report).
/// The unit trees carry the same rules branch by branch (marked `(O-n)`); this file is the auditor's index.
/// @dev The oracle runs a Byzantine-tolerant configuration: n = 7 reporters, f = 2 of them faulty (positions 5 and
/// 6, the "colluders"), quorum 5 = 2f + 1, so n = 3f + 1 and the five honest reporters alone are live.
contract OracleSecurityFindings_Test is EscrowBase {
    uint256 internal constant N = 7;
    uint8 internal constant Q = 5;

    /// @dev Position i of the oracle's reporter set signs with `keys[i]`.
    uint256[N] internal keys;
    address[N] internal addrs;
    address internal relayer = makeAddr("relayer");

    function setUp() public override {
        super.setUp();
        for (uint256 i; i < 5; ++i) {
            (addrs[i], keys[i]) = (reporterAddrs[i], reporterKeys[i]);
        }
        (addrs[5], keys[5]) = makeAddrAndKey("colluder5");
        (addrs[6], keys[6]) = makeAddrAndKey("colluder6");
        vm.prank(admin);
        oracle.setReporters(_addrList(), Q); // version 2
        vm.warp(block.timestamp + 2 days); // inside the lot's window
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _addrList() internal view returns (address[] memory list) {
        list = new address[](N);
        for (uint256 i; i < N; ++i) {
            list[i] = addrs[i];
        }
    }

    /// @dev An aggregate for `(pool, epoch)` that every reporter observed, under the current configuration.
    function _agg(bytes32 pool, uint64 epoch, uint16 uptimeBps, uint64 delivered)
        internal
        view
        returns (IUtilizationOracle.Report memory report)
    {
        report = _reportOf(pool, epoch, uptimeBps, delivered, N);
    }

    /// @dev Signatures of `report` by the reporters at `positions`, in that order.
    function _sigs(uint256[] memory positions, IUtilizationOracle.Report memory report)
        internal
        view
        returns (bytes[] memory sigs)
    {
        bytes32 digest = oracle.hashReport(report);
        sigs = new bytes[](positions.length);
        for (uint256 i; i < positions.length; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[positions[i]], digest);
            sigs[i] = abi.encodePacked(r, s, v);
        }
    }

    function _positions(uint256 a, uint256 b) internal pure returns (uint256[] memory p) {
        p = new uint256[](2);
        (p[0], p[1]) = (a, b);
    }

    /// @dev The five honest reporters (positions 0..4): a quorum on their own.
    function _honest() internal pure returns (uint256[] memory p) {
        p = new uint256[](5);
        for (uint256 i; i < 5; ++i) {
            p[i] = i;
        }
    }

    /// @dev The honest quorum attests `(POOL, epoch)` now.
    function _attest(uint64 epoch, uint16 uptimeBps, uint64 delivered) internal {
        IUtilizationOracle.Report memory report = _agg(POOL, epoch, uptimeBps, delivered);
        vm.prank(relayer);
        oracle.submitReport(report, _sigs(_honest(), report));
    }

    /// @dev `Oracle_UnauthorizedSigner` naming what `sig` recovers to over `report`'s digest (a signature over
    /// other bytes recovers to an unrelated address).
    function _unauthorized(IUtilizationOracle.Report memory report, bytes memory sig)
        internal
        view
        returns (bytes memory)
    {
        address recovered = ECDSA.recover(oracle.hashReport(report), sig);
        assertFalse(oracle.isReporter(recovered));
        return abi.encodeWithSelector(IUtilizationOracle.Oracle_UnauthorizedSigner.selector, recovered);
    }

    function _expectSubmitRevert(IUtilizationOracle.Report memory report, bytes[] memory sigs, bytes memory err)
        internal
    {
        vm.expectRevert(err);
        vm.prank(relayer);
        oracle.submitReport(report, sigs);
    }

    function _noReportSince(uint256 id) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IComputeEscrow.Escrow_NoReportSinceRedemption.selector, id, 0, escrow.redemption(id).openedAt
        );
    }

    function _insufficient(uint256 id, uint64 delivered) internal view returns (bytes memory) {
        return abi.encodeWithSelector(
            IComputeEscrow.Escrow_InsufficientDeliveredHours.selector, id, delivered, escrow.redemption(id).deliveredBy
        );
    }

    function _isDelivered(uint256 id) internal view returns (bool) {
        return escrow.redemption(id).status == IComputeEscrow.RedemptionStatus.Delivered;
    }

    /*//////////////////////////////////////////////////////////////
          O-1 FEWER REPORTERS THAN THE QUORUM CONTROLLED THE VALUE
    //////////////////////////////////////////////////////////////*/

    /// @dev Before, the submitter picked `quorum` individually signed observations and the median of that set was
    /// stored, so ceil(quorum / 2) colluders decided it. Now f colluders cannot get ANY report accepted: their
    /// signatures are fewer than the quorum, and repeating them does not count twice.
    function test_O1_RevertWhen_FewerThanQuorumColludersSignAReport() external {
        uint256 id = _redeem(alice, 40);
        // The colluders fake an SLA breach (uptime 0) to refund alice from the provider's bond.
        IUtilizationOracle.Report memory fake = _agg(POOL, 1, 0, 0);
        _expectSubmitRevert(
            fake,
            _sigs(_positions(5, 6), fake),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_QuorumNotMet.selector, 2, Q)
        );

        // Padded to the quorum with their own signatures again.
        uint256[] memory padded = new uint256[](Q);
        for (uint256 i; i < Q; ++i) {
            padded[i] = 5 + i % 2;
        }
        _expectSubmitRevert(
            fake,
            _sigs(padded, fake),
            abi.encodeWithSelector(IUtilizationOracle.Oracle_DuplicateSigner.selector, addrs[5])
        );

        // Even quorum - 1 = 4 signers (the colluders and two honest reporters fooled into signing) are not enough.
        uint256[] memory four = new uint256[](4);
        (four[0], four[1], four[2], four[3]) = (5, 6, 0, 1);
        _expectSubmitRevert(
            fake, _sigs(four, fake), abi.encodeWithSelector(IUtilizationOracle.Oracle_QuorumNotMet.selector, 4, Q)
        );

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_NoReport.selector, POOL));
        oracle.latest(POOL);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_NoRefundDue.selector, id, escrow.redemption(id).deadline)
        );
        escrow.claimRefund(id);
    }

    /// @dev Signatures are over the whole report: the colluders' signatures over their own report cannot be counted
    /// for the honest one, nor the honest signatures for theirs. A quorum must sign the same bytes.
    function test_O1_RevertWhen_SignaturesOverDifferentReportsAreCombined() external {
        IUtilizationOracle.Report memory honest = _agg(POOL, 1, 9950, 120);
        IUtilizationOracle.Report memory fake = _agg(POOL, 1, 0, 120);
        uint256[] memory three = new uint256[](3);
        (three[0], three[1], three[2]) = (0, 1, 2);
        bytes[] memory honestSigs = _sigs(three, honest);
        bytes[] memory fakeSigs = _sigs(_positions(5, 6), fake);
        bytes[] memory mixed = new bytes[](5);
        (mixed[0], mixed[1], mixed[2], mixed[3], mixed[4]) =
        (honestSigs[0], honestSigs[1], honestSigs[2], fakeSigs[0], fakeSigs[1]);

        _expectSubmitRevert(honest, mixed, _unauthorized(honest, fakeSigs[0]));
        _expectSubmitRevert(fake, mixed, _unauthorized(fake, honestSigs[0]));

        // The honest quorum signing the same report is accepted.
        vm.prank(relayer);
        oracle.submitReport(honest, _sigs(_honest(), honest));
        assertEq(oracle.latest(POOL).uptimeBps, 9950);
    }

    /// @dev The colluders' observations still go into the round (they are reporters), at the extremes: the lower
    /// median of 7 observations with 2 outliers stays inside the honest range, and the honest quorum alone signs it.
    function test_O1_ColludersObservationsCannotMoveTheAggregateOutOfTheHonestRange() external {
        OracleTestLib.Observation[] memory obs = new OracleTestLib.Observation[](N);
        uint64 t = uint64(block.timestamp);
        for (uint256 i; i < 5; ++i) {
            obs[i] = OracleTestLib.Observation(uint16(8000 + i), uint16(9950 + i), uint64(120 + i), 700, 0, t);
        }
        obs[5] = OracleTestLib.Observation(0, 0, 0, 0, 0, t);
        obs[6] = OracleTestLib.Observation(0, 0, 0, 0, 0, t);
        IUtilizationOracle.Report memory report =
            OracleTestLib.aggregate(POOL, 1, obs, uint32(2 ** N - 1), oracle.configVersion());
        // Sorted uptimes: 0, 0, 9950, 9951, ...: the lower median (element 3) is an honest value.
        assertEq(report.uptimeBps, 9951, "an honest value, not the colluders' 0");
        assertEq(report.deliveredGpuHours, 121);

        vm.prank(relayer);
        oracle.submitReport(report, _sigs(_honest(), report));
        assertEq(oracle.latest(POOL).uptimeBps, 9951);
    }

    /*//////////////////////////////////////////////////////////////
             O-2 THE RELAYER CHOSE THE OBSERVATIONS; FIRST WAS FINAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Before, the relayer chose which signed observations to include and so moved the median. Now it holds one
    /// report that every signer signed: changing any field (the observer bitmap included) invalidates every signature.
    function test_O2_RevertWhen_RelayerAltersAnyFieldOfASignedReport() external {
        IUtilizationOracle.Report memory signed = _agg(POOL, 5, 9950, 120);
        bytes[] memory sigs = _sigs(_honest(), signed);
        for (uint256 field; field < 10; ++field) {
            IUtilizationOracle.Report memory changed = _agg(POOL, 5, 9950, 120);
            if (field == 0) changed.poolId = POOL_2;
            if (field == 1) changed.epoch = 6;
            if (field == 2) changed.utilizationBps = 9000;
            if (field == 3) changed.uptimeBps = 9000;
            if (field == 4) changed.deliveredGpuHours = 1000;
            if (field == 5) changed.energyKwh = 1;
            if (field == 6) changed.curtailedGpuHours = 10;
            if (field == 7) changed.observedAt -= 60;
            if (field == 8) changed.observers = 0x1f; // only the five honest reporters' observations
            if (field == 9) changed.configVersion = 1;
            for (uint256 k; k < sigs.length; ++k) {
                assertNotEq(ECDSA.recover(oracle.hashReport(changed), sigs[k]), addrs[k], "a signature survived");
            }
            _expectSubmitRevert(
                changed,
                sigs,
                field == 9
                    ? abi.encodeWithSelector(IUtilizationOracle.Oracle_WrongConfigVersion.selector, 1, 2)
                    : _unauthorized(changed, sigs[0])
            );
        }
        vm.prank(relayer);
        oracle.submitReport(signed, sigs);
        assertEq(oracle.latest(POOL).epoch, 5);
    }

    /// @dev Nor can it drop signers below the quorum, swap one for its own key, or count one twice.
    function test_O2_RevertWhen_RelayerDropsSignersBelowTheQuorum() external {
        IUtilizationOracle.Report memory report = _agg(POOL, 1, 9950, 120);
        bytes[] memory sigs = _sigs(_honest(), report);

        bytes[] memory four = new bytes[](4);
        for (uint256 i; i < 4; ++i) {
            four[i] = sigs[i];
        }
        _expectSubmitRevert(report, four, abi.encodeWithSelector(IUtilizationOracle.Oracle_QuorumNotMet.selector, 4, Q));

        bytes[] memory swapped = _sigs(_honest(), report);
        (, uint256 relayerKey) = makeAddrAndKey("relayer");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(relayerKey, oracle.hashReport(report));
        swapped[4] = abi.encodePacked(r, s, v);
        _expectSubmitRevert(
            report, swapped, abi.encodeWithSelector(IUtilizationOracle.Oracle_UnauthorizedSigner.selector, relayer)
        );

        bytes[] memory doubled = _sigs(_honest(), report);
        doubled[4] = doubled[0];
        _expectSubmitRevert(
            report, doubled, abi.encodeWithSelector(IUtilizationOracle.Oracle_DuplicateSigner.selector, addrs[0])
        );
    }

    /// @dev Nor replay the signatures for another pool, another epoch, another configuration or another oracle; the
    /// same report twice is refused by the epoch rule.
    function test_O2_RevertWhen_RelayerReplaysASignedReport() external {
        IUtilizationOracle.Report memory report = _agg(POOL, 1, 9950, 120);
        bytes[] memory sigs = _sigs(_honest(), report);
        vm.prank(relayer);
        oracle.submitReport(report, sigs);

        _expectSubmitRevert(
            report, sigs, abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochNotIncreasing.selector, POOL, 1, 1)
        );
        IUtilizationOracle.Report memory replay = _agg(POOL_2, 1, 9950, 120);
        _expectSubmitRevert(replay, sigs, _unauthorized(replay, sigs[0]));
        replay = _agg(POOL, 2, 9950, 120);
        _expectSubmitRevert(replay, sigs, _unauthorized(replay, sigs[0]));

        // Another deployment with the same reporters at the same configuration version: another EIP-712 domain.
        UtilizationOracle twin = new UtilizationOracle(admin, 0, _firstReporters(3), 2, ORACLE_MAX_AGE);
        vm.prank(admin);
        twin.setReporters(_addrList(), Q);
        vm.expectPartialRevert(IUtilizationOracle.Oracle_UnauthorizedSigner.selector);
        twin.submitReport(report, sigs);

        // A new configuration (same reporters): the old signatures are for version 2.
        vm.prank(admin);
        oracle.setReporters(_addrList(), Q);
        replay = _agg(POOL, 2, 9950, 120);
        replay.configVersion = 2;
        _expectSubmitRevert(
            replay, sigs, abi.encodeWithSelector(IUtilizationOracle.Oracle_WrongConfigVersion.selector, 2, 3)
        );
        replay.configVersion = 3;
        _expectSubmitRevert(replay, sigs, _unauthorized(replay, sigs[0]));
    }

    /*//////////////////////////////////////////////////////////////
               O-3 DELIVERY HAD TO FIT INSIDE ONE EPOCH
    //////////////////////////////////////////////////////////////*/

    /// @dev Before, a redemption's units all had to be among ONE epoch's delivered hours; 100 units delivered at 10 an
    /// epoch could never be confirmed. Now the count is cumulative and the redemption is confirmed once it reaches
    /// its place in the pool's queue.
    function test_O3_DeliverySpreadOverTenEpochsIsConfirmed() external {
        uint256 id = _redeem(alice, 100);
        assertEq(escrow.redemption(id).deliveredBy, 100);
        for (uint64 epoch = 1; epoch < 10; ++epoch) {
            vm.warp(block.timestamp + 1 hours);
            _attest(epoch, 10_000, 10 * epoch);
            vm.expectRevert(_insufficient(id, 10 * epoch));
            escrow.confirmDeliveryByOracle(id);
        }
        vm.warp(block.timestamp + 1 hours);
        _attest(10, 10_000, 100);
        escrow.confirmDeliveryByOracle(id);
        assertTrue(_isDelivered(id));
        assertEq(escrow.claimable(provider, address(usdc)), 100 * uint256(PRICE));
    }

    /// @dev Redemptions of a pool (across its lots) are served in opening order, each from its own hours: 60 hours
    /// confirm the first (60 units) and not the second (40 units), although 60 >= 40.
    function test_O3_TwoRedemptionsAreServedInOrderAndTheSameHoursNeverServeBoth() external {
        uint256 first = _redeem(alice, 60);
        uint256 otherLot = _secondLotHeldBy(bob, 100);
        vm.prank(bob);
        uint256 second = escrow.redeem(otherLot, 40);
        assertEq(escrow.redemption(first).deliveredBy, 60);
        assertEq(escrow.redemption(second).deliveredBy, 100);
        assertEq(escrow.deliveryQueued(POOL), 100);

        vm.warp(block.timestamp + 1 hours);
        _attest(1, 10_000, 60);
        vm.expectRevert(_insufficient(second, 60));
        escrow.confirmDeliveryByOracle(second);
        escrow.confirmDeliveryByOracle(first);

        vm.warp(block.timestamp + 1 hours);
        _attest(2, 10_000, 99);
        vm.expectRevert(_insufficient(second, 99));
        escrow.confirmDeliveryByOracle(second);

        vm.warp(block.timestamp + 1 hours);
        _attest(3, 10_000, 100);
        escrow.confirmDeliveryByOracle(second);
        assertTrue(_isDelivered(first) && _isDelivered(second));
        assertEq(escrow.claimable(provider, address(usdc)), 100 * uint256(PRICE), "100 hours paid once");
    }

    /// @dev 1000 hours were attested before alice redeemed (they served others, or nobody): her 40 units are served
    /// by hours 1001 .. 1040, so a count of 1039 does not confirm her.
    function test_O3_HoursDeliveredBeforeARedemptionOpenedDoNotCountForIt() external {
        _attest(1, 10_000, 1000);
        vm.warp(block.timestamp + 1);
        uint256 id = _redeem(alice, 40);
        assertEq(escrow.redemption(id).deliveredBy, 1040);

        vm.warp(block.timestamp + 1 hours);
        _attest(2, 10_000, 1039);
        vm.expectRevert(_insufficient(id, 1039));
        escrow.confirmDeliveryByOracle(id);

        vm.warp(block.timestamp + 1 hours);
        _attest(3, 10_000, 1040);
        escrow.confirmDeliveryByOracle(id);
        assertTrue(_isDelivered(id));
    }

    /*//////////////////////////////////////////////////////////////
       O-4 UNBOUNDED EPOCHS, REVOKED REPORTS, NO FRESHNESS IN THE ESCROW
    //////////////////////////////////////////////////////////////*/

    /// @dev Before, a report at epoch 2^64 - 1 froze the pool for ever. Now an epoch may move at most MAX_EPOCH_GAP.
    function test_O4_RevertWhen_EpochJumpsToUint64MaxAfterANormalEpoch() external {
        _attest(1, 10_000, 10);
        IUtilizationOracle.Report memory absurd = _agg(POOL, type(uint64).max, 10_000, 10);
        _expectSubmitRevert(
            absurd,
            _sigs(_honest(), absurd),
            abi.encodeWithSelector(
                IUtilizationOracle.Oracle_EpochGapTooLarge.selector, POOL, type(uint64).max, 1, oracle.MAX_EPOCH_GAP()
            )
        );
        _attest(2, 10_000, 20);
        assertEq(oracle.latest(POOL).epoch, 2);
    }

    /// @dev A pool's first report may still carry any epoch; if it is absurd, the admin rewinds the epoch (keeping
    /// the counters) and reports resume.
    function test_O4_RewindEpochLetsReportsResume() external {
        IUtilizationOracle.Report memory absurd = _agg(POOL, type(uint64).max, 10_000, 500);
        vm.prank(relayer);
        oracle.submitReport(absurd, _sigs(_honest(), absurd));
        IUtilizationOracle.Report memory next = _agg(POOL, 2, 10_000, 500);
        bytes[] memory sigs = _sigs(_honest(), next);
        _expectSubmitRevert(
            next,
            sigs,
            abi.encodeWithSelector(IUtilizationOracle.Oracle_EpochNotIncreasing.selector, POOL, 2, type(uint64).max)
        );

        vm.expectEmit(address(oracle));
        emit IUtilizationOracle.EpochRewound(POOL, type(uint64).max, 1);
        vm.prank(admin);
        oracle.rewindEpoch(POOL, 1);

        vm.prank(relayer);
        oracle.submitReport(next, sigs);
        assertEq(oracle.latest(POOL).epoch, 2);
        assertEq(oracle.latest(POOL).deliveredGpuHours, 500, "counters kept across the rewind");
    }

    /// @dev Before, a report signed by reporters since revoked (for cause) still decided SLA refunds. Now
    /// `latestFresh` refuses it and the escrow reads no report.
    function test_O4_RevokedReportGivesNoSlaRefund() external {
        uint256 id = _redeem(alice, 40);
        vm.warp(block.timestamp + 1 hours);
        _attest(1, SLA - 1, 0); // a breach, signed under version 2
        vm.prank(admin);
        oracle.setReporters(_firstReporters(5), 3); // version 3: the colluders are out

        vm.expectRevert(abi.encodeWithSelector(IUtilizationOracle.Oracle_RevokedReport.selector, POOL, 2, 3));
        oracle.latestFresh(POOL, 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeEscrow.Escrow_NoRefundDue.selector, id, escrow.redemption(id).deadline)
        );
        escrow.claimRefund(id);
    }

    /// @dev The same for delivery: a revoked configuration's report confirms nothing.
    function test_O4_RevokedReportConfirmsNoDelivery() external {
        uint256 id = _redeem(alice, 40);
        vm.warp(block.timestamp + 1 hours);
        _attest(1, 10_000, 40);
        vm.prank(admin);
        oracle.setReporters(_firstReporters(5), 3);

        vm.expectRevert(_noReportSince(id));
        escrow.confirmDeliveryByOracle(id);
        assertEq(oracle.latest(POOL).deliveredGpuHours, 40, "still stored, only ignored");
    }

    /// @dev Before, the escrow decided on the latest report however old. Now a report older than REPORT_MAX_AGE
    /// (1 day) neither confirms delivery nor proves a breach.
    function test_O4_StaleReportIsIgnoredByTheEscrow() external {
        uint256 delivered = _redeem(alice, 40);
        uint256 breached = _redeem(alice, 10);
        vm.warp(block.timestamp + 1 hours);
        _attest(1, SLA - 1, 50);
        vm.warp(block.timestamp + escrow.REPORT_MAX_AGE() + 1);

        vm.expectRevert(_noReportSince(delivered));
        escrow.confirmDeliveryByOracle(delivered);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeEscrow.Escrow_NoRefundDue.selector, breached, escrow.redemption(breached).deadline
            )
        );
        escrow.claimRefund(breached);

        // A fresh report decides again.
        _attest(2, 10_000, 50);
        escrow.confirmDeliveryByOracle(delivered);
        assertTrue(_isDelivered(delivered));
    }
}
