// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IComputeCapacityToken} from "../interfaces/IComputeCapacityToken.sol";
import {IComputeCurtailment} from "../interfaces/IComputeCurtailment.sol";
import {IComputeEscrow} from "../interfaces/IComputeEscrow.sol";
import {IUtilizationOracle} from "../interfaces/IUtilizationOracle.sol";
import {BondMath} from "../libraries/BondMath.sol";
import {Bps} from "../libraries/Bps.sol";
import {LotId, LotIdLibrary} from "../libraries/LotId.sol";

/// @title ComputeCurtailment
/// @notice Interruptible lots: a provider declares, before a lot exists, the share of its capacity it may curtail and
/// the refund per curtailed GPU-hour; the pool's curtailed GPU-hours (cumulative, from the oracle) are counted against
/// the lot; after its window the holders are credited, pro rata per unit, out of the provider's bond in the escrow.
/// @dev Holds no money, no units and no roles of its own: a declaration records the lot's cover and capacity in the
/// escrow (`setInterruptible`, before the lot exists), which then keeps `issued × curtailCover` of the bond until
/// `finalize` reserves the pot, and lets only this module credit out of it. The oracle's counter is per pool, so the module presumes in the holders' favour: a pool's
/// curtailed hours count against its interruptible lot first (up to the lot's capacity over the period), and hours of
/// a period that overlaps the window are presumed inside it. One interruptible lot per pool is live at a time.
contract ComputeCurtailment is IComputeCurtailment {
    using LotIdLibrary for IComputeCapacityToken.LotSpec;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The oldest report `sync` counts, in seconds (as the escrow's delivery decisions).
    uint64 public constant REPORT_MAX_AGE = 1 days;
    /// @notice After a lot's window ends, how long a report past the end may take to be synced before `finalize`
    /// presumes the window's unsynced time fully curtailed.
    uint40 public constant FINALIZE_GRACE = 3 days;

    /// @notice The compute-capacity token.
    IComputeCapacityToken public immutable TOKEN;
    /// @notice The escrow that holds the bonds (it must name this module in `curtailmentModule`).
    IComputeEscrow public immutable ESCROW;
    /// @notice The utilization oracle whose cumulative curtailed GPU-hours count.
    IUtilizationOracle public immutable ORACLE;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    mapping(uint256 lotId => Interruptible) private _lots;
    mapping(bytes32 poolId => uint256 lotId) private _liveLot;
    mapping(bytes32 poolId => Checkpoint) private _checkpoints;
    mapping(uint256 lotId => mapping(address account => uint256)) private _claimedUnits;
    mapping(uint256 redemptionId => bool) private _redemptionClaimed;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param token The compute-capacity token.
    /// @param escrow The escrow (wire this module into it with `setCurtailmentModule`).
    /// @param oracle The utilization oracle.
    constructor(IComputeCapacityToken token, IComputeEscrow escrow, IUtilizationOracle oracle) {
        if (address(token) == address(0) || address(escrow) == address(0) || address(oracle) == address(0)) {
            revert Curtailment_ZeroAddress();
        }
        TOKEN = token;
        ESCROW = escrow;
        ORACLE = oracle;
    }

    /*//////////////////////////////////////////////////////////////
                               DECLARATION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeCurtailment
    function declareInterruptible(
        IComputeCapacityToken.LotSpec calldata spec,
        uint16 maxCurtailBps,
        uint96 refundPerCurtailedHour,
        uint48 capacityUnits
    ) external returns (uint256 lotId) {
        lotId = _checkDeclaration(spec, maxCurtailBps, refundPerCurtailedHour, capacityUnits);
        _lots[lotId] = Interruptible({
            poolId: spec.poolId,
            provider: msg.sender,
            startsAt: spec.startsAt,
            endsAt: spec.endsAt,
            maxCurtailBps: maxCurtailBps,
            refundPerCurtailedHour: refundPerCurtailedHour,
            capacityUnits: capacityUnits,
            attributed: 0,
            issued: 0,
            finalized: false
        });
        _liveLot[spec.poolId] = lotId;
        // Count only what the pool curtails from now on: start at its latest report, however old.
        Checkpoint memory cp = Checkpoint({observedAt: uint64(block.timestamp), curtailed: 0, epoch: 0});
        try ORACLE.latest(spec.poolId) returns (IUtilizationOracle.PoolReport memory r) {
            cp = Checkpoint({observedAt: r.observedAt, curtailed: r.curtailedGpuHours, epoch: r.epoch});
        } catch {}
        _checkpoints[spec.poolId] = cp;
        (uint96 curtailCover,) = coverOf(lotId);
        ESCROW.setInterruptible(lotId, curtailCover, capacityUnits);
        emit InterruptibleDeclared(
            lotId,
            msg.sender,
            spec.poolId,
            maxCurtailBps,
            refundPerCurtailedHour,
            capacityUnits,
            spec.startsAt,
            spec.endsAt
        );
    }

    /// @inheritdoc IComputeCurtailment
    function revokeDeclaration(uint256 lotId) external {
        Interruptible storage l = _declared(lotId);
        if (l.provider != msg.sender) revert Curtailment_NotDeclaringProvider(lotId, msg.sender);
        // A finalized declaration is history: revoking it must not touch the pool's next live lot (CR-1).
        if (l.finalized) revert Curtailment_AlreadyFinalized(lotId);
        if (TOKEN.exists(lotId)) revert Curtailment_LotAlreadyIssued(lotId);
        _clearLive(l.poolId, lotId);
        delete _lots[lotId];
        emit DeclarationRevoked(lotId);
        ESCROW.setInterruptible(lotId, 0, 0);
    }

    /*//////////////////////////////////////////////////////////////
                               ATTRIBUTION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeCurtailment
    function sync(bytes32 poolId) external returns (uint64 attributed) {
        uint256 lotId = _liveLot[poolId];
        if (lotId == 0) revert Curtailment_NoLiveLot(poolId);
        IUtilizationOracle.PoolReport memory r;
        try ORACLE.latestFresh(poolId, REPORT_MAX_AGE) returns (IUtilizationOracle.PoolReport memory fresh) {
            r = fresh;
        } catch {
            revert Curtailment_NoFreshReport(poolId);
        }
        Checkpoint memory cp = _checkpoints[poolId];
        if (r.observedAt <= cp.observedAt) revert Curtailment_ReportNotNewer(poolId, r.observedAt, cp.observedAt);
        // The oracle's counters never decrease, so successive syncs telescope: each hour enters one period only.
        uint64 delta = r.curtailedGpuHours > cp.curtailed ? r.curtailedGpuHours - cp.curtailed : 0;
        Interruptible storage l = _lots[lotId];
        uint256 periodCap = _capacityOver(l, cp.observedAt, r.observedAt);
        // forge-lint: disable-next-line(unsafe-typecast) -- at most the room left, below the capacity (uint48)
        attributed = uint64(Math.min(Math.min(delta, periodCap), _room(l)));
        // forge-lint: disable-next-line(unsafe-typecast) -- as above
        l.attributed += uint48(attributed);
        _checkpoints[poolId] = Checkpoint({observedAt: r.observedAt, curtailed: r.curtailedGpuHours, epoch: r.epoch});
        emit PoolSynced(poolId, lotId, r.epoch, cp.observedAt, r.observedAt, delta, attributed);
    }

    /// @inheritdoc IComputeCurtailment
    function finalize(uint256 lotId) external returns (uint256 pot) {
        Interruptible storage l = _declared(lotId);
        if (l.finalized) revert Curtailment_AlreadyFinalized(lotId);
        uint40 endsAt = l.endsAt;
        if (block.timestamp < endsAt) revert Curtailment_WindowNotEnded(lotId, endsAt);
        uint64 syncedUntil = _checkpoints[l.poolId].observedAt;
        uint64 presumed;
        if (syncedUntil < endsAt) {
            // No report past the end was synced: after the grace, the unsynced part of the window counts as curtailed
            // (a provider cannot avoid refunds by withholding reports or syncs).
            uint256 graceEndsAt = uint256(endsAt) + FINALIZE_GRACE;
            if (block.timestamp < graceEndsAt) revert Curtailment_NotYetFinal(lotId, syncedUntil, graceEndsAt);
            // forge-lint: disable-next-line(unsafe-typecast) -- at most the room left, below the capacity (uint48)
            presumed = uint64(Math.min(_capacityOver(l, syncedUntil, endsAt), _room(l)));
            // forge-lint: disable-next-line(unsafe-typecast) -- as above
            l.attributed += uint48(presumed);
        }
        l.finalized = true;
        _clearLive(l.poolId, lotId);
        bool exists = TOKEN.exists(lotId);
        // forge-lint: disable-next-line(unsafe-typecast) -- the token's issued count is a uint48
        uint48 issued = exists ? uint48(TOKEN.lot(lotId).unitsIssued) : 0;
        l.issued = issued;
        pot = _pot(l, issued);
        emit CurtailmentFinalized(lotId, l.attributed, presumed, pot);
        // Reserved even when 0: the reservation is what releases the rest of the refund cover to the provider (CR-2).
        if (exists) ESCROW.reserveCurtailment(lotId, pot);
    }

    /*//////////////////////////////////////////////////////////////
                                 CLAIMS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeCurtailment
    function claim(uint256 lotId, address account) external returns (uint256 amount) {
        Interruptible storage l = _finalized(lotId);
        // Once the units can no longer move (no transfer, issue or redemption), an account's unlocked balance only
        // grows (a pledge closing unlocks or seizes into it), so counting claimed units is enough against repeats.
        uint40 until = TOKEN.redeemableUntil(lotId);
        if (block.timestamp < until) revert Curtailment_ClaimsNotOpen(lotId, until);
        if (TOKEN.isFrozen(account)) revert Curtailment_AccountFrozen(account);
        uint256 held = TOKEN.balanceOf(account, lotId) - TOKEN.lockedBalanceOf(account, lotId);
        uint256 claimed = _claimedUnits[lotId][account];
        uint256 units = held > claimed ? held - claimed : 0;
        amount = _refundOf(l, units);
        if (amount == 0) revert Curtailment_NothingToClaim(lotId, account);
        _claimedUnits[lotId][account] = claimed + units;
        emit CurtailmentClaimed(lotId, account, units, amount);
        ESCROW.creditCurtailment(lotId, account, amount);
    }

    /// @inheritdoc IComputeCurtailment
    function claimRedeemed(uint256 redemptionId) external returns (uint256 amount) {
        IComputeEscrow.Redemption memory r = ESCROW.redemption(redemptionId);
        if (r.status != IComputeEscrow.RedemptionStatus.Delivered) {
            revert Curtailment_RedemptionNotDelivered(redemptionId, uint8(r.status));
        }
        if (_redemptionClaimed[redemptionId]) revert Curtailment_RedemptionAlreadyClaimed(redemptionId);
        Interruptible storage l = _finalized(r.lotId);
        if (TOKEN.isFrozen(r.holder)) revert Curtailment_AccountFrozen(r.holder);
        amount = _refundOf(l, r.units);
        if (amount == 0) revert Curtailment_NothingToClaim(r.lotId, r.holder);
        _redemptionClaimed[redemptionId] = true;
        emit RedemptionCurtailmentClaimed(redemptionId, r.lotId, r.holder, r.units, amount);
        ESCROW.creditCurtailment(r.lotId, r.holder, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeCurtailment
    function interruptibleOf(uint256 lotId) external view returns (Interruptible memory) {
        return _lots[lotId];
    }

    /// @inheritdoc IComputeCurtailment
    function coverOf(uint256 lotId) public view returns (uint96 curtailCover, uint48 capacityUnits) {
        Interruptible storage l = _lots[lotId];
        if (l.provider == address(0)) return (0, 0);
        // forge-lint: disable-next-line(unsafe-typecast) -- at most the rate, a uint96
        curtailCover = uint96(Math.mulDiv(l.maxCurtailBps, l.refundPerCurtailedHour, Bps.MAX, Math.Rounding.Ceil));
        capacityUnits = l.capacityUnits;
    }

    /// @inheritdoc IComputeCurtailment
    function refundPerUnit(uint256 lotId) external view returns (uint256) {
        Interruptible storage l = _lots[lotId];
        if (l.provider == address(0)) return 0;
        if (l.finalized) return _refundOf(l, 1);
        uint256 issued = TOKEN.exists(lotId) ? TOKEN.lot(lotId).unitsIssued : 0;
        return issued == 0 ? 0 : _pot(l, issued) / issued;
    }

    /// @inheritdoc IComputeCurtailment
    function claimableOf(uint256 lotId, address account) external view returns (uint256) {
        Interruptible storage l = _lots[lotId];
        if (!l.finalized || block.timestamp < TOKEN.redeemableUntil(lotId)) return 0;
        uint256 held = TOKEN.balanceOf(account, lotId) - TOKEN.lockedBalanceOf(account, lotId);
        uint256 claimed = _claimedUnits[lotId][account];
        return held > claimed ? _refundOf(l, held - claimed) : 0;
    }

    /// @inheritdoc IComputeCurtailment
    function claimedUnitsOf(uint256 lotId, address account) external view returns (uint256) {
        return _claimedUnits[lotId][account];
    }

    /// @inheritdoc IComputeCurtailment
    function redemptionClaimed(uint256 redemptionId) external view returns (bool) {
        return _redemptionClaimed[redemptionId];
    }

    /// @inheritdoc IComputeCurtailment
    function checkpointOf(bytes32 poolId) external view returns (Checkpoint memory) {
        return _checkpoints[poolId];
    }

    /// @inheritdoc IComputeCurtailment
    function liveLotOf(bytes32 poolId) external view returns (uint256) {
        return _liveLot[poolId];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Checks a declaration (caller, pool, wiring, window, terms, lot state) and returns the lot's id.
    function _checkDeclaration(
        IComputeCapacityToken.LotSpec calldata spec,
        uint16 maxCurtailBps,
        uint96 refundPerCurtailedHour,
        uint48 capacityUnits
    ) private view returns (uint256 lotId) {
        if (spec.provider != msg.sender) {
            revert Curtailment_NotSpecProvider(spec.provider, msg.sender);
        }
        address owner = TOKEN.poolProvider(spec.poolId);
        if (owner != msg.sender) revert Curtailment_PoolNotOwned(spec.poolId, owner);
        if (spec.startsAt >= spec.endsAt || spec.startsAt <= block.timestamp) {
            revert Curtailment_InvalidWindow(spec.startsAt, spec.endsAt);
        }
        if (maxCurtailBps == 0 || maxCurtailBps > Bps.MAX) revert Curtailment_InvalidShare(maxCurtailBps);
        uint256 unitCover = BondMath.unitCover(spec.referencePrice, spec.bondCoverageBps);
        if (refundPerCurtailedHour == 0 || refundPerCurtailedHour > unitCover) {
            revert Curtailment_InvalidRefundRate(refundPerCurtailedHour, unitCover);
        }
        if (capacityUnits == 0) revert Curtailment_ZeroCapacity();
        lotId = LotId.unwrap(spec.toLotId());
        if (TOKEN.exists(lotId)) revert Curtailment_LotAlreadyIssued(lotId);
        if (_lots[lotId].provider != address(0)) revert Curtailment_AlreadyDeclared(lotId);
        uint256 live = _liveLot[spec.poolId];
        if (live != 0) revert Curtailment_PoolHasLiveLot(spec.poolId, live);
    }

    /// @dev The declared lot, or `Curtailment_NotDeclared`.
    function _declared(uint256 lotId) private view returns (Interruptible storage l) {
        l = _lots[lotId];
        if (l.provider == address(0)) revert Curtailment_NotDeclared(lotId);
    }

    /// @dev The declared and finalized lot, or the error saying which it is not.
    function _finalized(uint256 lotId) private view returns (Interruptible storage l) {
        l = _declared(lotId);
        if (!l.finalized) revert Curtailment_NotFinalized(lotId);
    }

    /// @dev The lot's capacity over the part of (`from`, `to`] inside its window, rounded up: the most of a period's
    /// curtailed hours that can be the lot's.
    function _capacityOver(Interruptible storage l, uint256 from, uint256 to) private view returns (uint256) {
        uint256 startsAt = l.startsAt;
        uint256 endsAt = l.endsAt;
        if (from < startsAt) from = startsAt;
        if (to > endsAt) to = endsAt;
        if (to <= from) return 0;
        return Math.mulDiv(l.capacityUnits, to - from, endsAt - startsAt, Math.Rounding.Ceil);
    }

    /// @dev Curtailed hours the lot may still be attributed: its curtailable share of the capacity, rounded up to a
    /// whole hour (the pot caps the money at the exact share, RC-2), less what it has.
    function _room(Interruptible storage l) private view returns (uint256) {
        uint256 cap = Math.mulDiv(l.capacityUnits, l.maxCurtailBps, Bps.MAX, Math.Rounding.Ceil);
        uint256 attributed = l.attributed;
        return cap > attributed ? cap - attributed : 0;
    }

    /// @dev The refund of `units` units of a finalized lot: `units × pot / issued`, rounded down (so the claims, at
    /// most `issued` units in all, never exceed the pot).
    function _refundOf(Interruptible storage l, uint256 units) private view returns (uint256) {
        uint256 issued = l.issued;
        if (issued == 0) return 0;
        return Math.mulDiv(units, _pot(l, issued), issued);
    }

    /// @dev The refund pot of `issued` units: the attributed hours at the rate, presumed to hit the sold hours first,
    /// up to the curtailable share of the issued units' value at the rate (CR-3: unissued capacity absorbs nothing),
    /// capped in money rather than whole hours so a small lot's share does not round to nothing (RC-2). At most
    /// `issued × ⌈maxCurtailBps × rate / 10 000⌉`, what the escrow holds for it.
    function _pot(Interruptible storage l, uint256 issued) private view returns (uint256) {
        uint256 rate = l.refundPerCurtailedHour;
        return Math.min(uint256(l.attributed) * rate, issued * l.maxCurtailBps * rate / Bps.MAX);
    }

    /// @dev Frees the pool if `lotId` is its live lot (and only then).
    function _clearLive(bytes32 poolId, uint256 lotId) private {
        if (_liveLot[poolId] == lotId) delete _liveLot[poolId];
    }
}
