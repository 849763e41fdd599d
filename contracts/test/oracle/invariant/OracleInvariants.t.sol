// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {Test} from "forge-std/Test.sol";

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {UtilizationOracle} from "../../../src/oracle/UtilizationOracle.sol";
import {OracleTestLib} from "../utils/OracleTestLib.sol";
import {OracleHandler} from "./OracleHandler.sol";

/// @notice Handler-based invariants of `UtilizationOracle`: epochs only move forward, by at most `MAX_EPOCH_GAP`
/// (or down by an admin rewind); cumulative counters never decrease; the stored report is always one that a quorum
/// of the reporters of its configuration signed, byte for byte; `latestFresh` refuses a report of a replaced
/// configuration; bps stay in range; the configuration matches the handler's mirror.
contract OracleInvariants is Test {
    uint256 internal constant START = 1_750_000_000;

    UtilizationOracle internal oracle;
    OracleHandler internal handler;
    address internal admin = makeAddr("admin");

    function setUp() public {
        vm.warp(START);
        uint256[8] memory keys;
        for (uint256 i; i < keys.length; ++i) {
            (, keys[i]) = makeAddrAndKey(string.concat("invariant-reporter", vm.toString(i)));
        }
        (, uint256 outsiderKey) = makeAddrAndKey("invariant-outsider");

        address[] memory initial = new address[](5);
        for (uint256 i; i < initial.length; ++i) {
            initial[i] = vm.addr(keys[i]);
        }
        oracle = new UtilizationOracle(admin, 0, initial, 3, 1 hours);
        handler = new OracleHandler(oracle, admin, keys, outsiderKey);

        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = OracleHandler.submitValid.selector;
        selectors[1] = OracleHandler.submitInvalid.selector;
        selectors[2] = OracleHandler.warp.selector;
        selectors[3] = OracleHandler.reconfigure.selector;
        selectors[4] = OracleHandler.setMaxAge.selector;
        selectors[5] = OracleHandler.rewind.selector;
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev The stored report of `pool`, or `exists = false` when the oracle reverts `Oracle_NoReport`.
    function _stored(bytes32 pool) internal view returns (bool exists, IUtilizationOracle.PoolReport memory report) {
        try oracle.latest(pool) returns (IUtilizationOracle.PoolReport memory r) {
            return (true, r);
        } catch (bytes memory reason) {
            assertEq(bytes4(reason), IUtilizationOracle.Oracle_NoReport.selector, "latest: unexpected revert");
        }
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANTS
    //////////////////////////////////////////////////////////////*/
    // Every `invariant_*` function replays the same call sequences (the fuzz seed is fixed) and the handler signs on
    // every call, so the properties are grouped in two campaigns rather than six identical ones (as the escrow's
    // suite does); each property is its own `_assert*` function with its own failure messages.

    /// @notice Sequence: epochs move forward by at most MAX_EPOCH_GAP (only a rewind lowers them), cumulative counters
    /// never decrease, bps stay in range.
    function invariant_EpochsCountersAndBps() external view {
        _assertEpochsMonotonicWithinGap();
        _assertCountersNeverDecrease();
        _assertBpsInRange();
    }

    /// @notice Authority: the stored report is one a quorum of its configuration signed, `latestFresh` refuses it once
    /// that configuration is replaced, and the configuration matches the handler's mirror.
    function invariant_QuorumSignedReportsAndConfig() external view {
        _assertStoredReportSignedByQuorum();
        _assertLatestFreshRefusesRevokedReports();
        _assertConfigConsistent();
    }

    /// @dev Epochs strictly increase by at most MAX_EPOCH_GAP per accepted report (only a rewind lowers them), and
    /// the stored epoch is the handler's expectation.
    function _assertEpochsMonotonicWithinGap() internal view {
        assertFalse(handler.ghost_epochOutOfStep(), "an epoch went down or jumped more than MAX_EPOCH_GAP");
        for (uint256 i; i < handler.POOL_COUNT(); ++i) {
            bytes32 pool = handler.poolAt(i);
            (bool exists, IUtilizationOracle.PoolReport memory r) = _stored(pool);
            uint64 ghostEpoch = handler.ghost_lastEpoch(pool);
            assertEq(exists, ghostEpoch != 0, "report existence");
            if (exists) assertEq(r.epoch, ghostEpoch, "stored epoch != expected epoch");
        }
    }

    /// @dev Delivered GPU-hours, energy and curtailed GPU-hours never decrease, and are the last accepted ones.
    function _assertCountersNeverDecrease() internal view {
        assertFalse(handler.ghost_counterDecreased(), "a cumulative counter decreased");
        for (uint256 i; i < handler.POOL_COUNT(); ++i) {
            bytes32 pool = handler.poolAt(i);
            (bool exists, IUtilizationOracle.PoolReport memory r) = _stored(pool);
            if (!exists) continue;
            IUtilizationOracle.Report memory signed = handler.signedReport(pool);
            assertEq(r.deliveredGpuHours, signed.deliveredGpuHours, "deliveredGpuHours");
            assertEq(r.energyKwh, signed.energyKwh, "energyKwh");
            assertEq(r.curtailedGpuHours, signed.curtailedGpuHours, "curtailedGpuHours");
        }
    }

    /// @dev The stored report is, field for field, a report that at least `quorum` distinct reporters of the
    /// configuration it names signed (recovered here from the signatures the handler submitted), its observers are
    /// at least `quorum` positions of that configuration, and if that configuration is the current one every signer
    /// is a current reporter.
    function _assertStoredReportSignedByQuorum() internal view {
        uint32 currentVersion = oracle.configVersion();
        for (uint256 i; i < handler.POOL_COUNT(); ++i) {
            bytes32 pool = handler.poolAt(i);
            (bool exists, IUtilizationOracle.PoolReport memory r) = _stored(pool);
            if (!exists) continue;
            IUtilizationOracle.Report memory signed = handler.signedReport(pool);
            IUtilizationOracle.PoolReport memory expected = OracleTestLib.stored(signed, r.signerCount);
            expected.epoch = handler.ghost_lastEpoch(pool); // a rewind lowers it; nothing else changes
            assertEq(keccak256(abi.encode(r)), keccak256(abi.encode(expected)), "stored != signed report");

            address[] memory reporters_ = handler.reportersAt(signed.configVersion);
            uint8 quorumAtVersion = handler.ghost_quorumAtVersion(signed.configVersion);
            assertGt(quorumAtVersion, 0, "unknown configuration version");
            assertLe(signed.configVersion, currentVersion, "report from a future configuration");
            assertLt(signed.observers >> reporters_.length, 1, "observer beyond the configuration");
            assertGe(OracleTestLib.popCount(signed.observers), quorumAtVersion, "fewer observers than the quorum");

            bytes[] memory sigs = handler.signaturesOf(pool);
            assertEq(sigs.length, r.signerCount, "signer count");
            assertGe(sigs.length, quorumAtVersion, "fewer signers than the quorum");
            bytes32 digest = oracle.hashReport(signed);
            assertEq(digest, OracleTestLib.digest(address(oracle), signed), "digest");
            uint256 seen;
            for (uint256 k; k < sigs.length; ++k) {
                address signer = ECDSA.recover(digest, sigs[k]);
                uint256 position = _positionOf(reporters_, signer);
                assertLt(position, reporters_.length, "signer not a reporter of its configuration");
                assertEq(seen & (uint256(1) << position), 0, "signer counted twice");
                seen |= uint256(1) << position;
                if (signed.configVersion == currentVersion) assertTrue(oracle.isReporter(signer), "revoked signer");
            }
        }
    }

    /// @dev `latestFresh` (with no age limit) returns a report iff its configuration is the current one, and reverts
    /// `Oracle_RevokedReport` otherwise.
    function _assertLatestFreshRefusesRevokedReports() internal view {
        uint32 currentVersion = oracle.configVersion();
        for (uint256 i; i < handler.POOL_COUNT(); ++i) {
            bytes32 pool = handler.poolAt(i);
            (bool exists, IUtilizationOracle.PoolReport memory r) = _stored(pool);
            if (!exists) continue;
            try oracle.latestFresh(pool, type(uint256).max) returns (IUtilizationOracle.PoolReport memory fresh) {
                assertEq(fresh.configVersion, currentVersion, "revoked report returned as fresh");
            } catch (bytes memory reason) {
                assertEq(
                    reason,
                    abi.encodeWithSelector(
                        IUtilizationOracle.Oracle_RevokedReport.selector, pool, r.configVersion, currentVersion
                    ),
                    "latestFresh: unexpected revert"
                );
                assertNotEq(r.configVersion, currentVersion, "current report refused");
            }
        }
    }

    /// @dev Basis-point fields never exceed 10 000.
    function _assertBpsInRange() internal view {
        for (uint256 i; i < handler.POOL_COUNT(); ++i) {
            (bool exists, IUtilizationOracle.PoolReport memory r) = _stored(handler.poolAt(i));
            if (!exists) continue;
            assertLe(r.utilizationBps, 10_000, "utilizationBps");
            assertLe(r.uptimeBps, 10_000, "uptimeBps");
        }
    }

    /// @dev The reporter configuration is well formed and matches the handler's mirror.
    function _assertConfigConsistent() internal view {
        address[] memory reporters_ = oracle.reporters();
        uint8 quorum_ = oracle.quorum();
        assertGe(quorum_, 1, "quorum >= 1");
        assertLe(quorum_, reporters_.length, "quorum <= reporters");
        assertLe(reporters_.length, 32, "reporters <= 32");
        assertEq(reporters_, handler.currentReporters(), "reporter set");
        assertEq(quorum_, handler.currentQuorum(), "quorum");
        assertEq(oracle.configVersion(), 1 + handler.ghost_reconfigurations(), "config version");
        for (uint256 i; i < reporters_.length; ++i) {
            assertTrue(oracle.isReporter(reporters_[i]), "listed reporter not authorized");
        }
        assertGt(oracle.maxAge(), 0, "maxAge > 0");
    }

    /// @notice Every invalid-submission kind of the handler reverts with its expected error (deterministic check
    /// that the handler's negative paths are reachable and correctly classified), before and after reconfiguration.
    function test_Handler_EveryInvalidKindReverts() external {
        uint256 kinds = uint256(type(OracleHandler.Invalid).max) + 1;
        for (uint256 pool; pool < 3; ++pool) {
            handler.submitValid(pool, 1, 3, 42 + pool);
        }
        for (uint256 round; round < 2; ++round) {
            for (uint256 k; k < kinds; ++k) {
                for (uint256 seed; seed < 3; ++seed) {
                    handler.submitInvalid(k, seed, uint256(keccak256(abi.encode(round, k, seed))));
                }
                assertEq(handler.ghost_rejectedByKind(OracleHandler.Invalid(k)), 3 * (round + 1), "kind not rejected");
            }
            handler.reconfigure(round, 1, 1); // single reporter, quorum 1 (QuorumNotMet then submits 0)
        }
        assertEq(handler.ghost_rejectedSubmissions(), 2 * 3 * kinds);
        for (uint256 pool; pool < 3; ++pool) {
            assertEq(oracle.latest(handler.poolAt(pool)).epoch, handler.ghost_lastEpoch(handler.poolAt(pool)));
        }
        assertFalse(handler.ghost_epochOutOfStep());
        assertFalse(handler.ghost_counterDecreased());
    }

    /// @notice The handler reaches the paths the invariants are about: accepted reports at the largest gap, rewinds,
    /// reconfigurations (so revoked reports), and reports that moved the counters.
    function test_Handler_ReachesGapRewindAndRevocation() external {
        bytes32 pool = handler.poolAt(0);
        handler.submitValid(0, 0, 3, 1); // first report: epoch MAX_EPOCH_GAP
        handler.submitValid(0, 4, 3, 2); // + MAX_EPOCH_GAP
        assertEq(oracle.latest(pool).epoch, 2 * handler.MAX_EPOCH_GAP());
        handler.rewind(0, 5);
        assertEq(oracle.latest(pool).epoch, 5); // bound(5, 1, last - 1) keeps 5
        handler.submitValid(0, 1, 3, 3);
        handler.reconfigure(7, 4, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IUtilizationOracle.Oracle_RevokedReport.selector, pool, 1, oracle.configVersion())
        );
        oracle.latestFresh(pool, type(uint256).max);
        handler.submitValid(0, 2, 2, 4);
        assertEq(oracle.latestFresh(pool, type(uint256).max).configVersion, 2);
        assertEq(handler.ghost_rewinds(), 1);
        assertFalse(handler.ghost_epochOutOfStep());
        assertFalse(handler.ghost_counterDecreased());
    }

    function _positionOf(address[] memory list, address account) internal pure returns (uint256 i) {
        for (; i < list.length; ++i) {
            if (list[i] == account) return i;
        }
    }
}
