// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StdInvariant} from "forge-std/StdInvariant.sol";
import {Test} from "forge-std/Test.sol";

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {UtilizationOracle} from "../../../src/oracle/UtilizationOracle.sol";
import {OracleHandler} from "./OracleHandler.sol";

/// @notice Handler-based invariants of `UtilizationOracle`: monotonic epochs, quorum-backed reports under a
/// then-current configuration, bounded bps and medians equal to a reference computation.
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

        bytes4[] memory selectors = new bytes4[](5);
        selectors[0] = OracleHandler.submitValid.selector;
        selectors[1] = OracleHandler.submitInvalid.selector;
        selectors[2] = OracleHandler.warp.selector;
        selectors[3] = OracleHandler.reconfigure.selector;
        selectors[4] = OracleHandler.setMaxAge.selector;
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

    /// @notice Epochs never decrease and the stored epoch is the last accepted one.
    function invariant_EpochsMonotonic() external view {
        assertFalse(handler.ghost_epochDecreased(), "an epoch decreased");
        for (uint256 i; i < handler.POOL_COUNT(); ++i) {
            bytes32 pool = handler.poolAt(i);
            (bool exists, IUtilizationOracle.PoolReport memory r) = _stored(pool);
            uint64 ghostEpoch = handler.ghost_lastEpoch(pool);
            assertEq(exists, ghostEpoch != 0, "report existence");
            if (exists) assertEq(r.epoch, ghostEpoch, "stored epoch != last accepted epoch");
        }
    }

    /// @notice Every stored report was backed by >= quorum distinct signers of the configuration current at submission.
    function invariant_ReportsBackedByQuorum() external view {
        uint32 currentVersion = oracle.configVersion();
        for (uint256 i; i < handler.POOL_COUNT(); ++i) {
            bytes32 pool = handler.poolAt(i);
            (bool exists, IUtilizationOracle.PoolReport memory r) = _stored(pool);
            if (!exists) continue;
            assertLe(r.configVersion, currentVersion, "report from a future configuration");
            assertEq(r.configVersion, handler.ghost_versionAtSubmission(pool), "config version at submission");
            assertEq(r.signerCount, handler.ghost_signerCount(pool), "signer count at submission");
            uint8 quorumAtVersion = handler.ghost_quorumAtVersion(r.configVersion);
            assertGt(quorumAtVersion, 0, "unknown configuration version");
            assertGe(r.signerCount, quorumAtVersion, "report below the quorum of its configuration");
        }
    }

    /// @notice Basis-point fields never exceed 10 000.
    function invariant_BpsInRange() external view {
        for (uint256 i; i < handler.POOL_COUNT(); ++i) {
            (bool exists, IUtilizationOracle.PoolReport memory r) = _stored(handler.poolAt(i));
            if (!exists) continue;
            assertLe(r.utilizationBps, 10_000, "utilizationBps");
            assertLe(r.uptimeBps, 10_000, "uptimeBps");
        }
    }

    /// @notice The stored report equals the reference lower-median of the accepted observations.
    function invariant_StoredMediansMatchReference() external view {
        for (uint256 i; i < handler.POOL_COUNT(); ++i) {
            bytes32 pool = handler.poolAt(i);
            (bool exists, IUtilizationOracle.PoolReport memory r) = _stored(pool);
            if (!exists) continue;
            IUtilizationOracle.PoolReport memory e = handler.expectedReport(pool);
            assertEq(r.epoch, e.epoch, "epoch");
            assertEq(r.observedAt, e.observedAt, "observedAt");
            assertEq(r.utilizationBps, e.utilizationBps, "utilizationBps");
            assertEq(r.uptimeBps, e.uptimeBps, "uptimeBps");
            assertEq(r.configVersion, e.configVersion, "configVersion");
            assertEq(r.signerCount, e.signerCount, "signerCount");
            assertEq(r.deliveredGpuHours, e.deliveredGpuHours, "deliveredGpuHours");
            assertEq(r.energyKwh, e.energyKwh, "energyKwh");
        }
    }

    /// @notice The reporter configuration is well formed and matches the handler's mirror.
    function invariant_ConfigConsistent() external view {
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
        handler.submitValid(0, 1, 3, 42);
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
        assertEq(oracle.latest(handler.poolAt(0)).epoch, handler.ghost_lastEpoch(handler.poolAt(0)));
    }
}
