// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import {IUtilizationOracle} from "../interfaces/IUtilizationOracle.sol";
import {Bps} from "../libraries/Bps.sol";

/// @title UtilizationOracle
/// @notice Stores, per compute pool, the latest quorum-signed (EIP-712) aggregate utilization report.
/// @dev Reporters aggregate their observations off-chain into ONE `Report` (lower median of each field, observer
/// bitmap) and all sign that report with the CURRENT `configVersion`; replacing the reporter set bumps the version
/// and so invalidates every older signature. Anyone may relay a report with at least `quorum` distinct reporter
/// signatures. Delivered GPU-hours, energy and curtailed GPU-hours are cumulative per pool and never decrease.
/// At most `MAX_REPORTERS` (32) reporters can be configured.
contract UtilizationOracle is IUtilizationOracle, EIP712, AccessControlDefaultAdminRules {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The EIP-712 type hash of the aggregate report every signer of a round signs.
    bytes32 public constant REPORT_TYPEHASH = keccak256(
        "Report(bytes32 poolId,uint64 epoch,uint16 utilizationBps,uint16 uptimeBps,uint64 deliveredGpuHours,uint64 energyKwh,uint64 curtailedGpuHours,uint64 observedAt,uint32 observers,uint32 configVersion)"
    );

    /// @notice The maximum number of reporters in a configuration (bounded by the duplicate-signer bitmap).
    uint256 public constant MAX_REPORTERS = 32;

    /// @notice The largest step between a pool's consecutive epochs (a year of hourly epochs): a report cannot push a
    /// pool's epoch so far ahead that no later report fits.
    uint64 public constant MAX_EPOCH_GAP = 8760;

    /// @notice The maximum value of a basis-point field (100 %).
    // `Bps.MAX`, kept as a public getter because it is part of the oracle's ABI (and of the SDK's bindings).
    uint256 public constant MAX_BPS = Bps.MAX;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev Current reporter configuration version (starts at 1). Packed with `_quorum` and `_maxAge` in one slot.
    uint32 private _configVersion;

    /// @dev Minimum number of distinct reporter signatures per report.
    uint8 private _quorum;

    /// @dev Maximum accepted observation age, in seconds.
    uint64 private _maxAge;

    /// @dev The current reporter set.
    address[] private _reporters;

    /// @dev 1-based position of each current reporter in `_reporters`; 0 when not a reporter.
    mapping(address account => uint256 index) private _reporterIndex;

    /// @dev The latest report of each pool (two storage slots).
    mapping(bytes32 poolId => PoolReport report) private _reports;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys the oracle with its first reporter configuration (version 1).
    /// @param admin The account granted `DEFAULT_ADMIN_ROLE` (reconfigures reporters and `maxAge`); handed over in two
    /// steps after `adminDelay` (OpenZeppelin's AccessControlDefaultAdminRules).
    /// @param adminDelay Seconds a default-admin hand-over must wait.
    /// @param reporters_ The initial reporter set (1..32 distinct, non-zero addresses).
    /// @param quorum_ The initial quorum (1..reporters_.length).
    /// @param maxAge_ The maximum accepted observation age, in seconds (non-zero).
    constructor(address admin, uint48 adminDelay, address[] memory reporters_, uint8 quorum_, uint64 maxAge_)
        EIP712("RwaCompute UtilizationOracle", "1")
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        if (maxAge_ == 0) revert Oracle_ZeroMaxAge();
        _setReporters(reporters_, quorum_);
        _maxAge = maxAge_;
        emit MaxAgeUpdated(0, maxAge_);
    }

    /*//////////////////////////////////////////////////////////////
                            REPORT SUBMISSION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IUtilizationOracle
    /// @dev One digest for the whole submission: every signature must recover to a distinct current reporter over
    /// `hashReport(report)`. Checks-effects: nothing is stored unless every check passed; no external calls.
    function submitReport(Report calldata report, bytes[] calldata signatures) external {
        bytes32 poolId = report.poolId;
        PoolReport storage stored = _reports[poolId];
        {
            uint32 version = _configVersion;
            if (report.configVersion != version) revert Oracle_WrongConfigVersion(report.configVersion, version);
            uint256 quorum_ = _quorum;
            if (signatures.length < quorum_) revert Oracle_QuorumNotMet(signatures.length, quorum_);
            _checkObservers(report.observers, quorum_);
        }
        _checkSequence(report, stored);
        _checkValues(report, _maxAge);

        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(REPORT_TYPEHASH, report)));
        uint256 seen; // bitmap of the 1-based reporter indices already counted
        for (uint256 i; i < signatures.length; ++i) {
            seen = _markSigner(seen, digest, signatures[i], i);
        }

        _store(stored, report, signatures.length);
    }

    /*//////////////////////////////////////////////////////////////
                             ADMINISTRATION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IUtilizationOracle
    /// @dev Requires 1 <= quorum <= reporters.length <= 32, no zero address and no duplicate.
    function setReporters(address[] calldata reporters_, uint8 quorum_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReporters(reporters_, quorum_);
    }

    /// @inheritdoc IUtilizationOracle
    /// @dev Reverts `Oracle_ZeroMaxAge` when `newMaxAge` is zero.
    function setMaxAge(uint64 newMaxAge) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newMaxAge == 0) revert Oracle_ZeroMaxAge();
        uint64 previous = _maxAge;
        _maxAge = newMaxAge;
        emit MaxAgeUpdated(previous, newMaxAge);
    }

    /// @inheritdoc IUtilizationOracle
    /// @dev Reverts `Oracle_NotARewind` unless `epoch` is below the pool's last epoch and not 0 (epoch 0 means "no
    /// report": `latest` would hide the kept counters and the epoch-gap check would be skipped). Counters are kept.
    function rewindEpoch(bytes32 poolId, uint64 epoch) external onlyRole(DEFAULT_ADMIN_ROLE) {
        PoolReport storage stored = _reports[poolId];
        uint64 previous = stored.epoch;
        if (epoch == 0 || epoch >= previous) revert Oracle_NotARewind(poolId, epoch, previous);
        stored.epoch = epoch;
        emit EpochRewound(poolId, previous, epoch);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IUtilizationOracle
    function latest(bytes32 poolId) public view returns (PoolReport memory report) {
        report = _reports[poolId];
        if (report.epoch == 0) revert Oracle_NoReport(poolId);
    }

    /// @inheritdoc IUtilizationOracle
    function latestFresh(bytes32 poolId, uint256 maxAgeSeconds) external view returns (PoolReport memory report) {
        report = latest(poolId);
        // Timestamps are the point of a freshness check; validator drift of seconds is irrelevant at report scale.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > report.observedAt && block.timestamp - report.observedAt > maxAgeSeconds) {
            revert Oracle_StaleReport(poolId, report.observedAt, maxAgeSeconds);
        }
        uint32 current = _configVersion;
        if (report.configVersion != current) revert Oracle_RevokedReport(poolId, report.configVersion, current);
    }

    /// @inheritdoc IUtilizationOracle
    function hashReport(Report calldata report) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(REPORT_TYPEHASH, report)));
    }

    /// @notice The EIP-712 domain separator ("RwaCompute UtilizationOracle", version "1", chain id, this address).
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IUtilizationOracle
    function configVersion() external view returns (uint32) {
        return _configVersion;
    }

    /// @inheritdoc IUtilizationOracle
    function quorum() external view returns (uint8) {
        return _quorum;
    }

    /// @inheritdoc IUtilizationOracle
    function maxAge() external view returns (uint64) {
        return _maxAge;
    }

    /// @inheritdoc IUtilizationOracle
    function reporters() external view returns (address[] memory) {
        return _reporters;
    }

    /// @inheritdoc IUtilizationOracle
    function isReporter(address account) external view returns (bool) {
        return _reporterIndex[account] != 0;
    }

    /// @notice ERC-165: also reports support for `IUtilizationOracle`.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IUtilizationOracle).interfaceId || super.supportsInterface(interfaceId);
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Replaces the reporter set and quorum, bumps the configuration version and emits the new configuration.
    function _setReporters(address[] memory reporters_, uint8 quorum_) private {
        uint256 count = reporters_.length;
        if (quorum_ == 0 || quorum_ > count) revert Oracle_InvalidQuorum(quorum_, count);
        if (count > MAX_REPORTERS) revert Oracle_TooManyReporters(count, MAX_REPORTERS);

        address[] storage current = _reporters;
        for (uint256 i = current.length; i != 0; --i) {
            delete _reporterIndex[current[i - 1]];
        }
        delete _reporters;

        for (uint256 i; i < count; ++i) {
            address reporter = reporters_[i];
            if (reporter == address(0)) revert Oracle_ZeroReporter(i);
            if (_reporterIndex[reporter] != 0) revert Oracle_DuplicateReporter(reporter);
            _reporterIndex[reporter] = i + 1;
            current.push(reporter);
        }

        uint32 version = _configVersion + 1;
        _configVersion = version;
        _quorum = quorum_;
        emit ReporterConfigUpdated(version, reporters_, quorum_);
    }

    /// @dev Reverts unless the observer bitmap names at least `quorum_` reporters and only current positions.
    function _checkObservers(uint32 observers, uint256 quorum_) private view {
        uint256 count = _reporters.length;
        if (count < 32 && observers >> count != 0) revert Oracle_UnknownObserver(observers, count);
        uint256 observerCount;
        for (uint256 bits = observers; bits != 0; bits &= bits - 1) {
            ++observerCount;
        }
        if (observerCount < quorum_) revert Oracle_TooFewObservers(observerCount, quorum_);
    }

    /// @dev Reverts unless the epoch moves forward by at most `MAX_EPOCH_GAP` (any first epoch is accepted) and no
    /// cumulative counter decreases.
    function _checkSequence(Report calldata report, PoolReport storage stored) private view {
        bytes32 poolId = report.poolId;
        uint64 epoch = report.epoch;
        uint64 lastEpoch = stored.epoch;
        if (epoch <= lastEpoch) revert Oracle_EpochNotIncreasing(poolId, epoch, lastEpoch);
        if (lastEpoch != 0 && epoch - lastEpoch > MAX_EPOCH_GAP) {
            revert Oracle_EpochGapTooLarge(poolId, epoch, lastEpoch, MAX_EPOCH_GAP);
        }
        if (report.deliveredGpuHours < stored.deliveredGpuHours) {
            revert Oracle_DeliveredDecreased(poolId, report.deliveredGpuHours, stored.deliveredGpuHours);
        }
        if (report.energyKwh < stored.energyKwh) {
            revert Oracle_EnergyDecreased(poolId, report.energyKwh, stored.energyKwh);
        }
        if (report.curtailedGpuHours < stored.curtailedGpuHours) {
            revert Oracle_CurtailedDecreased(poolId, report.curtailedGpuHours, stored.curtailedGpuHours);
        }
    }

    /// @dev Reverts unless both bps values are <= 10 000 and `observedAt` lies within `[now - maxAge_, now]`.
    function _checkValues(Report calldata report, uint64 maxAge_) private view {
        if (report.utilizationBps > Bps.MAX) revert Oracle_UtilizationOutOfRange(report.utilizationBps, Bps.MAX);
        if (report.uptimeBps > Bps.MAX) revert Oracle_UptimeOutOfRange(report.uptimeBps, Bps.MAX);
        uint64 observedAt = report.observedAt;
        // forge-lint: disable-next-line(block-timestamp)
        if (observedAt > block.timestamp) revert Oracle_FutureReport(observedAt, block.timestamp);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp - observedAt > maxAge_) revert Oracle_ReportTooOld(observedAt, maxAge_);
    }

    /// @dev Recovers the signer of `signatures[index]` over `digest`, requires it to be a current reporter not yet
    /// present in the `seen` bitmap, and returns the bitmap with the signer's bit set.
    function _markSigner(uint256 seen, bytes32 digest, bytes calldata signature, uint256 index)
        private
        view
        returns (uint256)
    {
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err != ECDSA.RecoverError.NoError) revert Oracle_InvalidSignature(index);
        // Bit `index` of the bitmap; a non-reporter (index 0) maps to bit 0, which no reporter uses.
        // forge-lint: disable-next-line(incorrect-shift)
        uint256 bit = 1 << _reporterIndex[signer];
        if (bit == 1) revert Oracle_UnauthorizedSigner(signer);
        if (seen & bit != 0) revert Oracle_DuplicateSigner(signer);
        return seen | bit;
    }

    /// @dev Writes the accepted report into the pool's two slots and emits it.
    function _store(PoolReport storage stored, Report calldata report, uint256 signerCount) private {
        stored.epoch = report.epoch;
        stored.observedAt = report.observedAt;
        stored.utilizationBps = report.utilizationBps;
        stored.uptimeBps = report.uptimeBps;
        stored.configVersion = report.configVersion;
        // forge-lint: disable-next-line(unsafe-typecast) -- distinct reporters, at most MAX_REPORTERS
        stored.signerCount = uint8(signerCount);
        stored.observers = report.observers;
        stored.deliveredGpuHours = report.deliveredGpuHours;
        stored.energyKwh = report.energyKwh;
        stored.curtailedGpuHours = report.curtailedGpuHours;
        emit ReportSubmitted(
            report.poolId,
            report.epoch,
            report.utilizationBps,
            report.uptimeBps,
            report.deliveredGpuHours,
            report.energyKwh,
            report.curtailedGpuHours,
            report.observedAt,
            report.observers,
            // forge-lint: disable-next-line(unsafe-typecast) -- distinct reporters, at most MAX_REPORTERS
            uint8(signerCount)
        );
    }
}
