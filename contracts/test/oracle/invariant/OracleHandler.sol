// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdAssertions} from "forge-std/StdAssertions.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {UtilizationOracle} from "../../../src/oracle/UtilizationOracle.sol";
import {OracleTestLib} from "../utils/OracleTestLib.sol";

/// @notice Drives the oracle with bounded actions and records ghost state for `OracleInvariants`.
/// @dev Valid actions call the oracle directly (any revert fails the run, as `fail_on_revert = true`); invalid
/// submissions are wrapped in try/catch and must revert with the expected error selector. After every action the
/// `observed` modifier compares each pool's stored report with the one seen after the previous action and flags an
/// epoch that moved backwards (other than by `rewind`) or by more than `MAX_EPOCH_GAP`, or a counter that decreased.
contract OracleHandler is CommonBase, StdCheats, StdUtils, StdAssertions {
    error OracleHandler_UnknownReporter(address account);

    uint256 public constant POOL_COUNT = 3;
    uint256 public constant KEY_COUNT = 8;
    uint64 public constant MAX_EPOCH_GAP = 8760;

    enum Invalid {
        WrongConfigVersion,
        QuorumNotMet,
        UnknownObserver,
        TooFewObservers,
        EpochNotIncreasing,
        EpochGapTooLarge,
        CounterDecreased,
        BpsOutOfRange,
        FutureReport,
        ReportTooOld,
        MalformedSignature,
        UnauthorizedSigner,
        DuplicateSigner,
        TamperedReport,
        MixedReports
    }

    UtilizationOracle public immutable oracle;
    address public immutable admin;

    bytes32[POOL_COUNT] internal _pools;
    uint256[KEY_COUNT] internal _keys;
    address[KEY_COUNT] internal _addrs;
    uint256 internal _outsiderKey;

    /// @dev Indices into `_keys` of the current reporter set, in the oracle's order (position i = `_current[i]`).
    uint256[] internal _current;
    uint8 internal _currentQuorum;
    uint256 internal _now;
    /// @dev The pool `rewind` lowered during the current action (its epoch may go down once).
    bytes32 internal _rewound;

    /*//////////////////////////////////////////////////////////////
                                 GHOSTS
    //////////////////////////////////////////////////////////////*/

    /// @dev The pool's stored epoch as the handler expects it (last accepted epoch, lowered by rewinds).
    mapping(bytes32 pool => uint64) public ghost_lastEpoch;
    /// @dev The last accepted report of each pool exactly as signed, and its signatures.
    mapping(bytes32 pool => IUtilizationOracle.Report) internal _signed;
    mapping(bytes32 pool => bytes[]) internal _signatures;
    /// @dev Every configuration's reporter set and quorum, by version.
    mapping(uint32 version => address[]) internal _reportersAt;
    mapping(uint32 version => uint8) public ghost_quorumAtVersion;
    /// @dev Each pool's stored report after the previous action.
    mapping(bytes32 pool => IUtilizationOracle.PoolReport) internal _lastSeen;

    bool public ghost_epochOutOfStep;
    bool public ghost_counterDecreased;
    uint256 public ghost_reconfigurations;
    uint256 public ghost_rewinds;
    uint256 public ghost_validSubmissions;
    uint256 public ghost_rejectedSubmissions;
    mapping(Invalid kind => uint256) public ghost_rejectedByKind;

    constructor(UtilizationOracle oracle_, address admin_, uint256[KEY_COUNT] memory keys_, uint256 outsiderKey_) {
        oracle = oracle_;
        admin = admin_;
        _keys = keys_;
        for (uint256 i; i < KEY_COUNT; ++i) {
            _addrs[i] = vm.addr(keys_[i]);
        }
        _outsiderKey = outsiderKey_;
        for (uint256 i; i < POOL_COUNT; ++i) {
            _pools[i] = keccak256(abi.encode("invariant-pool", i));
        }
        _now = block.timestamp;

        // Mirror the oracle's initial configuration, which must use keys of the pool.
        address[] memory reporters_ = oracle_.reporters();
        for (uint256 i; i < reporters_.length; ++i) {
            _current.push(_keyIndexOf(reporters_[i]));
        }
        _currentQuorum = oracle_.quorum();
        uint32 version = oracle_.configVersion();
        ghost_quorumAtVersion[version] = _currentQuorum;
        _reportersAt[version] = reporters_;
    }

    /// @dev Keeps block.timestamp consistent across calls of a run, then checks every pool's transition.
    modifier observed() {
        vm.warp(_now);
        _;
        _checkTransitions();
        _rewound = bytes32(0);
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Submits a valid report signed by a random subset (>= quorum) of current reporters: the epoch moves by
    /// 1 .. 100 or by exactly `MAX_EPOCH_GAP`, the counters by zero or more.
    function submitValid(uint256 poolSeed, uint256 stepSeed, uint256 countSeed, uint256 seed) external observed {
        bytes32 pool = _pools[poolSeed % POOL_COUNT];
        uint64 previous = ghost_lastEpoch[pool];
        uint64 step = stepSeed % 4 == 0 ? MAX_EPOCH_GAP : uint64(_bound(stepSeed, 1, 100));
        IUtilizationOracle.Report memory report = _validReport(pool, previous + step, seed);
        uint256 n = _bound(countSeed, _currentQuorum, _current.length);
        bytes[] memory sigs = _signAll(_shuffledReporterKeys(seed, n), report);

        oracle.submitReport(report, sigs);

        ghost_lastEpoch[pool] = report.epoch;
        _signed[pool] = report;
        delete _signatures[pool];
        for (uint256 i; i < n; ++i) {
            _signatures[pool].push(sigs[i]);
        }
        ++ghost_validSubmissions;
    }

    /// @notice Attempts one kind of invalid submission; it must revert with the matching error.
    function submitInvalid(uint256 kindSeed, uint256 poolSeed, uint256 seed) external observed {
        Invalid kind = Invalid(kindSeed % (uint256(type(Invalid).max) + 1));
        bytes32 pool = _pools[poolSeed % POOL_COUNT];
        uint64 last = ghost_lastEpoch[pool];
        // Gap and decrease need a stored report; without one they become an epoch-0 submission.
        if (last == 0 && (kind == Invalid.EpochGapTooLarge || kind == Invalid.CounterDecreased)) {
            kind = Invalid.EpochNotIncreasing;
        }
        IUtilizationOracle.Report memory report = _validReport(pool, last + 1, seed);
        uint256 n = _currentQuorum;
        uint256 target = seed % n;
        bytes4 expected = _breakReport(kind, report, last, seed);

        if (kind == Invalid.QuorumNotMet) n -= 1;
        uint256[] memory keys = _shuffledReporterKeys(seed, n);
        if (kind == Invalid.UnauthorizedSigner) keys[target] = _outsiderKey;
        bytes[] memory sigs = _signAll(keys, report);
        if (kind == Invalid.MalformedSignature) sigs[target] = _malform(sigs[target], seed);
        if (kind == Invalid.DuplicateSigner) sigs = _append(sigs, sigs[target]);
        if (kind == Invalid.MixedReports) {
            IUtilizationOracle.Report memory other = _validReport(pool, last + 1, seed);
            other.uptimeBps = report.uptimeBps == 0 ? 1 : report.uptimeBps - 1;
            sigs[n - 1] = _sign(keys[n - 1], other);
        }
        if (kind == Invalid.TamperedReport) _tamper(report, seed);

        try oracle.submitReport(report, sigs) {
            assertTrue(false, "invalid submission accepted");
        } catch (bytes memory reason) {
            assertEq(bytes4(reason), expected, "unexpected revert reason");
        }
        ++ghost_rejectedSubmissions;
        ++ghost_rejectedByKind[kind];
    }

    /// @notice Moves time forward by up to two days.
    function warp(uint256 secondsSeed) external observed {
        _now += _bound(secondsSeed, 0, 2 days);
        vm.warp(_now);
    }

    /// @notice The admin replaces the reporter set by a random subset of the known keys, with a random quorum.
    function reconfigure(uint256 seed, uint256 sizeSeed, uint256 quorumSeed) external observed {
        uint256 size = _bound(sizeSeed, 1, KEY_COUNT);
        uint256[] memory order = _shuffle(seed, KEY_COUNT, size);
        uint8 quorum_ = uint8(_bound(quorumSeed, 1, size));

        address[] memory reporters_ = new address[](size);
        delete _current;
        for (uint256 i; i < size; ++i) {
            reporters_[i] = _addrs[order[i]];
            _current.push(order[i]);
        }
        _currentQuorum = quorum_;

        vm.prank(admin);
        oracle.setReporters(reporters_, quorum_);
        uint32 version = oracle.configVersion();
        ghost_quorumAtVersion[version] = quorum_;
        _reportersAt[version] = reporters_;
        ++ghost_reconfigurations;
    }

    /// @notice The admin changes the maximum report age (1 minute .. 2 days).
    function setMaxAge(uint256 seed) external observed {
        vm.prank(admin);
        oracle.setMaxAge(uint64(_bound(seed, 1 minutes, 2 days)));
    }

    /// @notice The admin rewinds a pool's last epoch to an epoch in 1 .. last - 1 (counters are kept).
    function rewind(uint256 poolSeed, uint256 epochSeed) external observed {
        bytes32 pool = _pools[poolSeed % POOL_COUNT];
        uint64 last = ghost_lastEpoch[pool];
        if (last < 2) return;
        uint64 epoch = uint64(_bound(epochSeed, 1, last - 1));
        vm.prank(admin);
        oracle.rewindEpoch(pool, epoch);
        ghost_lastEpoch[pool] = epoch;
        _rewound = pool;
        ++ghost_rewinds;
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function poolAt(uint256 index) external view returns (bytes32) {
        return _pools[index];
    }

    function signedReport(bytes32 pool) external view returns (IUtilizationOracle.Report memory) {
        return _signed[pool];
    }

    function signaturesOf(bytes32 pool) external view returns (bytes[] memory) {
        return _signatures[pool];
    }

    function reportersAt(uint32 version) external view returns (address[] memory) {
        return _reportersAt[version];
    }

    function currentReporters() external view returns (address[] memory list) {
        list = new address[](_current.length);
        for (uint256 i; i < list.length; ++i) {
            list[i] = _addrs[_current[i]];
        }
    }

    function currentQuorum() external view returns (uint8) {
        return _currentQuorum;
    }

    /*//////////////////////////////////////////////////////////////
                              TRANSITIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev Flags, for every pool, an epoch that went down (other than the one `rewind` lowered, which must keep every
    /// other field) or up by more than `MAX_EPOCH_GAP`, and a cumulative counter that decreased.
    function _checkTransitions() internal {
        for (uint256 i; i < POOL_COUNT; ++i) {
            bytes32 pool = _pools[i];
            IUtilizationOracle.PoolReport memory before = _lastSeen[pool];
            IUtilizationOracle.PoolReport memory now_;
            try oracle.latest(pool) returns (IUtilizationOracle.PoolReport memory stored) {
                now_ = stored;
            } catch {}
            if (now_.epoch == 0 && before.epoch != 0) ghost_epochOutOfStep = true; // a report disappeared
            if (pool == _rewound) {
                if (now_.epoch >= before.epoch || now_.observedAt != before.observedAt) ghost_epochOutOfStep = true;
            } else if (now_.epoch != before.epoch) {
                if (now_.epoch < before.epoch) ghost_epochOutOfStep = true;
                if (before.epoch != 0 && now_.epoch - before.epoch > MAX_EPOCH_GAP) ghost_epochOutOfStep = true;
            }
            if (
                now_.deliveredGpuHours < before.deliveredGpuHours || now_.energyKwh < before.energyKwh
                    || now_.curtailedGpuHours < before.curtailedGpuHours
            ) ghost_counterDecreased = true;
            _lastSeen[pool] = now_;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev A valid report for `(pool, epoch)`: random bps, counters at or above the stored ones (starting at 1 or
    /// more, so that a decrease is always possible), observed within maxAge, >= quorum random current observers.
    function _validReport(bytes32 pool, uint64 epoch, uint256 seed)
        internal
        view
        returns (IUtilizationOracle.Report memory report)
    {
        uint256 r = uint256(keccak256(abi.encode(seed, "report")));
        IUtilizationOracle.PoolReport memory stored = _lastSeen[pool];
        bool idle = r % 5 == 0; // sometimes nothing moved
        report.poolId = pool;
        report.epoch = epoch;
        report.utilizationBps = uint16(r % 10_001);
        report.uptimeBps = uint16((r >> 16) % 10_001);
        report.deliveredGpuHours = stored.deliveredGpuHours + (idle ? 0 : uint64(1 + (r >> 32) % 1000));
        report.energyKwh = stored.energyKwh + (idle ? 0 : uint64(1 + (r >> 64) % 1000));
        report.curtailedGpuHours = stored.curtailedGpuHours + (idle ? 0 : uint64(1 + (r >> 96) % 10));
        if (stored.epoch == 0) {
            report.deliveredGpuHours = uint64(1 + (r >> 32) % 1000);
            report.energyKwh = uint64(1 + (r >> 64) % 1000);
            report.curtailedGpuHours = uint64(1 + (r >> 96) % 10);
        }
        report.observedAt = uint64(_now - (r >> 128) % (uint256(oracle.maxAge()) + 1));
        uint256 count = _current.length;
        uint32 observers = uint32((r >> 192) & ((uint256(1) << count) - 1));
        if (OracleTestLib.popCount(observers) < _currentQuorum) {
            observers |= uint32((uint256(1) << _currentQuorum) - 1);
        }
        report.observers = observers;
        report.configVersion = oracle.configVersion();
    }

    /// @dev Breaks `report` for the checks that run before the signatures, and returns the selector `kind` must
    /// revert with.
    function _breakReport(Invalid kind, IUtilizationOracle.Report memory report, uint64 last, uint256 seed)
        internal
        view
        returns (bytes4)
    {
        if (kind == Invalid.WrongConfigVersion) {
            report.configVersion = report.configVersion == 1 ? 2 : report.configVersion - 1;
            return IUtilizationOracle.Oracle_WrongConfigVersion.selector;
        }
        if (kind == Invalid.QuorumNotMet) return IUtilizationOracle.Oracle_QuorumNotMet.selector;
        if (kind == Invalid.UnknownObserver) {
            report.observers |= uint32(uint256(1) << _current.length);
            return IUtilizationOracle.Oracle_UnknownObserver.selector;
        }
        if (kind == Invalid.TooFewObservers) {
            report.observers = uint32((uint256(1) << (_currentQuorum - 1)) - 1);
            return IUtilizationOracle.Oracle_TooFewObservers.selector;
        }
        if (kind == Invalid.EpochNotIncreasing) {
            report.epoch = uint64(_bound(seed, 0, last));
            return IUtilizationOracle.Oracle_EpochNotIncreasing.selector;
        }
        if (kind == Invalid.EpochGapTooLarge) {
            report.epoch = last + MAX_EPOCH_GAP + 1 + uint64(seed % 1000);
            return IUtilizationOracle.Oracle_EpochGapTooLarge.selector;
        }
        if (kind == Invalid.CounterDecreased) {
            IUtilizationOracle.PoolReport memory stored = _lastSeen[report.poolId];
            (report.deliveredGpuHours, report.energyKwh, report.curtailedGpuHours) =
            (stored.deliveredGpuHours, stored.energyKwh, stored.curtailedGpuHours);
            uint256 which = (seed >> 8) % 3;
            if (which == 0) {
                report.deliveredGpuHours -= 1;
                return IUtilizationOracle.Oracle_DeliveredDecreased.selector;
            }
            if (which == 1) {
                report.energyKwh -= 1;
                return IUtilizationOracle.Oracle_EnergyDecreased.selector;
            }
            report.curtailedGpuHours -= 1;
            return IUtilizationOracle.Oracle_CurtailedDecreased.selector;
        }
        if (kind == Invalid.BpsOutOfRange) {
            uint16 value = uint16(_bound(seed, 10_001, type(uint16).max));
            if (seed % 2 == 0) {
                report.utilizationBps = value;
                return IUtilizationOracle.Oracle_UtilizationOutOfRange.selector;
            }
            report.uptimeBps = value;
            return IUtilizationOracle.Oracle_UptimeOutOfRange.selector;
        }
        if (kind == Invalid.FutureReport) {
            report.observedAt = uint64(_now + 1 + seed % 1000);
            return IUtilizationOracle.Oracle_FutureReport.selector;
        }
        if (kind == Invalid.ReportTooOld) {
            report.observedAt = uint64(_now - oracle.maxAge() - 1 - seed % 1000);
            return IUtilizationOracle.Oracle_ReportTooOld.selector;
        }
        if (kind == Invalid.MalformedSignature) return IUtilizationOracle.Oracle_InvalidSignature.selector;
        if (kind == Invalid.DuplicateSigner) return IUtilizationOracle.Oracle_DuplicateSigner.selector;
        // UnauthorizedSigner, TamperedReport and MixedReports: a signature recovers to a non-reporter.
        return IUtilizationOracle.Oracle_UnauthorizedSigner.selector;
    }

    /// @dev Changes one field of a signed report, keeping it otherwise valid (what a relayer could try).
    function _tamper(IUtilizationOracle.Report memory report, uint256 seed) internal pure {
        uint256 field = (seed >> 16) % 5;
        if (field == 0) report.utilizationBps = report.utilizationBps == 0 ? 1 : report.utilizationBps - 1;
        if (field == 1) report.uptimeBps = report.uptimeBps == 0 ? 1 : report.uptimeBps - 1;
        if (field == 2) report.deliveredGpuHours += 1;
        if (field == 3) report.energyKwh += 1;
        if (field == 4) report.curtailedGpuHours += 1;
    }

    /// @dev The first `take` entries of a seed-dependent permutation of `0 .. length - 1`.
    function _shuffle(uint256 seed, uint256 length, uint256 take) internal pure returns (uint256[] memory out) {
        uint256[] memory all = new uint256[](length);
        for (uint256 i; i < length; ++i) {
            all[i] = i;
        }
        out = new uint256[](take);
        for (uint256 i; i < take; ++i) {
            uint256 j = i + uint256(keccak256(abi.encode(seed, "shuffle", i))) % (length - i);
            (all[i], all[j]) = (all[j], all[i]);
            out[i] = all[i];
        }
    }

    /// @dev `n` distinct keys of current reporters in a seed-dependent order.
    function _shuffledReporterKeys(uint256 seed, uint256 n) internal view returns (uint256[] memory keys) {
        uint256[] memory order = _shuffle(seed, _current.length, n);
        keys = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            keys[i] = _keys[_current[order[i]]];
        }
    }

    function _sign(uint256 key, IUtilizationOracle.Report memory report) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, OracleTestLib.digest(address(oracle), report));
        return abi.encodePacked(r, s, v);
    }

    function _signAll(uint256[] memory keys, IUtilizationOracle.Report memory report)
        internal
        view
        returns (bytes[] memory sigs)
    {
        sigs = new bytes[](keys.length);
        for (uint256 i; i < keys.length; ++i) {
            sigs[i] = _sign(keys[i], report);
        }
    }

    /// @dev A malformed variant of `sig`: truncated, bad v, or all zero.
    function _malform(bytes memory sig, uint256 seed) internal pure returns (bytes memory) {
        uint256 variant = (seed >> 8) % 3;
        if (variant == 0) {
            bytes memory short = new bytes(64);
            for (uint256 i; i < 64; ++i) {
                short[i] = sig[i];
            }
            return short;
        }
        if (variant == 1) {
            sig[64] = bytes1(uint8(29));
            return sig;
        }
        return new bytes(65);
    }

    function _append(bytes[] memory sigs, bytes memory sig) internal pure returns (bytes[] memory out) {
        out = new bytes[](sigs.length + 1);
        for (uint256 i; i < sigs.length; ++i) {
            out[i] = sigs[i];
        }
        out[sigs.length] = sig;
    }

    function _keyIndexOf(address account) internal view returns (uint256) {
        for (uint256 i; i < KEY_COUNT; ++i) {
            if (_addrs[i] == account) return i;
        }
        revert OracleHandler_UnknownReporter(account);
    }
}
