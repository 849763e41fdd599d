// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {ComputeCapacityToken} from "../../../src/token/ComputeCapacityToken.sol";

/// @notice Drives the token with bounded actions over a fixed actor set and a few lots. The handler holds
/// COLLATERAL_ROLE (lock, unlock, seize) and ESCROW_ROLE (redeemFrom); the other roles are pranked. Every action predicts whether the
/// call must succeed and checks the prediction (a wrong one reverts the handler, which fail_on_revert reports), so
/// the handler never reverts on a correct token.
contract TokenHandler is CommonBase, StdUtils {
    ComputeCapacityToken public immutable token;
    address public immutable provider;
    address public immutable compliance;
    address public immutable pauser;
    address public immutable recovery;

    address[] internal _actors;
    uint256[] internal _lots;

    /*//////////////////////////////////////////////////////////////
                                 GHOSTS
    //////////////////////////////////////////////////////////////*/

    mapping(uint256 lotId => uint256) public ghostIssued;
    mapping(uint256 lotId => uint256) public ghostBurned;
    mapping(address account => mapping(uint256 lotId => uint256)) public ghostLocked;

    /// @notice Movement attempts (transfer, batch transfer, forced transfer, redemption) that asked for more than the
    /// unlocked balance but no more than the balance, i.e. that could only succeed by moving locked units.
    uint256 public ghostLockedTouchAttempts;
    /// @notice How many of those went through: must stay zero.
    uint256 public ghostLockedTouchSuccesses;

    mapping(bytes32 action => uint256) public calls;
    mapping(bytes32 action => uint256) public successes;

    constructor(
        ComputeCapacityToken token_,
        address provider_,
        address compliance_,
        address pauser_,
        address recovery_,
        address[] memory actors_,
        uint256[] memory lots_
    ) {
        token = token_;
        provider = provider_;
        compliance = compliance_;
        pauser = pauser_;
        recovery = recovery_;
        _actors = actors_;
        _lots = lots_;
        for (uint256 i; i < lots_.length; ++i) {
            IComputeCapacityToken.Lot memory record = token_.lot(lots_[i]);
            ghostIssued[lots_[i]] = record.unitsIssued;
            ghostBurned[lots_[i]] = record.unitsBurned;
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function lots() external view returns (uint256[] memory) {
        return _lots;
    }

    /// @notice Ghost locked amount of every actor (in `actors()` order) for `lotId`.
    function ghostLockedOf(uint256 lotId) external view returns (uint256[] memory locked) {
        locked = new uint256[](_actors.length);
        for (uint256 i; i < _actors.length; ++i) {
            locked[i] = ghostLocked[_actors[i]][lotId];
        }
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    function issue(uint256 toSeed, uint256 lotSeed, uint256 units) external {
        address to = _actor(toSeed);
        uint256 lotId = _lot(lotSeed);
        units = _bound(units, 1, 1000);
        bool expected = !token.paused() && block.timestamp < _endsAt(lotId) && _canReceive(to);

        vm.prank(provider);
        bool ok;
        try token.issue(lotId, to, units) {
            ok = true;
            ghostIssued[lotId] += units;
        } catch {}
        _record("issue", ok);
        require(ok == expected, "issue: outcome differs from prediction");
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 lotSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _receiver(toSeed);
        uint256 lotId = _lot(lotSeed);
        amount = _amount(from, lotId, amount, 0);
        bool expected = token.canTransfer(from, to, lotId, amount) == IComputeCapacityToken.TransferStatus.Ok;
        bool touchesLocked = _touchesLocked(from, lotId, amount);

        vm.prank(from);
        bool ok;
        try token.safeTransferFrom(from, to, lotId, amount, "") {
            ok = true;
        } catch {}
        _record("transfer", ok);
        _recordTouch(touchesLocked, ok);
        require(ok == expected, "transfer: outcome differs from canTransfer");
    }

    /// @dev Batch over two distinct lots: must succeed exactly when both single transfers would.
    function transferBatch(uint256 fromSeed, uint256 toSeed, uint256 amountA, uint256 amountB) external {
        address from = _actor(fromSeed);
        address to = _receiver(toSeed);
        uint256[] memory ids = new uint256[](2);
        uint256[] memory values = new uint256[](2);
        (ids[0], ids[1]) = (_lots[0], _lots[1]);
        values[0] = _amount(from, ids[0], amountA, 0);
        values[1] = _amount(from, ids[1], amountB, 0);
        bool expected = token.canTransfer(from, to, ids[0], values[0]) == IComputeCapacityToken.TransferStatus.Ok
            && token.canTransfer(from, to, ids[1], values[1]) == IComputeCapacityToken.TransferStatus.Ok;
        bool touchesLocked = _touchesLocked(from, ids[0], values[0]) || _touchesLocked(from, ids[1], values[1]);

        vm.prank(from);
        bool ok;
        try token.safeBatchTransferFrom(from, to, ids, values, "") {
            ok = true;
        } catch {}
        _record("transferBatch", ok);
        _recordTouch(touchesLocked, ok);
        require(ok == expected, "transferBatch: outcome differs from canTransfer");
    }

    function forcedTransfer(uint256 fromSeed, uint256 toSeed, uint256 lotSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _receiver(toSeed);
        uint256 lotId = _lot(lotSeed);
        amount = _amount(from, lotId, amount, 1);
        bool expected = to != address(0) && _canReceive(to) && block.timestamp < _endsAt(lotId)
            && amount <= token.balanceOf(from, lotId) - ghostLocked[from][lotId];
        bool touchesLocked = _touchesLocked(from, lotId, amount);

        vm.prank(recovery);
        bool ok;
        try token.forcedTransfer(from, to, lotId, amount) {
            ok = true;
        } catch {}
        _record("forcedTransfer", ok);
        _recordTouch(touchesLocked, ok);
        require(ok == expected, "forcedTransfer: outcome differs from prediction");
    }

    function lock(uint256 seed, uint256 units) external {
        (address account, uint256 lotId, bool found) = _findPair(seed, false);
        _record("lock", found);
        if (!found) return;
        uint256 unlocked = token.balanceOf(account, lotId) - ghostLocked[account][lotId];
        units = _bound(units, 1, unlocked);
        // S-2: locking (pledging) passes a sender's checks.
        bool expected = !token.paused() && token.isAllowed(account) && !token.isFrozen(account);
        bool ok;
        try token.lock(account, lotId, units) {
            ok = true;
            ghostLocked[account][lotId] += units;
        } catch {}
        require(ok == expected, "lock: outcome differs from prediction");
    }

    function unlock(uint256 seed, uint256 units) external {
        (address account, uint256 lotId, bool found) = _findPair(seed, true);
        _record("unlock", found);
        if (!found) return;
        uint256 locked = ghostLocked[account][lotId];
        units = _bound(units, 1, locked);
        token.unlock(account, lotId, units);
        ghostLocked[account][lotId] = locked - units;
    }

    function seize(uint256 seed, uint256 toSeed, uint256 units) external {
        (address from, uint256 lotId, bool found) = _findPair(seed, true);
        if (!found) {
            _record("seize", false);
            return;
        }
        address to = _actor(toSeed);
        uint256 locked = ghostLocked[from][lotId];
        units = _bound(units, 1, locked);
        bool expected = !token.paused() && _canReceive(to);

        bool ok;
        try token.seize(from, to, lotId, units) {
            ok = true;
            ghostLocked[from][lotId] = locked - units;
        } catch {}
        _record("seize", ok);
        require(ok == expected, "seize: outcome differs from prediction");
    }

    function redeem(uint256 holderSeed, uint256 lotSeed, uint256 units) external {
        address holder = _actor(holderSeed);
        uint256 lotId = _lot(lotSeed);
        units = _amount(holder, lotId, units, 1);
        bool expected = !token.paused() && token.isAllowed(holder) && !token.isFrozen(holder)
            && units <= token.balanceOf(holder, lotId) - ghostLocked[holder][lotId];
        bool touchesLocked = _touchesLocked(holder, lotId, units);

        bool ok;
        try token.redeemFrom(holder, lotId, units) {
            ok = true;
            ghostBurned[lotId] += units;
        } catch {}
        _record("redeem", ok);
        _recordTouch(touchesLocked, ok);
        require(ok == expected, "redeem: outcome differs from prediction");
    }

    function setFrozen(uint256 accountSeed, bool frozen) external {
        // Biased towards unfreezing so that frozen accounts stay a minority.
        frozen = frozen && accountSeed % 3 == 0;
        vm.prank(compliance);
        token.setFrozen(_actor(accountSeed), frozen);
        _record("setFrozen", true);
    }

    function setAllowed(uint256 accountSeed, bool allowed) external {
        // Biased towards allowing so that most actors can trade most of the time.
        allowed = allowed || accountSeed % 3 == 0;
        vm.prank(compliance);
        token.setAllowed(_actor(accountSeed), allowed);
        _record("setAllowed", true);
    }

    function setPaused(uint256 seed) external {
        bool pause = seed % 6 == 0;
        if (pause != token.paused()) {
            vm.prank(pauser);
            if (pause) token.pause();
            else token.unpause();
        }
        _record("setPaused", true);
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + _bound(secondsAhead, 1 minutes, 2 days));
        _record("warp", true);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev An actor, or (one time in eight) the zero address.
    function _receiver(uint256 seed) internal view returns (address) {
        if (seed % 8 == 7) return address(0);
        return _actors[(seed / 8) % _actors.length];
    }

    function _lot(uint256 seed) internal view returns (uint256) {
        return _lots[seed % _lots.length];
    }

    /// @dev Mostly within the balance; one time in four inside the locked part when there is one (so that the
    /// attempt can only succeed by moving locked units), one time in eight above the balance.
    function _amount(address from, uint256 lotId, uint256 seed, uint256 min) internal view returns (uint256) {
        uint256 balance = token.balanceOf(from, lotId);
        uint256 locked = ghostLocked[from][lotId];
        if (seed % 4 == 0 && locked != 0) return balance - locked + 1 + (seed / 4) % locked;
        if (seed % 8 == 1) return balance + 1 + (seed / 8) % 5;
        return _bound(seed, min, balance > min ? balance : min);
    }

    /// @dev The first (actor, lot) pair from `seed` on that has locked units (`wantLocked`) or unlocked units.
    function _findPair(uint256 seed, bool wantLocked)
        internal
        view
        returns (address account, uint256 lotId, bool found)
    {
        uint256 n = _actors.length * _lots.length;
        for (uint256 i; i < n; ++i) {
            uint256 k = (seed % n + i) % n;
            account = _actors[k % _actors.length];
            lotId = _lots[k / _actors.length];
            uint256 locked = ghostLocked[account][lotId];
            if (wantLocked ? locked != 0 : token.balanceOf(account, lotId) > locked) return (account, lotId, true);
        }
    }

    function _endsAt(uint256 lotId) internal pure returns (uint256) {
        return lotId >> 216;
    }

    function _canReceive(address account) internal view returns (bool) {
        return token.isAllowed(account) && !token.isFrozen(account);
    }

    function _touchesLocked(address from, uint256 lotId, uint256 amount) internal view returns (bool) {
        uint256 balance = token.balanceOf(from, lotId);
        return amount <= balance && amount > balance - ghostLocked[from][lotId];
    }

    function _recordTouch(bool touchesLocked, bool ok) internal {
        if (!touchesLocked) return;
        ++ghostLockedTouchAttempts;
        if (ok) ++ghostLockedTouchSuccesses;
    }

    function _record(bytes32 action, bool ok) internal {
        ++calls[action];
        if (ok) ++successes[action];
    }
}
