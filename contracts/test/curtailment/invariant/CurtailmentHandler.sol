// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {ComputeCurtailment} from "../../../src/curtailment/ComputeCurtailment.sol";
import {ComputeEscrow} from "../../../src/escrow/ComputeEscrow.sol";
import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeCurtailment} from "../../../src/interfaces/IComputeCurtailment.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {UtilizationOracle} from "../../../src/oracle/UtilizationOracle.sol";

/// @notice Drives one interruptible lot through its life in random order: issues (some above the declared capacity,
/// which must be refused), transfers, redemptions with delivery, signed reports with random curtailed and delivered
/// increments at random times, syncs, the clock, finalization (exact, presumed, or refused while the grace runs),
/// holder and redemption claims, and bond withdrawals (some reaching into the refund cover, which must be refused).
/// Every action either takes a path that must succeed or one that must fail with an exact error.
/// @dev Ghosts: the pool's curtailed hours since the declaration, the credits paid by claims, the units claimed.
contract CurtailmentHandler is Test {
    ComputeCurtailment internal immutable curtailment;
    ComputeEscrow internal immutable escrow;
    IComputeCapacityToken internal immutable token;
    UtilizationOracle internal immutable oracle;
    address internal immutable provider;
    bytes32 internal immutable pool;

    IComputeCapacityToken.LotSpec internal spec;
    uint256 public immutable lotId;
    uint256 internal immutable unitCover;
    uint256 internal immutable capacity;
    uint256[2] internal reporterKeys;
    address[] internal actors;

    uint64 internal epoch;
    uint64 internal curtailedCounter;
    uint64 internal deliveredCounter;
    uint64 internal immutable initialCurtailed;
    uint256[] internal redemptionIds;

    /// @dev Curtailed hours the pool reported since the declaration.
    uint256 public ghost_curtailedSinceDeclaration;
    /// @dev Σ of what claims credited.
    uint256 public ghost_credited;
    /// @dev Units claimed for by holders, and by delivered redemptions.
    uint256 public ghost_unitsClaimed;
    uint256 public ghost_redeemedUnitsClaimed;
    /// @dev The pot finalization reserved, and the hours it presumed curtailed (no report past the end in time).
    uint256 public ghost_pot;
    uint256 public ghost_presumed;
    bool public ghost_finalized;
    /// @dev Counts of the paths taken, for `test_HandlerReachesEveryFlow`.
    mapping(bytes32 path => uint256) public reached;

    constructor(
        ComputeCurtailment curtailment_,
        IComputeCapacityToken.LotSpec memory spec_,
        uint256 unitCover_,
        uint256[2] memory reporterKeys_,
        address[] memory actors_
    ) {
        curtailment = curtailment_;
        escrow = ComputeEscrow(address(curtailment_.ESCROW()));
        token = curtailment_.TOKEN();
        oracle = UtilizationOracle(address(curtailment_.ORACLE()));
        provider = spec_.provider;
        pool = spec_.poolId;
        spec = spec_;
        lotId = token.lotIdOf(spec_);
        unitCover = unitCover_;
        capacity = curtailment_.interruptibleOf(lotId).capacityUnits;
        reporterKeys = reporterKeys_;
        actors = actors_;
        initialCurtailed = curtailment_.checkpointOf(spec_.poolId).curtailed;
        curtailedCounter = initialCurtailed;
        epoch = curtailment_.checkpointOf(spec_.poolId).epoch;
    }

    /*//////////////////////////////////////////////////////////////
                                 ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice The provider issues `units` (to itself), the first time with `issueLot`; above the capacity refused.
    function issue(uint256 units) external {
        if (block.timestamp >= spec.endsAt) return;
        bool exists = token.exists(lotId);
        uint256 issued = exists ? token.lot(lotId).unitsIssued : 0;
        units = bound(units, 1, capacity / 2);
        vm.startPrank(provider);
        if (block.timestamp >= spec.startsAt) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeEscrow.Escrow_InterruptibleIssueAfterStart.selector, lotId, spec.startsAt
                )
            );
            reached["issue refused after start"]++;
        } else if (issued + units > capacity) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeEscrow.Escrow_AboveInterruptibleCapacity.selector, lotId, issued + units, capacity
                )
            );
            reached["issue refused above capacity"]++;
        } else {
            reached["issue"]++;
        }
        if (exists) token.issue(lotId, provider, units);
        else token.issueLot(spec, provider, units);
        vm.stopPrank();
    }

    /// @notice An actor hands units to another while the lot can move.
    function transfer(uint256 fromSeed, uint256 toSeed, uint256 units) external {
        if (!token.exists(lotId) || block.timestamp >= spec.endsAt) return;
        address from = actors[fromSeed % actors.length];
        address to = actors[toSeed % actors.length];
        uint256 balance = token.balanceOf(from, lotId);
        if (balance == 0 || from == to) return;
        units = bound(units, 1, balance);
        vm.prank(from);
        token.safeTransferFrom(from, to, lotId, units, "");
        reached["transfer"]++;
    }

    /// @notice An actor redeems units within the window: the bond always covers it (the curtailment cover is extra).
    function redeem(uint256 actorSeed, uint256 units) external {
        if (!token.exists(lotId) || block.timestamp >= spec.endsAt) return;
        address holder = actors[actorSeed % actors.length];
        uint256 balance = token.balanceOf(holder, lotId);
        if (balance == 0) return;
        units = bound(units, 1, balance);
        vm.prank(holder);
        redemptionIds.push(escrow.redeem(lotId, units));
        reached["redeem"]++;
    }

    /// @notice The holder of an open redemption confirms its delivery.
    function confirm(uint256 seed) external {
        if (redemptionIds.length == 0) return;
        uint256 id = redemptionIds[seed % redemptionIds.length];
        IComputeEscrow.Redemption memory r = escrow.redemption(id);
        if (r.status != IComputeEscrow.RedemptionStatus.Open) return;
        vm.prank(r.holder);
        escrow.confirmDelivery(id);
        reached["confirm"]++;
    }

    /// @notice Time passes (a minute to 12 hours), then the reporters sign a report with random increments.
    function report(uint256 advance, uint64 curtailed, uint64 delivered) external {
        vm.warp(block.timestamp + bound(advance, 1 minutes, 12 hours));
        curtailed = uint64(bound(curtailed, 0, 60));
        curtailedCounter += curtailed;
        deliveredCounter += uint64(bound(delivered, 0, 200));
        ghost_curtailedSinceDeclaration += curtailed;
        IUtilizationOracle.Report memory r = IUtilizationOracle.Report({
            poolId: pool,
            epoch: ++epoch,
            utilizationBps: 8000,
            uptimeBps: 10_000,
            deliveredGpuHours: deliveredCounter,
            energyKwh: 1,
            curtailedGpuHours: curtailedCounter,
            observedAt: uint64(block.timestamp),
            observers: 3,
            configVersion: oracle.configVersion()
        });
        bytes[] memory sigs = new bytes[](2);
        for (uint256 i; i < 2; ++i) {
            (uint8 v, bytes32 rr, bytes32 s) = vm.sign(reporterKeys[i], oracle.hashReport(r));
            sigs[i] = abi.encodePacked(rr, s, v);
        }
        oracle.submitReport(r, sigs);
        reached["report"]++;
    }

    /// @notice Anyone syncs the pool: refused without a live lot, with a stale report or one already counted.
    function sync() external {
        if (curtailment.liveLotOf(pool) == 0) {
            vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_NoLiveLot.selector, pool));
            curtailment.sync(pool);
            return;
        }
        uint64 checkpointAt = curtailment.checkpointOf(pool).observedAt;
        IUtilizationOracle.PoolReport memory latest;
        bool hasReport = epoch != 0;
        if (hasReport) latest = oracle.latest(pool);
        if (!hasReport || block.timestamp > latest.observedAt + curtailment.REPORT_MAX_AGE()) {
            vm.expectRevert(abi.encodeWithSelector(IComputeCurtailment.Curtailment_NoFreshReport.selector, pool));
            curtailment.sync(pool);
            reached["sync refused stale"]++;
        } else if (latest.observedAt <= checkpointAt) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeCurtailment.Curtailment_ReportNotNewer.selector, pool, latest.observedAt, checkpointAt
                )
            );
            curtailment.sync(pool);
            reached["sync refused not newer"]++;
        } else {
            uint64 attributed = curtailment.sync(pool);
            reached[attributed == 0 ? bytes32("sync") : bytes32("sync attributing")]++;
        }
    }

    /// @notice Time passes, up to eight days.
    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 8 days));
    }

    /// @notice Anyone finalizes after the window: refused while the grace runs without a report past the end.
    function finalize() external {
        if (ghost_finalized || block.timestamp < spec.endsAt) return;
        uint64 syncedUntil = curtailment.checkpointOf(pool).observedAt;
        uint256 graceEndsAt = uint256(spec.endsAt) + curtailment.FINALIZE_GRACE();
        if (syncedUntil < spec.endsAt && block.timestamp < graceEndsAt) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeCurtailment.Curtailment_NotYetFinal.selector, lotId, syncedUntil, graceEndsAt
                )
            );
            curtailment.finalize(lotId);
            reached["finalize refused in grace"]++;
            return;
        }
        uint64 before = curtailment.interruptibleOf(lotId).attributed;
        ghost_pot = curtailment.finalize(lotId);
        ghost_finalized = true;
        ghost_presumed = curtailment.interruptibleOf(lotId).attributed - before;
        if (syncedUntil >= spec.endsAt) assertEq(ghost_presumed, 0, "presumed although a report past the end counted");
        reached[syncedUntil < spec.endsAt ? bytes32("finalize presumed") : bytes32("finalize exact")]++;
    }

    /// @notice Anyone claims for an actor once the lot is finalized; nothing to claim is refused.
    function claim(uint256 actorSeed) external {
        if (!ghost_finalized) return;
        address account = actors[actorSeed % actors.length];
        uint256 expected = curtailment.claimableOf(lotId, account);
        if (expected == 0) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeCurtailment.Curtailment_NothingToClaim.selector, lotId, account)
            );
            curtailment.claim(lotId, account);
            reached["claim refused"]++;
            return;
        }
        uint256 before = curtailment.claimedUnitsOf(lotId, account);
        uint256 amount = curtailment.claim(lotId, account);
        assertEq(amount, expected, "claim pays what claimableOf said");
        ghost_credited += amount;
        ghost_unitsClaimed += curtailment.claimedUnitsOf(lotId, account) - before;
        reached["claim"]++;
    }

    /// @notice Anyone claims for a delivered redemption once; again, or for one not delivered, is refused.
    function claimRedeemed(uint256 seed) external {
        if (!ghost_finalized || redemptionIds.length == 0) return;
        uint256 id = redemptionIds[seed % redemptionIds.length];
        IComputeEscrow.Redemption memory r = escrow.redemption(id);
        if (r.status != IComputeEscrow.RedemptionStatus.Delivered) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeCurtailment.Curtailment_RedemptionNotDelivered.selector, id, uint8(r.status)
                )
            );
            curtailment.claimRedeemed(id);
            return;
        }
        if (curtailment.redemptionClaimed(id)) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeCurtailment.Curtailment_RedemptionAlreadyClaimed.selector, id)
            );
            curtailment.claimRedeemed(id);
            reached["claimRedeemed refused again"]++;
            return;
        }
        IComputeCurtailment.Interruptible memory t = curtailment.interruptibleOf(lotId);
        // The pot: the attributed hours at the rate, at most the issued units' share at the rate (RC-2).
        uint256 byHours = uint256(t.attributed) * t.refundPerCurtailedHour;
        uint256 byShare = uint256(t.issued) * t.maxCurtailBps * t.refundPerCurtailedHour / 10_000;
        uint256 pot = byHours < byShare ? byHours : byShare;
        uint256 expected = t.issued == 0 ? 0 : r.units * pot / t.issued;
        if (expected == 0) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeCurtailment.Curtailment_NothingToClaim.selector, lotId, r.holder)
            );
            curtailment.claimRedeemed(id);
            return;
        }
        ghost_credited += curtailment.claimRedeemed(id);
        ghost_redeemedUnitsClaimed += r.units;
        reached["claimRedeemed"]++;
    }

    /// @notice The provider withdraws bond after the window: refused into the refund cover until finalization.
    function withdrawBond(uint256 amount) external {
        if (!token.exists(lotId) || block.timestamp < spec.endsAt) return;
        (uint256 total, uint256 reserved) = escrow.bondOf(lotId);
        uint256 free = total - reserved;
        if (free == 0) return;
        amount = bound(amount, 1, free);
        IComputeEscrow.Curtailment memory c = escrow.curtailmentOf(lotId);
        uint256 held = c.reserved ? 0 : uint256(token.lot(lotId).unitsIssued) * c.curtailCover;
        uint256 allowed = free > held ? free - held : 0;
        vm.startPrank(provider);
        if (amount > allowed) {
            vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_CurtailmentPending.selector, lotId, held));
            reached["withdrawBond refused pending"]++;
        } else {
            reached["withdrawBond"]++;
        }
        escrow.withdrawBond(lotId, amount);
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function actorAt(uint256 i) external view returns (address) {
        return actors[i];
    }

    function redemptionCount() external view returns (uint256) {
        return redemptionIds.length;
    }

    function unitCoverOf() external view returns (uint256) {
        return unitCover;
    }
}
