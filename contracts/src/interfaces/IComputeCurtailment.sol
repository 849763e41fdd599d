// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeCapacityToken} from "./IComputeCapacityToken.sol";

/// @title IComputeCurtailment
/// @notice Interruptible lots (the demand-response case): a provider may curtail up to a stated share of a lot's
/// capacity, for example to hand power back to the grid; the curtailed GPU-hours come from the oracle's reports, and
/// the lot's holders receive a refund at a stated rate per curtailed hour, pro rata per unit, from the provider's bond.
/// Holds no money and no units: the escrow keeps the bond that backs the refunds and credits the claims.
/// @dev Flow: `declareInterruptible(spec, …)` before the lot exists (the terms are fixed before any unit is), the usual
/// `token.issueLot(spec, …)`, `sync(poolId)` after reports (anyone), `finalize(lotId)` after the window (anyone), then
/// `claim(lotId, account)` once the lot's units can no longer move and `claimRedeemed(redemptionId)` for delivered
/// redemptions. A lot issued without a declaration is firm for good.
interface IComputeCurtailment {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice An interruptible lot's terms and its attribution so far.
    /// @param poolId The lot's pool (whose cumulative curtailed GPU-hours count).
    /// @param provider The lot's provider, who declared it.
    /// @param startsAt The lot's window start.
    /// @param endsAt The lot's window end.
    /// @param maxCurtailBps The largest share of the capacity the provider may curtail, in basis points.
    /// @param refundPerCurtailedHour Refund per curtailed GPU-hour of the lot, in base units of the lot's currency
    /// (at most the lot's bond per unit).
    /// @param capacityUnits The lot's declared capacity in GPU-hours: its issuance ceiling, and what bounds the hours a
    /// period can attribute to it.
    /// @param attributed Curtailed GPU-hours counted against the lot so far (at most `maxCurtailBps` of the capacity).
    /// @param issued The units issued, recorded at finalization: the refunds are charged on them, the sold hours first
    /// (the pot `min(attributed × rate, ⌊issued × maxCurtailBps × rate / 10 000⌋)`, shared per issued unit).
    /// @param finalized Whether the attribution is final and the refund pot reserved in the escrow.
    struct Interruptible {
        bytes32 poolId;
        address provider;
        uint40 startsAt;
        uint40 endsAt;
        uint16 maxCurtailBps;
        uint96 refundPerCurtailedHour;
        uint48 capacityUnits;
        uint48 attributed;
        uint48 issued;
        bool finalized;
    }

    /// @notice Where a pool's curtailed-hours counter was last read (`sync`).
    /// @param observedAt The `observedAt` of the report read.
    /// @param curtailed The pool's cumulative curtailed GPU-hours in it.
    /// @param epoch Its epoch.
    struct Checkpoint {
        uint64 observedAt;
        uint64 curtailed;
        uint64 epoch;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when a provider declares a lot interruptible (before it exists).
    event InterruptibleDeclared(
        uint256 indexed lotId,
        address indexed provider,
        bytes32 indexed poolId,
        uint16 maxCurtailBps,
        uint96 refundPerCurtailedHour,
        uint48 capacityUnits,
        uint40 startsAt,
        uint40 endsAt
    );
    /// @notice Emitted when a provider drops the declaration of a lot it never issued.
    event DeclarationRevoked(uint256 indexed lotId);
    /// @notice Emitted when a pool's counter is read: `curtailedDelta` GPU-hours over (`fromObservedAt`,
    /// `toObservedAt`], of which `attributed` were counted against the pool's interruptible lot `lotId`.
    event PoolSynced(
        bytes32 indexed poolId,
        uint256 indexed lotId,
        uint64 epoch,
        uint64 fromObservedAt,
        uint64 toObservedAt,
        uint64 curtailedDelta,
        uint64 attributed
    );
    /// @notice Emitted when a lot's attribution becomes final: `presumedHours` of it presumed for a window end no
    /// report covered in time; `pot` is reserved in the escrow for the holders.
    event CurtailmentFinalized(uint256 indexed lotId, uint64 attributed, uint64 presumedHours, uint256 pot);
    /// @notice Emitted when `account` is credited `amount` for `units` units it held once they could no longer move.
    event CurtailmentClaimed(uint256 indexed lotId, address indexed account, uint256 units, uint256 amount);
    /// @notice Emitted when a delivered redemption's holder is credited `amount` for its `units` units.
    event RedemptionCurtailmentClaimed(
        uint256 indexed redemptionId, uint256 indexed lotId, address indexed holder, uint256 units, uint256 amount
    );

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when the module is deployed with a zero token, escrow or oracle.
    error Curtailment_ZeroAddress();
    /// @notice Thrown when the caller is not the spec's provider.
    /// @param specProvider The spec's provider.
    /// @param caller The caller.
    error Curtailment_NotSpecProvider(address specProvider, address caller);
    /// @notice Thrown when the spec's pool is not registered to the caller.
    /// @param poolId The pool.
    /// @param owner Its registered provider (zero if unknown).
    error Curtailment_PoolNotOwned(bytes32 poolId, address owner);
    /// @notice Thrown when declaring a lot that already exists: a sold firm lot cannot become interruptible.
    /// @param lotId The lot.
    error Curtailment_LotAlreadyIssued(uint256 lotId);
    /// @notice Thrown when declaring a lot twice.
    /// @param lotId The lot.
    error Curtailment_AlreadyDeclared(uint256 lotId);
    /// @notice Thrown when the spec's window is empty or has already started.
    /// @param startsAt The window start.
    /// @param endsAt The window end.
    error Curtailment_InvalidWindow(uint40 startsAt, uint40 endsAt);
    /// @notice Thrown when the curtailable share is 0 or above 10 000 basis points.
    /// @param maxCurtailBps The share given.
    error Curtailment_InvalidShare(uint16 maxCurtailBps);
    /// @notice Thrown when the refund rate is 0 or above the lot's bond per unit.
    /// @param rate The rate given.
    /// @param unitCover The lot's bond per unit.
    error Curtailment_InvalidRefundRate(uint256 rate, uint256 unitCover);
    /// @notice Thrown when the capacity is zero.
    error Curtailment_ZeroCapacity();
    /// @notice Thrown when the pool already has an interruptible lot not yet finalized.
    /// @param poolId The pool.
    /// @param lotId Its live interruptible lot.
    error Curtailment_PoolHasLiveLot(bytes32 poolId, uint256 lotId);
    /// @notice Thrown when a lot was never declared interruptible.
    /// @param lotId The lot.
    error Curtailment_NotDeclared(uint256 lotId);
    /// @notice Thrown when revoking a declaration the caller did not make.
    /// @param lotId The lot.
    /// @param caller The caller.
    error Curtailment_NotDeclaringProvider(uint256 lotId, address caller);
    /// @notice Thrown when syncing a pool without a live interruptible lot.
    /// @param poolId The pool.
    error Curtailment_NoLiveLot(bytes32 poolId);
    /// @notice Thrown when the pool's latest report is stale or signed under a replaced reporter configuration.
    /// @param poolId The pool.
    error Curtailment_NoFreshReport(bytes32 poolId);
    /// @notice Thrown when the pool's latest report was observed no later than the checkpoint.
    /// @param poolId The pool.
    /// @param observedAt The report's observation time.
    /// @param checkpointAt The checkpoint's.
    error Curtailment_ReportNotNewer(bytes32 poolId, uint64 observedAt, uint64 checkpointAt);
    /// @notice Thrown when finalizing before the lot's window ended.
    /// @param lotId The lot.
    /// @param endsAt Its window end.
    error Curtailment_WindowNotEnded(uint256 lotId, uint40 endsAt);
    /// @notice Thrown when finalizing before a report past the window end was synced and before the grace ended.
    /// @param lotId The lot.
    /// @param syncedUntil The pool's checkpoint.
    /// @param graceEndsAt When the lot can be finalized without such a report.
    error Curtailment_NotYetFinal(uint256 lotId, uint64 syncedUntil, uint256 graceEndsAt);
    /// @notice Thrown when finalizing a lot twice.
    /// @param lotId The lot.
    error Curtailment_AlreadyFinalized(uint256 lotId);
    /// @notice Thrown when claiming before the lot is finalized.
    /// @param lotId The lot.
    error Curtailment_NotFinalized(uint256 lotId);
    /// @notice Thrown when claiming for units that can still move (before the lot's `redeemableUntil`).
    /// @param lotId The lot.
    /// @param redeemableUntil When claims open.
    error Curtailment_ClaimsNotOpen(uint256 lotId, uint40 redeemableUntil);
    /// @notice Thrown when an account has nothing to claim (no unclaimed unlocked units, or no refund per unit).
    /// @param lotId The lot.
    /// @param account The account.
    error Curtailment_NothingToClaim(uint256 lotId, address account);
    /// @notice Thrown when claiming for a frozen account (its entitlement stays until it is unfrozen).
    /// @param account The account.
    error Curtailment_AccountFrozen(address account);
    /// @notice Thrown when claiming for a redemption that was not delivered (a refunded one already received its
    /// lot's bond per unit, which is at least the refund rate).
    /// @param redemptionId The redemption.
    /// @param status Its status.
    error Curtailment_RedemptionNotDelivered(uint256 redemptionId, uint8 status);
    /// @notice Thrown when claiming for a redemption twice.
    /// @param redemptionId The redemption.
    error Curtailment_RedemptionAlreadyClaimed(uint256 redemptionId);

    /*//////////////////////////////////////////////////////////////
                                FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Declares the lot `spec` will create interruptible, before its window starts and before it exists. Only
    /// the spec's provider, owning its pool, may; at most one interruptible lot per pool is live (declared and not yet
    /// finalized) at a time. Resets the pool's checkpoint to its latest report (or to now and zero without one).
    /// @param spec The lot's spec, as `issueLot` will receive it.
    /// @param maxCurtailBps The largest share of the capacity the provider may curtail (1 to 10 000).
    /// @param refundPerCurtailedHour Refund per curtailed GPU-hour, in the lot's currency (1 to its bond per unit).
    /// @param capacityUnits The lot's capacity in GPU-hours: at most this many units can ever be issued.
    /// @return lotId The lot's id.
    function declareInterruptible(
        IComputeCapacityToken.LotSpec calldata spec,
        uint16 maxCurtailBps,
        uint96 refundPerCurtailedHour,
        uint48 capacityUnits
    ) external returns (uint256 lotId);

    /// @notice Drops the declaration of a lot that was never issued nor finalized, freeing its pool for another.
    /// @param lotId The lot.
    function revokeDeclaration(uint256 lotId) external;

    /// @notice Reads the pool's latest fresh report and counts the curtailed GPU-hours since the checkpoint against
    /// its live interruptible lot: the hours of a period that overlaps the lot's window are presumed in the window
    /// and the lot's, up to its capacity over the overlap and its curtailable share. Anyone may call it.
    /// @param poolId The pool.
    /// @return attributed The hours counted against the lot by this call.
    function sync(bytes32 poolId) external returns (uint64 attributed);

    /// @notice Makes a lot's attribution final after its window and reserves the holders' refund pot in the escrow:
    /// `min(attributed × rate, ⌊issued × maxCurtailBps × rate / 10 000⌋)` (curtailment presumed to hit the sold hours
    /// first; 0 when nothing was curtailed, which releases the refund cover). Exact once a report observed
    /// at or after the window end was synced; otherwise, after `FINALIZE_GRACE`, the window's unsynced time is presumed
    /// fully curtailed (up to the share). Anyone may call it.
    /// @param lotId The lot.
    /// @return pot The refund pot, in the lot's currency.
    function finalize(uint256 lotId) external returns (uint256 pot);

    /// @notice Credits `account` in the escrow with the refund of the unlocked units it holds and has not claimed for
    /// (`units × pot / issued`), once the lot is finalized and its units can no longer move (`redeemableUntil`). Anyone
    /// may call it.
    /// @param lotId The lot.
    /// @param account The holder.
    /// @return amount The amount credited.
    function claim(uint256 lotId, address account) external returns (uint256 amount);

    /// @notice Credits a delivered redemption's holder with the refund of its units, once. Anyone may call it.
    /// @param redemptionId The redemption (status Delivered, of a finalized interruptible lot).
    /// @return amount The amount credited.
    function claimRedeemed(uint256 redemptionId) external returns (uint256 amount);

    /// @notice A lot's terms and attribution (provider zero if never declared).
    /// @param lotId The lot.
    function interruptibleOf(uint256 lotId) external view returns (Interruptible memory);

    /// @notice What the escrow must hold per issued unit of the lot until it is finalized, and its capacity (both 0
    /// for a firm lot), as the declaration recorded them in the escrow.
    /// @param lotId The lot.
    /// @return curtailCover `⌈maxCurtailBps × refundPerCurtailedHour / 10 000⌉`.
    /// @return capacityUnits The lot's capacity.
    function coverOf(uint256 lotId) external view returns (uint96 curtailCover, uint48 capacityUnits);

    /// @notice The refund one issued unit has accrued so far (final once the lot is finalized), in base units: the pot
    /// over the issued units, rounded down.
    /// @param lotId The lot.
    function refundPerUnit(uint256 lotId) external view returns (uint256);

    /// @notice What `claim(lotId, account)` would credit now, or 0 (never reverts).
    /// @param lotId The lot.
    /// @param account The holder.
    function claimableOf(uint256 lotId, address account) external view returns (uint256);

    /// @notice Units of the lot `account` has claimed for.
    /// @param lotId The lot.
    /// @param account The holder.
    function claimedUnitsOf(uint256 lotId, address account) external view returns (uint256);

    /// @notice Whether a redemption's refund was claimed.
    /// @param redemptionId The redemption.
    function redemptionClaimed(uint256 redemptionId) external view returns (bool);

    /// @notice Where the pool's counter was last read.
    /// @param poolId The pool.
    function checkpointOf(bytes32 poolId) external view returns (Checkpoint memory);

    /// @notice The pool's interruptible lot declared and not yet finalized (0 if none).
    /// @param poolId The pool.
    function liveLotOf(bytes32 poolId) external view returns (uint256);
}
