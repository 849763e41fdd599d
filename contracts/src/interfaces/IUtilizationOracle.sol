// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IUtilizationOracle
/// @notice Quorum-signed (EIP-712) utilization reports per compute pool and epoch.
/// @dev Reporters agree off-chain on ONE aggregate report per pool and epoch (the lower median of each field over
/// their observations, and which reporters observed), and every signature covers that same report (the pattern of
/// Chainlink OCR). The oracle accepts it when at least `quorum` distinct reporters of the CURRENT configuration
/// signed it. With n reporters of which at most f are faulty, `quorum >= 2f + 1` and `n >= 3f + 1` guarantee that
/// f colluders cannot get a report accepted on their own, and that every accepted report was checked by at least
/// f + 1 honest reporters against their own observations (docs/SPEC.md, "Oracle fault model"). A relayer holds no
/// key: it can submit a signed report or withhold it, never change it.
interface IUtilizationOracle {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice The EIP-712 typed data (primary type `Report`) every reporter of a round signs: the aggregate of the
    /// round's observations for one pool and epoch, bound to a reporter configuration version. `REPORT_TYPEHASH` is
    /// the hash of this struct's type, and the generated SDK bindings derive the type string and `hashStruct` from
    /// this declaration.
    /// @param poolId The pool observed.
    /// @param epoch The epoch observed (strictly increasing per pool, at most `MAX_EPOCH_GAP` past the last one).
    /// @param utilizationBps Median share of the pool's capacity in use during the epoch, in basis points.
    /// @param uptimeBps Median share of the epoch the pool's GPUs were available, in basis points.
    /// @param deliveredGpuHours GPU-hours delivered by the pool since its first report (cumulative, never decreases).
    /// @param energyKwh Energy drawn by the pool since its first report, in kWh (cumulative, never decreases).
    /// @param curtailedGpuHours GPU-hours the provider paused on purpose since the first report, e.g. to give power
    /// back to the grid (cumulative, never decreases; reported, not yet priced).
    /// @param observedAt Median of the observations' timestamps.
    /// @param observers Bitmap of the reporters whose observations the medians were taken over: bit i is the
    /// reporter at position i of `reporters()`. At least `quorum` bits, none beyond the reporter count.
    /// @param configVersion The reporter configuration the report is for (must be the current one).
    struct Report {
        bytes32 poolId;
        uint64 epoch;
        uint16 utilizationBps;
        uint16 uptimeBps;
        uint64 deliveredGpuHours;
        uint64 energyKwh;
        uint64 curtailedGpuHours;
        uint64 observedAt;
        uint32 observers;
        uint32 configVersion;
    }

    /// @notice The stored report of a pool.
    /// @param epoch The report's epoch.
    /// @param observedAt The report's timestamp.
    /// @param utilizationBps Utilization, in basis points.
    /// @param uptimeBps Uptime, in basis points.
    /// @param configVersion The reporter configuration the signatures were checked against.
    /// @param signerCount How many distinct authorized signatures backed the report.
    /// @param observers Bitmap of the reporters whose observations the report aggregates.
    /// @param deliveredGpuHours Cumulative delivered GPU-hours.
    /// @param energyKwh Cumulative energy, in kWh.
    /// @param curtailedGpuHours Cumulative curtailed GPU-hours.
    struct PoolReport {
        uint64 epoch;
        uint64 observedAt;
        uint16 utilizationBps;
        uint16 uptimeBps;
        uint32 configVersion;
        uint8 signerCount;
        uint32 observers;
        uint64 deliveredGpuHours;
        uint64 energyKwh;
        uint64 curtailedGpuHours;
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
        uint64 curtailedGpuHours,
        uint64 observedAt,
        uint32 observers,
        uint8 signerCount
    );

    /// @notice Emitted when the admin rewinds a pool's last epoch (the escape hatch for a report with an absurd epoch);
    /// the cumulative counters are kept.
    event EpochRewound(bytes32 indexed poolId, uint64 previousEpoch, uint64 newEpoch);

    /// @notice Emitted when the admin replaces the reporter set and quorum; older signatures become invalid.
    event ReporterConfigUpdated(uint32 indexed configVersion, address[] reporters, uint8 quorum);

    /// @notice Emitted when the admin changes the maximum accepted observation age.
    event MaxAgeUpdated(uint64 previousMaxAge, uint64 newMaxAge);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when fewer signatures than the quorum are submitted.
    /// @param provided The number of signatures submitted.
    /// @param quorum The quorum of the current configuration.
    error Oracle_QuorumNotMet(uint256 provided, uint256 quorum);
    /// @notice Thrown when a report names another reporter configuration than the current one.
    /// @param configVersion The report's configuration version.
    /// @param current The current configuration version.
    error Oracle_WrongConfigVersion(uint32 configVersion, uint32 current);
    /// @notice Thrown when a report's observer bitmap has fewer than `quorum` reporters.
    /// @param observerCount The number of observers in the bitmap.
    /// @param quorum The quorum of the current configuration.
    error Oracle_TooFewObservers(uint256 observerCount, uint256 quorum);
    /// @notice Thrown when a report's observer bitmap names a position beyond the reporter set.
    /// @param observers The bitmap.
    /// @param reporterCount The number of current reporters.
    error Oracle_UnknownObserver(uint32 observers, uint256 reporterCount);
    /// @notice Thrown when the epoch jumps more than `MAX_EPOCH_GAP` past the pool's last epoch.
    /// @param poolId The pool.
    /// @param epoch The epoch submitted.
    /// @param lastEpoch The pool's last stored epoch.
    /// @param maxGap The largest accepted jump.
    error Oracle_EpochGapTooLarge(bytes32 poolId, uint64 epoch, uint64 lastEpoch, uint64 maxGap);
    /// @notice Thrown when a report's cumulative delivered GPU-hours are below the pool's last report.
    /// @param poolId The pool.
    /// @param deliveredGpuHours The value submitted.
    /// @param previous The pool's stored value.
    error Oracle_DeliveredDecreased(bytes32 poolId, uint64 deliveredGpuHours, uint64 previous);
    /// @notice Thrown when a report's cumulative energy is below the pool's last report.
    /// @param poolId The pool.
    /// @param energyKwh The value submitted.
    /// @param previous The pool's stored value.
    error Oracle_EnergyDecreased(bytes32 poolId, uint64 energyKwh, uint64 previous);
    /// @notice Thrown when a report's cumulative curtailed GPU-hours are below the pool's last report.
    /// @param poolId The pool.
    /// @param curtailedGpuHours The value submitted.
    /// @param previous The pool's stored value.
    error Oracle_CurtailedDecreased(bytes32 poolId, uint64 curtailedGpuHours, uint64 previous);
    /// @notice Thrown by `rewindEpoch` unless the new epoch is below the pool's last epoch and not 0.
    /// @param poolId The pool.
    /// @param epoch The epoch asked for.
    /// @param lastEpoch The pool's last stored epoch.
    error Oracle_NotARewind(bytes32 poolId, uint64 epoch, uint64 lastEpoch);
    /// @notice Thrown by `latestFresh` when the stored report was signed under a configuration since replaced
    /// (its reporters may have been revoked for cause).
    /// @param poolId The pool.
    /// @param configVersion The stored report's configuration version.
    /// @param current The current configuration version.
    error Oracle_RevokedReport(bytes32 poolId, uint32 configVersion, uint32 current);
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
    /// @notice Thrown when a report is timestamped in the future.
    /// @param observedAt The report's timestamp.
    /// @param blockTimestamp The current block timestamp.
    error Oracle_FutureReport(uint64 observedAt, uint256 blockTimestamp);
    /// @notice Thrown when a report is older than `maxAge`.
    /// @param observedAt The report's timestamp.
    /// @param maxAge The maximum accepted age, in seconds.
    error Oracle_ReportTooOld(uint64 observedAt, uint64 maxAge);
    /// @notice Thrown when a report's utilization exceeds 10 000 bps.
    /// @param utilizationBps The utilization reported.
    /// @param max The largest accepted value (10 000).
    error Oracle_UtilizationOutOfRange(uint256 utilizationBps, uint256 max);
    /// @notice Thrown when a report's uptime exceeds 10 000 bps.
    /// @param uptimeBps The uptime reported.
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
    /// @notice Thrown when `maxAge` is set to zero (every report would be too old).
    error Oracle_ZeroMaxAge();

    /*//////////////////////////////////////////////////////////////
                               FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Stores `report` when at least `quorum` distinct reporters of the current configuration signed it
    /// (EIP-712, `hashReport(report)`). Anyone may relay it.
    /// @param report The aggregate report every signature covers.
    /// @param signatures 65-byte ECDSA signatures (r, s, v) of distinct current reporters, in any order.
    function submitReport(Report calldata report, bytes[] calldata signatures) external;

    /// @notice Replaces the reporter set and quorum (admin only); bumps `configVersion`.
    function setReporters(address[] calldata reporters, uint8 quorum) external;

    /// @notice Sets the maximum age of a report accepted by `submitReport` (admin only).
    function setMaxAge(uint64 maxAge) external;

    /// @notice Lowers a pool's last epoch (admin only), so that reports resume after one signed with an absurd epoch;
    /// the cumulative counters stay, so a replayed older report cannot lower them.
    /// @param poolId The pool.
    /// @param epoch The new last epoch (below the stored one, at least 1).
    function rewindEpoch(bytes32 poolId, uint64 epoch) external;

    /// @notice The latest stored report of a pool, however old. Reverts `Oracle_NoReport` if none.
    function latest(bytes32 poolId) external view returns (PoolReport memory);

    /// @notice The latest report of a pool for decisions: reverts `Oracle_StaleReport` if older than `maxAge`
    /// seconds and `Oracle_RevokedReport` if signed under a replaced reporter configuration.
    function latestFresh(bytes32 poolId, uint256 maxAge) external view returns (PoolReport memory);

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
