// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IUtilizationOracle
/// @notice Quorum-signed (EIP-712) utilization reports per compute pool and epoch.
/// @dev Each authorized reporter signs its own `Observation` for `(poolId, epoch, configVersion)`;
/// anyone submits at least `quorum` such signed observations and the oracle stores the median of each field.
interface IUtilizationOracle {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice One reporter's view of a pool for one epoch (the values it signs).
    /// @param utilizationBps Share of the pool's capacity in use, in basis points (0..10 000).
    /// @param uptimeBps Share of the epoch the pool was available, in basis points (0..10 000).
    /// @param deliveredGpuHours GPU-hours delivered to redeemers during the epoch.
    /// @param energyKwh Energy drawn by the pool during the epoch, in kWh.
    /// @param observedAt Unix time the observation was taken.
    struct Observation {
        uint16 utilizationBps;
        uint16 uptimeBps;
        uint64 deliveredGpuHours;
        uint64 energyKwh;
        uint64 observedAt;
    }

    /// @notice The EIP-712 typed data (primary type `Report`) each reporter signs: its observation of one pool for one
    /// epoch, bound to a reporter configuration version. `REPORT_TYPEHASH` is the hash of this struct's type, and the
    /// generated SDK bindings derive the type string and `hashStruct` from this declaration.
    /// @param poolId The pool observed.
    /// @param epoch The epoch observed.
    /// @param utilizationBps Share of the pool's capacity in use, in basis points (0..10 000).
    /// @param uptimeBps Share of the epoch the pool was available, in basis points (0..10 000).
    /// @param deliveredGpuHours GPU-hours delivered to redeemers during the epoch.
    /// @param energyKwh Energy drawn by the pool during the epoch, in kWh.
    /// @param observedAt Unix time the observation was taken.
    /// @param configVersion The reporter configuration the signature is for.
    struct Report {
        bytes32 poolId;
        uint64 epoch;
        uint16 utilizationBps;
        uint16 uptimeBps;
        uint64 deliveredGpuHours;
        uint64 energyKwh;
        uint64 observedAt;
        uint32 configVersion;
    }

    /// @notice The stored (median) report of a pool.
    /// @param epoch The report's epoch (strictly increasing per pool).
    /// @param observedAt Median of the observations' timestamps.
    /// @param utilizationBps Median utilization, in basis points.
    /// @param uptimeBps Median uptime, in basis points.
    /// @param configVersion The reporter configuration the signatures were checked against.
    /// @param signerCount How many distinct authorized signatures backed the report.
    /// @param deliveredGpuHours Median delivered GPU-hours.
    /// @param energyKwh Median energy, in kWh.
    struct PoolReport {
        uint64 epoch;
        uint64 observedAt;
        uint16 utilizationBps;
        uint16 uptimeBps;
        uint32 configVersion;
        uint8 signerCount;
        uint64 deliveredGpuHours;
        uint64 energyKwh;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when a report is accepted and stored.
    event ReportSubmitted(
        bytes32 indexed poolId,
        uint64 indexed epoch,
        uint16 utilizationBps,
        uint16 uptimeBps,
        uint64 deliveredGpuHours,
        uint64 energyKwh,
        uint64 observedAt,
        uint8 signerCount
    );

    /// @notice Emitted when the admin replaces the reporter set and quorum; older signatures become invalid.
    event ReporterConfigUpdated(uint32 indexed configVersion, address[] reporters, uint8 quorum);

    /// @notice Emitted when the admin changes the maximum accepted observation age.
    event MaxAgeUpdated(uint64 previousMaxAge, uint64 newMaxAge);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when fewer signed observations than the quorum are submitted.
    /// @param provided The number of observations submitted.
    /// @param quorum The quorum of the current configuration.
    error Oracle_QuorumNotMet(uint256 provided, uint256 quorum);
    /// @notice Thrown when the observation and signature arrays differ in length.
    /// @param observations The number of observations.
    /// @param signatures The number of signatures.
    error Oracle_LengthMismatch(uint256 observations, uint256 signatures);
    /// @notice Thrown when a signature does not recover to an authorized reporter of the current configuration.
    /// @param signer The address the signature recovers to.
    error Oracle_UnauthorizedSigner(address signer);
    /// @notice Thrown when the same reporter signed twice in one submission.
    /// @param signer The reporter.
    error Oracle_DuplicateSigner(address signer);
    /// @notice Thrown when a signature is malformed: OpenZeppelin's `ECDSA.tryRecover` rejects it (wrong length,
    /// high s, or a v that recovers no address).
    /// @param index The signature's position in the submission.
    error Oracle_InvalidSignature(uint256 index);
    /// @notice Thrown when the epoch is not greater than the pool's last stored epoch.
    /// @param poolId The pool.
    /// @param epoch The epoch submitted.
    /// @param lastEpoch The pool's last stored epoch.
    error Oracle_EpochNotIncreasing(bytes32 poolId, uint64 epoch, uint64 lastEpoch);
    /// @notice Thrown when an observation is timestamped in the future.
    /// @param observedAt The observation's timestamp.
    /// @param blockTimestamp The current block timestamp.
    error Oracle_FutureObservation(uint64 observedAt, uint256 blockTimestamp);
    /// @notice Thrown when an observation is older than `maxAge`.
    /// @param observedAt The observation's timestamp.
    /// @param maxAge The maximum accepted age, in seconds.
    error Oracle_ObservationTooOld(uint64 observedAt, uint64 maxAge);
    /// @notice Thrown when an observation's utilization exceeds 10 000 bps.
    /// @param utilizationBps The utilization observed.
    /// @param max The largest accepted value (10 000).
    error Oracle_UtilizationOutOfRange(uint256 utilizationBps, uint256 max);
    /// @notice Thrown when an observation's uptime exceeds 10 000 bps.
    /// @param uptimeBps The uptime observed.
    /// @param max The largest accepted value (10 000).
    error Oracle_UptimeOutOfRange(uint256 uptimeBps, uint256 max);
    /// @notice Thrown when a pool has no stored report.
    /// @param poolId The pool.
    error Oracle_NoReport(bytes32 poolId);
    /// @notice Thrown by `latestFresh` when the stored report is older than the caller's limit.
    /// @param poolId The pool.
    /// @param observedAt When the stored report was observed.
    /// @param maxAge The caller's limit, in seconds.
    error Oracle_StaleReport(bytes32 poolId, uint64 observedAt, uint256 maxAge);
    /// @notice Thrown when a reporter configuration's quorum is 0 or larger than its reporter count.
    /// @param quorum The quorum given.
    /// @param reporterCount The number of reporters given.
    error Oracle_InvalidQuorum(uint8 quorum, uint256 reporterCount);
    /// @notice Thrown when a reporter configuration has more than `MAX_REPORTERS` reporters.
    /// @param reporterCount The number of reporters given.
    /// @param max The largest reporter count accepted.
    error Oracle_TooManyReporters(uint256 reporterCount, uint256 max);
    /// @notice Thrown when a reporter configuration contains the zero address.
    /// @param index Its position in the reporter list.
    error Oracle_ZeroReporter(uint256 index);
    /// @notice Thrown when a reporter configuration names the same reporter twice.
    /// @param reporter The reporter.
    error Oracle_DuplicateReporter(address reporter);
    /// @notice Thrown when `maxAge` is set to zero (every observation would be too old).
    error Oracle_ZeroMaxAge();

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Submits a report for `poolId` and `epoch` backed by at least `quorum` distinct reporter signatures.
    function submitReport(
        bytes32 poolId,
        uint64 epoch,
        Observation[] calldata observations,
        bytes[] calldata signatures
    ) external;

    /// @notice Replaces the reporter set and quorum (admin only); bumps `configVersion`.
    function setReporters(address[] calldata reporters, uint8 quorum) external;

    /// @notice Sets the maximum age of an observation accepted by `submitReport` (admin only).
    function setMaxAge(uint64 maxAge) external;

    /// @notice The latest stored report of a pool, however old. Reverts `Oracle_NoReport` if none.
    function latest(bytes32 poolId) external view returns (PoolReport memory);

    /// @notice The latest report of a pool; reverts `Oracle_StaleReport` if older than `maxAge` seconds.
    function latestFresh(bytes32 poolId, uint256 maxAge) external view returns (PoolReport memory);

    /// @notice The EIP-712 digest a reporter signs for an observation under the current configuration.
    function reportDigest(bytes32 poolId, uint64 epoch, Observation calldata observation)
        external
        view
        returns (bytes32);

    /// @notice The EIP-712 digest of `report` exactly as given (its own `configVersion`): what a reporter signs.
    /// @param report The typed data.
    /// @return The digest, `keccak256(0x1901 ‖ DOMAIN_SEPARATOR ‖ hashStruct(report))`.
    function hashReport(Report calldata report) external view returns (bytes32);

    /// @notice The current reporter configuration version (starts at 1).
    function configVersion() external view returns (uint32);

    /// @notice The current quorum.
    function quorum() external view returns (uint8);

    /// @notice The maximum accepted observation age, in seconds.
    function maxAge() external view returns (uint64);

    /// @notice The current reporter set.
    function reporters() external view returns (address[] memory);

    /// @notice Whether `account` is a reporter in the current configuration.
    function isReporter(address account) external view returns (bool);
}
