// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {ComputeEscrow} from "../../../src/escrow/ComputeEscrow.sol";
import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../../src/interfaces/IComputeLending.sol";
import {IComputeMarket} from "../../../src/interfaces/IComputeMarket.sol";
import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";
import {ComputeLending} from "../../../src/lending/ComputeLending.sol";
import {ComputeMarket} from "../../../src/market/ComputeMarket.sol";
import {MockUSDC} from "../../mocks/MockUSDC.sol";
import {EscrowStore} from "./EscrowStore.sol";

/// @notice What every escrow handler shares: the deployed suite (sales go through its market, pledges and their
/// collateral auctions through its lending module), the actors and lots, the call counter, the status sync after each
/// action (against each lifecycle's transition graph), the pickers, the stablecoin top-up, the expected-error checks and the time helpers.
/// @dev Ghost state lives in the `EscrowStore`, not here (Sablier's BaseHandler / Store split).
abstract contract BaseHandler is Test {
    /// @dev The deployed suite the handler drives.
    struct Suite {
        ComputeEscrow escrow;
        ComputeMarket market;
        ComputeLending lending;
        IComputeCapacityToken token;
        MockUSDC usdc;
        IUtilizationOracle oracle;
    }

    ComputeEscrow internal immutable escrow;
    ComputeMarket internal immutable market;
    ComputeLending internal immutable lending;
    IComputeCapacityToken internal immutable token;
    MockUSDC internal immutable usdc;
    IUtilizationOracle internal immutable oracle;
    EscrowStore internal immutable store;
    address internal immutable usdcOwner;

    address[] internal actors;
    uint256[] internal lots;
    /// @dev The distinct pools of `lots`.
    bytes32[] internal pools;

    /// @dev How many times each action ran (including the runs that returned early).
    mapping(bytes32 action => uint256) public calls;

    constructor(
        Suite memory suite_,
        EscrowStore store_,
        address usdcOwner_,
        address[] memory actors_,
        uint256[] memory lots_
    ) {
        escrow = suite_.escrow;
        market = suite_.market;
        lending = suite_.lending;
        token = suite_.token;
        usdc = suite_.usdc;
        oracle = suite_.oracle;
        store = store_;
        usdcOwner = usdcOwner_;
        actors = actors_;
        lots = lots_;
        for (uint256 i; i < lots_.length; ++i) {
            bytes32 poolId = suite_.token.lot(lots_[i]).poolId;
            bool known;
            for (uint256 j; j < pools.length; ++j) {
                known = known || pools[j] == poolId;
            }
            if (!known) pools.push(poolId);
        }
    }

    /*//////////////////////////////////////////////////////////////
                               MODIFIERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Counts the call, runs the action, then records every status and delivery queue and flags any move outside
    /// the lifecycle (a status moving backwards or skipping) and any decrease of a queue.
    modifier tracked(bytes32 action) {
        calls[action]++;
        _;
        _syncStatuses();
        _syncQueues();
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function actorList() external view returns (address[] memory) {
        return actors;
    }

    function lotList() external view returns (uint256[] memory) {
        return lots;
    }

    /*//////////////////////////////////////////////////////////////
                                PICKERS
    //////////////////////////////////////////////////////////////*/

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _lot(uint256 seed) internal view returns (uint256) {
        return lots[seed % lots.length];
    }

    function _unlocked(address account, uint256 lotId) internal view returns (uint256) {
        return token.balanceOf(account, lotId) - token.lockedBalanceOf(account, lotId);
    }

    /// @dev An offer (fixed-price or auction) the handler created on the market, or (0, empty) when there is none.
    function _pickOffer(uint256 seed) internal view returns (uint256 offerId, IComputeMarket.Offer memory o) {
        uint256 n = store.offerCount();
        if (n == 0) return (0, o);
        offerId = store.offerIds(seed % n);
        o = market.offer(offerId);
    }

    /// @dev A pledge the handler created, or (0, empty: status None) when there is none.
    function _pickPledge(uint256 seed) internal view returns (uint256 pledgeId, IComputeLending.Pledge memory p) {
        uint256 n = store.pledgeCount();
        if (n == 0) return (0, p);
        pledgeId = store.pledgeIds(seed % n);
        p = lending.pledge(pledgeId);
    }

    /// @dev The first pledge from the seed's pick on (wrapping around) in `status`, or (0, empty: status None) when
    /// there is none (funded pledges are few, and an auction needs one: a random pick would rarely find it).
    function _pickPledgeIn(uint256 seed, IComputeLending.PledgeStatus status)
        internal
        view
        returns (uint256 pledgeId, IComputeLending.Pledge memory p)
    {
        uint256 n = store.pledgeCount();
        for (uint256 i; i < n; ++i) {
            pledgeId = store.pledgeIds((seed % n + i) % n);
            p = lending.pledge(pledgeId);
            if (p.status == status) return (pledgeId, p);
        }
        IComputeLending.Pledge memory none;
        return (0, none);
    }

    /// @dev An actor other than `party`, from the seed's pick on.
    function _actorOtherThan(uint256 seed, address party) internal view returns (address other) {
        for (uint256 i; i < actors.length; ++i) {
            other = actors[(seed % actors.length + i) % actors.length];
            if (other != party) return other;
        }
    }

    /// @dev A redemption the handler created, or (0, empty: status None) when there is none.
    function _pickRedemption(uint256 seed)
        internal
        view
        returns (uint256 redemptionId, IComputeEscrow.Redemption memory r)
    {
        uint256 n = store.redemptionCount();
        if (n == 0) return (0, r);
        redemptionId = store.redemptionIds(seed % n);
        r = escrow.redemption(redemptionId);
    }

    /// @dev The first redemption from the seed's pick on (wrapping around) that is Open and not past its deadline,
    /// or (0, empty: status None) when there is none.
    function _pickOpenRedemption(uint256 seed)
        internal
        view
        returns (uint256 redemptionId, IComputeEscrow.Redemption memory r)
    {
        uint256 n = store.redemptionCount();
        for (uint256 i; i < n; ++i) {
            redemptionId = store.redemptionIds((seed % n + i) % n);
            r = escrow.redemption(redemptionId);
            if (r.status == IComputeEscrow.RedemptionStatus.Open && block.timestamp <= r.deadline) {
                return (redemptionId, r);
            }
        }
        IComputeEscrow.Redemption memory none;
        return (0, none);
    }

    /*//////////////////////////////////////////////////////////////
                             MONEY AND TIME
    //////////////////////////////////////////////////////////////*/

    /// @dev Mints the stablecoin `account` lacks to hold `amount`.
    function _topUp(address account, uint256 amount) internal {
        uint256 balance = usdc.balanceOf(account);
        if (balance >= amount) return;
        vm.prank(usdcOwner);
        usdc.mint(account, amount - balance);
    }

    /// @dev Moves time forward by `seconds_` and mines a block.
    function _warpBy(uint256 seconds_) internal {
        vm.warp(block.timestamp + seconds_);
        vm.roll(block.number + 1);
    }

    /// @dev Moves time to `timestamp` unless it is already there or later (the block number stays).
    function _warpAtLeast(uint256 timestamp) internal {
        if (block.timestamp < timestamp) vm.warp(timestamp);
    }

    /*//////////////////////////////////////////////////////////////
                            EXPECTED ERRORS
    //////////////////////////////////////////////////////////////*/

    function _fail(string memory reason) internal pure {
        assertTrue(false, reason);
    }

    function _assertError(bytes memory actual, bytes memory expected) internal pure {
        if (keccak256(actual) != keccak256(expected)) assertEq(actual, expected, "unexpected revert");
    }

    /*//////////////////////////////////////////////////////////////
                              STATUS SYNC
    //////////////////////////////////////////////////////////////*/

    /// @dev Records every status in the store and flags a transition outside the lifecycle (`_pledgeMoveAllowed`,
    /// `_redemptionMoveAllowed`).
    function _syncStatuses() internal {
        uint256 n = store.pledgeCount();
        for (uint256 id = 1; id <= n; ++id) {
            IComputeLending.PledgeStatus before = store.ghost_pledgeStatus(id);
            IComputeLending.PledgeStatus now_ = lending.pledge(id).status;
            if (before == now_) continue;
            if (!_pledgeMoveAllowed(before, now_)) store.flagStatusRegressed();
            store.setPledgeStatus(id, now_);
        }
        n = store.redemptionCount();
        for (uint256 id = 1; id <= n; ++id) {
            IComputeEscrow.RedemptionStatus before = store.ghost_redemptionStatus(id);
            IComputeEscrow.RedemptionStatus now_ = escrow.redemption(id).status;
            if (before == now_) continue;
            if (!_redemptionMoveAllowed(before, now_)) store.flagStatusRegressed();
            store.setRedemptionStatus(id, now_);
        }
    }

    /// @dev Records every pool's delivery queue end in the store (which flags a decrease).
    function _syncQueues() internal {
        for (uint256 i; i < pools.length; ++i) {
            store.recordQueue(pools[i], escrow.deliveryQueued(pools[i]));
        }
    }

    function _pledgeMoveAllowed(IComputeLending.PledgeStatus from, IComputeLending.PledgeStatus to)
        internal
        pure
        returns (bool)
    {
        if (from == to) return true;
        if (from == IComputeLending.PledgeStatus.None) return to == IComputeLending.PledgeStatus.Requested;
        if (from == IComputeLending.PledgeStatus.Requested) {
            return to == IComputeLending.PledgeStatus.Active || to == IComputeLending.PledgeStatus.Cancelled;
        }
        if (from == IComputeLending.PledgeStatus.Active) {
            return to == IComputeLending.PledgeStatus.Repaid || to == IComputeLending.PledgeStatus.Claimed
                || to == IComputeLending.PledgeStatus.Auctioning;
        }
        // Auctioning → Claimed (the lender claimed out of an auction that sold nothing, L-2) is a move allowed by the
        // lifecycle though Claimed comes before Auctioning in the enum: the order is this graph, not the ordinals.
        if (from == IComputeLending.PledgeStatus.Auctioning) {
            return to == IComputeLending.PledgeStatus.Liquidated || to == IComputeLending.PledgeStatus.Claimed;
        }
        return false; // Repaid, Claimed, Cancelled and Liquidated are final
    }

    function _redemptionMoveAllowed(IComputeEscrow.RedemptionStatus from, IComputeEscrow.RedemptionStatus to)
        internal
        pure
        returns (bool)
    {
        if (from == to) return true;
        if (from == IComputeEscrow.RedemptionStatus.None) return to == IComputeEscrow.RedemptionStatus.Open;
        if (from == IComputeEscrow.RedemptionStatus.Open) {
            return to == IComputeEscrow.RedemptionStatus.Delivered || to == IComputeEscrow.RedemptionStatus.Refunded;
        }
        return false; // Delivered and Refunded are final
    }
}
