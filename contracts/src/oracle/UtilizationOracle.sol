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
/// @notice Stores, per compute pool, the latest quorum-signed (EIP-712) utilization report.
/// @dev Every authorized reporter signs its own `Observation` together with the pool, the epoch and the
/// CURRENT `configVersion`; replacing the reporter set bumps the version and so invalidates all older signatures.
/// Anyone may relay at least `quorum` signed observations; the oracle stores the median of every field
/// independently. For an even number of observations the LOWER median is used, i.e. element `(n - 1) / 2`
/// of the ascending-sorted values. At most `MAX_REPORTERS` (32) reporters can be configured.
contract UtilizationOracle is IUtilizationOracle, EIP712, AccessControlDefaultAdminRules {
    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The EIP-712 type hash of a reporter's signed observation.
    bytes32 public constant REPORT_TYPEHASH = keccak256(
        "Report(bytes32 poolId,uint64 epoch,uint16 utilizationBps,uint16 uptimeBps,uint64 deliveredGpuHours,uint64 energyKwh,uint64 observedAt,uint32 configVersion)"
    );

    /// @notice The maximum number of reporters in a configuration (bounded by the duplicate-signer bitmap).
    uint256 public constant MAX_REPORTERS = 32;

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
    /// @dev Stores the median of each field independently; for an even count the lower median
    /// (sorted element `(n - 1) / 2`). `signerCount` is the number of observations.
    function submitReport(
        bytes32 poolId,
        uint64 epoch,
        Observation[] calldata observations,
        bytes[] calldata signatures
    ) external {
        uint256 n = observations.length;
        if (n != signatures.length) revert Oracle_LengthMismatch(n, signatures.length);
        {
            uint256 quorum_ = _quorum;
            if (n < quorum_) revert Oracle_QuorumNotMet(n, quorum_);
            uint64 lastEpoch = _reports[poolId].epoch;
            if (epoch <= lastEpoch) revert Oracle_EpochNotIncreasing(poolId, epoch, lastEpoch);
        }

        uint32 version = _configVersion;
        uint64 maxAge_ = _maxAge;
        uint256 hashBuf = _structHashBuffer(poolId, epoch, version);

        // Five ascending-sorted columns of `n` values each: utilization, uptime, delivered, energy, observedAt.
        uint256[] memory sorted = new uint256[](5 * n);
        uint256 seen; // bitmap of the 1-based reporter indices already counted

        for (uint256 i; i < n; ++i) {
            Observation calldata o = observations[i];
            _checkObservation(o, maxAge_);
            seen = _markSigner(seen, _hashTypedDataV4(_structHashFrom(hashBuf, o)), signatures[i], i);
            _insertObservation(sorted, n, i, o);
        }

        PoolReport memory report = _medianReport(sorted, n, epoch, version);
        _reports[poolId] = report;

        emit ReportSubmitted(
            poolId,
            epoch,
            report.utilizationBps,
            report.uptimeBps,
            report.deliveredGpuHours,
            report.energyKwh,
            report.observedAt,
            report.signerCount
        );
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
    }

    /// @inheritdoc IUtilizationOracle
    function reportDigest(bytes32 poolId, uint64 epoch, Observation calldata observation)
        external
        view
        returns (bytes32)
    {
        return _digest(
            Report({
                poolId: poolId,
                epoch: epoch,
                utilizationBps: observation.utilizationBps,
                uptimeBps: observation.uptimeBps,
                deliveredGpuHours: observation.deliveredGpuHours,
                energyKwh: observation.energyKwh,
                observedAt: observation.observedAt,
                configVersion: _configVersion
            })
        );
    }

    /// @inheritdoc IUtilizationOracle
    function hashReport(Report calldata report) external view returns (bytes32) {
        return _digest(report);
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

    /// @dev Reverts unless both bps values are <= 10 000 and `observedAt` lies within `[now - maxAge_, now]`.
    function _checkObservation(Observation calldata o, uint64 maxAge_) private view {
        if (o.utilizationBps > Bps.MAX) revert Oracle_UtilizationOutOfRange(o.utilizationBps, Bps.MAX);
        if (o.uptimeBps > Bps.MAX) revert Oracle_UptimeOutOfRange(o.uptimeBps, Bps.MAX);
        uint64 observedAt = o.observedAt;
        // forge-lint: disable-next-line(block-timestamp)
        if (observedAt > block.timestamp) revert Oracle_FutureObservation(observedAt, block.timestamp);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp - observedAt > maxAge_) revert Oracle_ObservationTooOld(observedAt, maxAge_);
    }

    /// @dev The EIP-712 digest of `report`: the typed data a reporter signs. One helper for both views, so that the
    /// submission path stays the only other caller of `_hashTypedDataV4` (a third call site stops the optimizer from
    /// inlining it there, which costs about 70 gas per signature).
    function _digest(Report memory report) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(REPORT_TYPEHASH, report)));
    }

    /// @dev Allocates the 9-word EIP-712 encoding buffer `(REPORT_TYPEHASH, poolId, epoch, <5 observation words>,
    /// version)` with the fields shared by every observation of a submission already written.
    function _structHashBuffer(bytes32 poolId, uint64 epoch, uint32 version) private pure returns (uint256 buf) {
        bytes32 typehash = REPORT_TYPEHASH;
        assembly ("memory-safe") {
            buf := mload(0x40)
            mstore(buf, typehash)
            mstore(add(buf, 0x20), poolId)
            mstore(add(buf, 0x40), epoch)
            mstore(add(buf, 0x100), version)
            mstore(0x40, add(buf, 0x120))
        }
    }

    /// @dev Struct hash of `o` using a buffer from `_structHashBuffer`. A calldata `Observation` is five static
    /// ABI words, identical to its EIP-712 encoding, so it is copied verbatim (equivalent to `_digest`'s hashing; dirty
    /// upper bits are rejected by the ABI decoder when the fields are read in `_insertObservation`).
    function _structHashFrom(uint256 buf, Observation calldata o) private pure returns (bytes32 digest) {
        assembly ("memory-safe") {
            calldatacopy(add(buf, 0x60), o, 0xa0)
            digest := keccak256(buf, 0x120)
        }
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

    /// @dev Inserts the five fields of observation `i` into their sorted columns of `sorted` (column length `n`).
    function _insertObservation(uint256[] memory sorted, uint256 n, uint256 i, Observation calldata o) private pure {
        _insertSorted(sorted, 0, i, o.utilizationBps);
        _insertSorted(sorted, n, i, o.uptimeBps);
        _insertSorted(sorted, 2 * n, i, o.deliveredGpuHours);
        _insertSorted(sorted, 3 * n, i, o.energyKwh);
        _insertSorted(sorted, 4 * n, i, o.observedAt);
    }

    /// @dev Builds the report from the lower median (sorted element `(n - 1) / 2`) of each column.
    /// `n >= quorum >= 1`, and `n <= MAX_REPORTERS` because every signer is a distinct reporter.
    function _medianReport(uint256[] memory sorted, uint256 n, uint64 epoch, uint32 version)
        private
        pure
        returns (PoolReport memory)
    {
        uint256 mid = (n - 1) / 2;
        return PoolReport({
            epoch: epoch,
            observedAt: uint64(sorted[4 * n + mid]),
            utilizationBps: uint16(sorted[mid]),
            uptimeBps: uint16(sorted[n + mid]),
            configVersion: version,
            // forge-lint: disable-next-line(unsafe-typecast)
            signerCount: uint8(n),
            deliveredGpuHours: uint64(sorted[2 * n + mid]),
            energyKwh: uint64(sorted[3 * n + mid])
        });
    }

    /// @dev Inserts `value` into the ascending-sorted column `buf[offset .. offset + len)`, growing it to `len + 1`.
    function _insertSorted(uint256[] memory buf, uint256 offset, uint256 len, uint256 value) private pure {
        uint256 j = offset + len;
        while (j > offset) {
            uint256 previous = buf[j - 1];
            if (previous <= value) break;
            buf[j] = previous;
            --j;
        }
        buf[j] = value;
    }
}
