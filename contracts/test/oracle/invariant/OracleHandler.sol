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
/// submissions are wrapped in try/catch and must revert with the expected error selector.
contract OracleHandler is CommonBase, StdCheats, StdUtils, StdAssertions {
    error OracleHandler_UnknownReporter(address account);

    uint256 public constant POOL_COUNT = 3;
    uint256 public constant KEY_COUNT = 8;

    enum Invalid {
        LengthMismatch,
        QuorumNotMet,
        EpochNotIncreasing,
        BpsOutOfRange,
        FutureObservation,
        ObservationTooOld,
        MalformedSignature,
        UnauthorizedSigner,
        DuplicateSigner,
        OldConfigSignature
    }

    UtilizationOracle public immutable oracle;
    address public immutable admin;

    bytes32[POOL_COUNT] internal _pools;
    uint256[KEY_COUNT] internal _keys;
    address[KEY_COUNT] internal _addrs;
    uint256 internal _outsiderKey;

    /// @dev Indices into `_keys` of the current reporter set, mirrored from the oracle.
    uint256[] internal _current;
    uint8 internal _currentQuorum;
    uint256 internal _now;

    /*//////////////////////////////////////////////////////////////
                                 GHOSTS
    //////////////////////////////////////////////////////////////*/

    mapping(bytes32 pool => uint64) public ghost_lastEpoch;
    mapping(bytes32 pool => uint32) public ghost_versionAtSubmission;
    mapping(bytes32 pool => uint8) public ghost_signerCount;
    mapping(uint32 version => uint8) public ghost_quorumAtVersion;
    mapping(bytes32 pool => IUtilizationOracle.PoolReport) internal _ghostExpected;
    bool public ghost_epochDecreased;
    uint256 public ghost_reconfigurations;
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
        ghost_quorumAtVersion[oracle_.configVersion()] = _currentQuorum;
    }

    /// @dev Keeps block.timestamp consistent across calls of a run.
    modifier syncTime() {
        vm.warp(_now);
        _;
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Submits a valid report signed by a random subset (>= quorum) of current reporters.
    function submitValid(uint256 poolSeed, uint256 epochStep, uint256 countSeed, uint256 seed) external syncTime {
        bytes32 pool = _pools[poolSeed % POOL_COUNT];
        uint64 previous = ghost_lastEpoch[pool];
        uint64 epoch = previous + uint64(_bound(epochStep, 1, 1000));
        uint256 n = _bound(countSeed, _currentQuorum, _current.length);

        IUtilizationOracle.Observation[] memory obs = _validObservations(seed, n);
        uint256[] memory keys = _shuffledReporterKeys(seed, n);
        bytes[] memory sigs = _signAll(keys, pool, epoch, obs, oracle.configVersion());

        oracle.submitReport(pool, epoch, obs, sigs);

        uint64 stored = oracle.latest(pool).epoch;
        if (stored < previous) ghost_epochDecreased = true;
        ghost_lastEpoch[pool] = epoch;
        ghost_versionAtSubmission[pool] = oracle.configVersion();
        ghost_signerCount[pool] = uint8(n);
        _ghostExpected[pool] = OracleTestLib.medianReport(obs, epoch, oracle.configVersion());
        ++ghost_validSubmissions;
    }

    /// @notice Attempts one kind of invalid submission; it must revert with the matching error.
    function submitInvalid(uint256 kindSeed, uint256 poolSeed, uint256 seed) external syncTime {
        Invalid kind = Invalid(kindSeed % (uint256(type(Invalid).max) + 1));
        bytes32 pool = _pools[poolSeed % POOL_COUNT];
        uint64 last = ghost_lastEpoch[pool];
        uint64 epoch = last + 1;
        uint32 version = oracle.configVersion();
        uint256 n = _currentQuorum;

        if (kind == Invalid.QuorumNotMet) n -= 1;
        if (kind == Invalid.DuplicateSigner) n += 1;
        if (kind == Invalid.EpochNotIncreasing) epoch = uint64(_bound(seed, 0, last));

        IUtilizationOracle.Observation[] memory obs = _validObservations(seed, n);
        uint256[] memory keys = _shuffledReporterKeys(seed, n < _current.length ? n : _current.length);
        if (kind == Invalid.DuplicateSigner) {
            uint256[] memory withDuplicate = new uint256[](n);
            for (uint256 i; i < n - 1; ++i) {
                withDuplicate[i] = keys[i];
            }
            withDuplicate[n - 1] = keys[0];
            keys = withDuplicate;
        }
        uint256 target = n == 0 ? 0 : seed % n;

        if (kind == Invalid.BpsOutOfRange) {
            uint16 value = uint16(_bound(seed, 10_001, type(uint16).max));
            if (seed % 2 == 0) obs[target].utilizationBps = value;
            else obs[target].uptimeBps = value;
        } else if (kind == Invalid.FutureObservation) {
            obs[target].observedAt = uint64(_now + _bound(seed, 1, 365 days));
        } else if (kind == Invalid.ObservationTooOld) {
            obs[target].observedAt = uint64(_now - oracle.maxAge() - _bound(seed, 1, 30 days));
        } else if (kind == Invalid.UnauthorizedSigner) {
            keys[target] = _outsiderKey;
        }

        bytes[] memory sigs =
            _signAll(keys, pool, epoch, obs, kind == Invalid.OldConfigSignature ? version - 1 : version);
        if (kind == Invalid.MalformedSignature) sigs[target] = _malform(sigs[target], seed);
        if (kind == Invalid.LengthMismatch) sigs = _dropLast(sigs);

        try oracle.submitReport(pool, epoch, obs, sigs) {
            assertTrue(false, "invalid submission accepted");
        } catch (bytes memory reason) {
            assertEq(bytes4(reason), _expectedSelector(kind, seed), "unexpected revert reason");
        }
        ++ghost_rejectedSubmissions;
        ++ghost_rejectedByKind[kind];
    }

    /// @notice Moves time forward by up to two days.
    function warp(uint256 secondsSeed) external {
        _now += _bound(secondsSeed, 0, 2 days);
        vm.warp(_now);
    }

    /// @notice The admin replaces the reporter set by a random subset of the known keys, with a random quorum.
    function reconfigure(uint256 seed, uint256 sizeSeed, uint256 quorumSeed) external syncTime {
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
        ghost_quorumAtVersion[oracle.configVersion()] = quorum_;
        ++ghost_reconfigurations;
    }

    /// @notice The admin changes the maximum observation age (1 minute .. 2 days).
    function setMaxAge(uint256 seed) external syncTime {
        vm.prank(admin);
        oracle.setMaxAge(uint64(_bound(seed, 1 minutes, 2 days)));
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function poolAt(uint256 index) external view returns (bytes32) {
        return _pools[index];
    }

    function expectedReport(bytes32 pool_) external view returns (IUtilizationOracle.PoolReport memory) {
        return _ghostExpected[pool_];
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
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    function _validObservations(uint256 seed, uint256 n)
        internal
        view
        returns (IUtilizationOracle.Observation[] memory obs)
    {
        uint256 maxAge_ = oracle.maxAge();
        obs = new IUtilizationOracle.Observation[](n);
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "obs", i)));
            obs[i] = IUtilizationOracle.Observation({
                utilizationBps: uint16(r % 10_001),
                uptimeBps: uint16((r >> 16) % 10_001),
                deliveredGpuHours: uint64(r >> 32),
                energyKwh: uint64(r >> 96),
                observedAt: uint64(_now - ((r >> 160) % (maxAge_ + 1)))
            });
        }
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

    function _signAll(
        uint256[] memory keys,
        bytes32 pool_,
        uint64 epoch,
        IUtilizationOracle.Observation[] memory obs,
        uint32 version
    ) internal view returns (bytes[] memory sigs) {
        sigs = new bytes[](obs.length);
        for (uint256 i; i < obs.length; ++i) {
            (uint8 v, bytes32 r, bytes32 s) =
                vm.sign(keys[i], OracleTestLib.digest(address(oracle), pool_, epoch, obs[i], version));
            sigs[i] = abi.encodePacked(r, s, v);
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

    function _dropLast(bytes[] memory sigs) internal pure returns (bytes[] memory out) {
        out = new bytes[](sigs.length - 1);
        for (uint256 i; i < out.length; ++i) {
            out[i] = sigs[i];
        }
    }

    function _expectedSelector(Invalid kind, uint256 seed) internal pure returns (bytes4) {
        if (kind == Invalid.LengthMismatch) return IUtilizationOracle.Oracle_LengthMismatch.selector;
        if (kind == Invalid.QuorumNotMet) return IUtilizationOracle.Oracle_QuorumNotMet.selector;
        if (kind == Invalid.EpochNotIncreasing) return IUtilizationOracle.Oracle_EpochNotIncreasing.selector;
        if (kind == Invalid.BpsOutOfRange) {
            // The same seed chose the field (see `submitInvalid`).
            return seed % 2 == 0
                ? IUtilizationOracle.Oracle_UtilizationOutOfRange.selector
                : IUtilizationOracle.Oracle_UptimeOutOfRange.selector;
        }
        if (kind == Invalid.FutureObservation) return IUtilizationOracle.Oracle_FutureObservation.selector;
        if (kind == Invalid.ObservationTooOld) return IUtilizationOracle.Oracle_ObservationTooOld.selector;
        if (kind == Invalid.MalformedSignature) return IUtilizationOracle.Oracle_InvalidSignature.selector;
        if (kind == Invalid.DuplicateSigner) return IUtilizationOracle.Oracle_DuplicateSigner.selector;
        // UnauthorizedSigner and OldConfigSignature (recovers to an unrelated address).
        return IUtilizationOracle.Oracle_UnauthorizedSigner.selector;
    }

    function _keyIndexOf(address account) internal view returns (uint256) {
        for (uint256 i; i < KEY_COUNT; ++i) {
            if (_addrs[i] == account) return i;
        }
        revert OracleHandler_UnknownReporter(account);
    }
}
