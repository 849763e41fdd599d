// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

import {IComputeCapacityToken} from "../interfaces/IComputeCapacityToken.sol";

/// @title ComputeCapacityToken
/// @notice ERC-1155 compute-capacity lots: each id is a perishable batch of GPU-hours of one GPU class, delivered by
/// one provider from one pool within a delivery window. Holders must be allowlisted; accounts can be frozen; the
/// token can be paused; a recovery agent can force transfers; the escrow can lock units in place as collateral.
/// @dev Lot ids are deterministic: `endsAt << 216 | low216(keccak256(abi.encode(spec)))`. Carrying `endsAt` in the
/// id lets every transfer check expiry without reading storage. Per-lot supply lives in the lot record (issued and
/// burned counters) rather than in OpenZeppelin's ERC1155Supply, which would cost two more storage writes per issue.
contract ComputeCapacityToken is IComputeCapacityToken, ERC1155, AccessControl, Pausable {
    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Registers providers and assigns pools.
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @notice Maintains the holder allowlist and freezes accounts.
    bytes32 public constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");
    /// @notice Pauses and unpauses the token.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Forces transfers to recover units of lost keys.
    bytes32 public constant RECOVERY_ROLE = keccak256("RECOVERY_ROLE");
    /// @notice Locks, unlocks, seizes and burns units: granted to the ComputeEscrow.
    bytes32 public constant ESCROW_ROLE = keccak256("ESCROW_ROLE");

    uint256 private constant _ID_HASH_BITS = 216;
    uint256 private constant _ID_HASH_MASK = (uint256(1) << _ID_HASH_BITS) - 1;
    uint16 private constant _MAX_BPS = 10_000;

    /// @dev How `_update` treats the movement in progress.
    uint8 private constant _MODE_NORMAL = 0;
    /// @dev Recovery: ignores pause and the sender's allowlist/freeze status.
    uint8 private constant _MODE_FORCED = 1;
    /// @dev Collateral seizure: ignores the sender's status and the lot's expiry (the units were locked before).
    uint8 private constant _MODE_SEIZE = 2;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev Compliance state of one account, packed in one slot so a transfer reads one slot per party.
    struct AccountState {
        bool allowed;
        bool frozen;
        uint32 lockedLots;
    }

    /// @dev A lot in three slots: [provider | startsAt | endsAt | slaUptimeBps],
    /// [referencePrice | energyWhPerGpuHour | unitsIssued | unitsBurned | poolIndex], [metadataHash].
    /// The pool id and the hardware profile (GPU model, region) live once per pool, not once per lot.
    struct LotRecord {
        address provider;
        uint40 startsAt;
        uint40 endsAt;
        uint16 slaUptimeBps;
        uint96 referencePrice;
        uint32 energyWhPerGpuHour;
        uint48 unitsIssued;
        uint48 unitsBurned;
        uint32 poolIndex;
        bytes32 metadataHash;
    }

    /// @dev A pool: its provider and index in one slot, its hardware profile (set by its first lot) in another.
    struct PoolRecord {
        address provider;
        uint32 index;
        bytes16 gpuModel;
        bytes16 region;
    }

    mapping(uint256 lotId => LotRecord) private _lots;
    mapping(address account => AccountState) private _accounts;
    mapping(address account => mapping(uint256 lotId => uint256)) private _locked;
    mapping(address provider => bool) private _providers;
    mapping(bytes32 poolId => PoolRecord) private _pools;
    /// @dev Pool ids by index; index 0 is unused so that a zero index means "no pool".
    bytes32[] private _poolIds;

    uint8 private transient _mode;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants every other role).
    /// @param baseUri ERC-1155 metadata URI with the `{id}` placeholder.
    constructor(address admin, string memory baseUri) ERC1155(baseUri) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _poolIds.push(bytes32(0));
    }

    /*//////////////////////////////////////////////////////////////
                                PROVIDERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeCapacityToken
    function registerProvider(address provider) external onlyRole(REGISTRAR_ROLE) {
        if (provider == address(0) || _providers[provider]) revert ComputeToken_InvalidProvider(provider);
        _providers[provider] = true;
        emit ProviderRegistered(provider);
    }

    /// @inheritdoc IComputeCapacityToken
    function removeProvider(address provider) external onlyRole(REGISTRAR_ROLE) {
        if (!_providers[provider]) revert ComputeToken_NotProvider(provider);
        _providers[provider] = false;
        emit ProviderRemoved(provider);
    }

    /// @inheritdoc IComputeCapacityToken
    function registerPool(bytes32 poolId, address provider) external onlyRole(REGISTRAR_ROLE) {
        if (!_providers[provider]) revert ComputeToken_NotProvider(provider);
        if (poolId == bytes32(0)) revert ComputeToken_InvalidLotSpec();
        address owner = _pools[poolId].provider;
        if (owner != address(0)) revert ComputeToken_PoolTaken(poolId, owner);
        _pools[poolId].provider = provider;
        _pools[poolId].index = uint32(_poolIds.length);
        _poolIds.push(poolId);
        emit PoolRegistered(poolId, provider);
    }

    /// @inheritdoc IComputeCapacityToken
    function isProvider(address account) external view returns (bool) {
        return _providers[account];
    }

    /// @inheritdoc IComputeCapacityToken
    function poolProvider(bytes32 poolId) external view returns (address) {
        return _pools[poolId].provider;
    }

    /*//////////////////////////////////////////////////////////////
                                  ISSUE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeCapacityToken
    function issueLot(LotSpec calldata spec, address to, uint256 units) external returns (uint256 lotId) {
        if (!_providers[msg.sender]) revert ComputeToken_NotProvider(msg.sender);
        PoolRecord storage pool = _pools[spec.poolId];
        if (spec.provider != msg.sender || pool.provider != msg.sender) {
            revert ComputeToken_PoolNotOwned(spec.poolId, msg.sender);
        }
        if (
            spec.startsAt >= spec.endsAt || spec.endsAt <= block.timestamp || spec.slaUptimeBps > _MAX_BPS
                || spec.referencePrice == 0
        ) revert ComputeToken_InvalidLotSpec();
        if (units == 0 || units > type(uint48).max) revert ComputeToken_InvalidAmount(units);
        _matchPoolProfile(pool, spec);

        lotId = _lotIdOf(spec);
        if (_lots[lotId].provider != address(0)) revert ComputeToken_LotExists(lotId);

        _lots[lotId] = LotRecord({
            provider: spec.provider,
            startsAt: spec.startsAt,
            endsAt: spec.endsAt,
            slaUptimeBps: spec.slaUptimeBps,
            referencePrice: spec.referencePrice,
            energyWhPerGpuHour: spec.energyWhPerGpuHour,
            // forge-lint: disable-next-line(unsafe-typecast) -- units <= type(uint48).max checked above
            unitsIssued: uint48(units),
            unitsBurned: 0,
            poolIndex: pool.index,
            metadataHash: spec.metadataHash
        });
        emit LotCreated(lotId, spec.provider, spec.poolId, spec);
        emit UnitsIssued(lotId, to, units);
        _mint(to, lotId, units, "");
    }

    /// @inheritdoc IComputeCapacityToken
    function issue(uint256 lotId, address to, uint256 units) external {
        _recordIssue(lotId, units);
        emit UnitsIssued(lotId, to, units);
        _mint(to, lotId, units, "");
    }

    /// @inheritdoc IComputeCapacityToken
    function issueBatch(uint256[] calldata lotIds, address to, uint256[] calldata units) external {
        if (lotIds.length != units.length) revert ComputeToken_LengthMismatch(lotIds.length, units.length);
        for (uint256 i; i < lotIds.length; ++i) {
            _recordIssue(lotIds[i], units[i]);
            emit UnitsIssued(lotIds[i], to, units[i]);
        }
        _mintBatch(to, lotIds, units, "");
    }

    /// @inheritdoc IComputeCapacityToken
    function lotIdOf(LotSpec calldata spec) external pure returns (uint256) {
        return _lotIdOf(spec);
    }

    /*//////////////////////////////////////////////////////////////
                               COMPLIANCE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeCapacityToken
    function setAllowed(address account, bool allowed) external onlyRole(COMPLIANCE_ROLE) {
        _setAllowed(account, allowed);
    }

    /// @inheritdoc IComputeCapacityToken
    function setAllowedBatch(address[] calldata accounts, bool allowed) external onlyRole(COMPLIANCE_ROLE) {
        for (uint256 i; i < accounts.length; ++i) {
            _setAllowed(accounts[i], allowed);
        }
    }

    /// @inheritdoc IComputeCapacityToken
    function setFrozen(address account, bool frozen) external onlyRole(COMPLIANCE_ROLE) {
        AccountState storage state = _accounts[account];
        if (state.frozen != frozen) {
            state.frozen = frozen;
            emit AccountFrozen(account, frozen);
        }
    }

    /// @inheritdoc IComputeCapacityToken
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc IComputeCapacityToken
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    /// @inheritdoc IComputeCapacityToken
    function forcedTransfer(address from, address to, uint256 lotId, uint256 units) external onlyRole(RECOVERY_ROLE) {
        if (units == 0) revert ComputeToken_InvalidAmount(units);
        emit ForcedTransfer(msg.sender, from, to, lotId, units);
        _mode = _MODE_FORCED; // reset by `_update`
        _safeTransferFrom(from, to, lotId, units, "");
    }

    /// @inheritdoc IComputeCapacityToken
    function canTransfer(address from, address to, uint256 lotId, uint256 units)
        external
        view
        returns (TransferStatus)
    {
        if (paused()) return TransferStatus.Paused;
        if (_lots[lotId].provider == address(0)) return TransferStatus.UnknownLot;
        if (to == address(0)) return TransferStatus.InvalidReceiver;
        AccountState memory sender = _accounts[from];
        if (sender.frozen) return TransferStatus.SenderFrozen;
        if (!sender.allowed) return TransferStatus.SenderNotAllowed;
        AccountState memory receiver = _accounts[to];
        if (receiver.frozen) return TransferStatus.ReceiverFrozen;
        if (!receiver.allowed) return TransferStatus.ReceiverNotAllowed;
        if (block.timestamp >= _endsAtOf(lotId)) return TransferStatus.LotExpired;
        if (balanceOf(from, lotId) - _locked[from][lotId] < units) return TransferStatus.InsufficientUnlockedBalance;
        return TransferStatus.Ok;
    }

    /// @inheritdoc IComputeCapacityToken
    function isAllowed(address account) external view returns (bool) {
        return _accounts[account].allowed;
    }

    /// @inheritdoc IComputeCapacityToken
    function isFrozen(address account) external view returns (bool) {
        return _accounts[account].frozen;
    }

    /*//////////////////////////////////////////////////////////////
                           COLLATERAL (ESCROW)
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeCapacityToken
    function lock(address account, uint256 lotId, uint256 units) external onlyRole(ESCROW_ROLE) {
        if (units == 0) revert ComputeToken_InvalidAmount(units);
        uint256 locked = _locked[account][lotId];
        uint256 unlocked = balanceOf(account, lotId) - locked;
        if (unlocked < units) revert ComputeToken_InsufficientUnlockedBalance(account, lotId, unlocked, units);
        if (locked == 0) ++_accounts[account].lockedLots;
        _locked[account][lotId] = locked + units;
        emit UnitsLocked(account, lotId, units);
    }

    /// @inheritdoc IComputeCapacityToken
    function unlock(address account, uint256 lotId, uint256 units) external onlyRole(ESCROW_ROLE) {
        _unlock(account, lotId, units);
        emit UnitsUnlocked(account, lotId, units);
    }

    /// @inheritdoc IComputeCapacityToken
    function seize(address from, address to, uint256 lotId, uint256 units) external onlyRole(ESCROW_ROLE) {
        _unlock(from, lotId, units);
        emit UnitsSeized(from, to, lotId, units);
        _mode = _MODE_SEIZE; // reset by `_update`
        _safeTransferFrom(from, to, lotId, units, "");
    }

    /// @inheritdoc IComputeCapacityToken
    function redeemFrom(address holder, uint256 lotId, uint256 units) external onlyRole(ESCROW_ROLE) {
        if (units == 0) revert ComputeToken_InvalidAmount(units);
        LotRecord storage record = _lots[lotId];
        if (record.provider == address(0)) revert ComputeToken_UnknownLot(lotId);
        // A larger `units` than the holder has makes `_burn` revert below, so the cast cannot lose bits that count.
        // forge-lint: disable-next-line(unsafe-typecast)
        record.unitsBurned += uint48(units);
        emit UnitsRedeemed(lotId, holder, units);
        _burn(holder, lotId, units);
    }

    /// @inheritdoc IComputeCapacityToken
    function lockedBalanceOf(address account, uint256 lotId) external view returns (uint256) {
        return _locked[account][lotId];
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeCapacityToken
    function lot(uint256 lotId) external view returns (Lot memory) {
        LotRecord memory record = _lots[lotId];
        if (record.provider == address(0)) revert ComputeToken_UnknownLot(lotId);
        bytes32 poolId = _poolIds[record.poolIndex];
        PoolRecord memory pool = _pools[poolId];
        return Lot({
            provider: record.provider,
            startsAt: record.startsAt,
            endsAt: record.endsAt,
            slaUptimeBps: record.slaUptimeBps,
            referencePrice: record.referencePrice,
            energyWhPerGpuHour: record.energyWhPerGpuHour,
            unitsIssued: record.unitsIssued,
            unitsBurned: record.unitsBurned,
            poolId: poolId,
            gpuModel: pool.gpuModel,
            region: pool.region,
            metadataHash: record.metadataHash
        });
    }

    /// @inheritdoc IComputeCapacityToken
    function exists(uint256 lotId) external view returns (bool) {
        return _lots[lotId].provider != address(0);
    }

    /// @inheritdoc IComputeCapacityToken
    function totalSupply(uint256 lotId) external view returns (uint256) {
        LotRecord storage record = _lots[lotId];
        return record.unitsIssued - record.unitsBurned;
    }

    /// @notice Replaces the ERC-1155 metadata URI (DEFAULT_ADMIN_ROLE).
    /// @param newUri URI with the `{id}` placeholder (lowercase hex id, 64 characters).
    function setBaseUri(string calldata newUri) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setURI(newUri);
        emit BaseUriUpdated(newUri);
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC1155, AccessControl, IERC165)
        returns (bool)
    {
        return interfaceId == type(IComputeCapacityToken).interfaceId || super.supportsInterface(interfaceId);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Every mint, burn and transfer passes here: the compliance rules live in this one place.
    function _update(address from, address to, uint256[] memory ids, uint256[] memory values) internal override {
        uint8 mode = _mode;
        // The mode covers this one movement only: the receiver hook runs after `_update`, and a transfer the
        // receiver makes from inside it must be checked as a normal one.
        if (mode != _MODE_NORMAL) _mode = _MODE_NORMAL;
        if (mode != _MODE_FORCED) _requireNotPaused();
        if (from != address(0)) {
            AccountState memory sender = _accounts[from];
            if (mode == _MODE_NORMAL) {
                if (sender.frozen) revert ComputeToken_AccountFrozen(from);
                if (!sender.allowed) revert ComputeToken_SenderNotAllowed(from);
            }
            if (sender.lockedLots != 0) _requireUnlocked(from, ids, values);
        }
        if (to != address(0)) {
            AccountState memory receiver = _accounts[to];
            if (receiver.frozen) revert ComputeToken_AccountFrozen(to);
            if (!receiver.allowed) revert ComputeToken_ReceiverNotAllowed(to);
            if (from != address(0) && mode != _MODE_SEIZE) _requireNotExpired(ids);
        }
        super._update(from, to, ids, values);
    }

    function _requireUnlocked(address from, uint256[] memory ids, uint256[] memory values) private view {
        for (uint256 i; i < ids.length; ++i) {
            uint256 locked = _locked[from][ids[i]];
            if (locked != 0) {
                // A batch may name the same lot twice: what it moves of the lot in total must be unlocked.
                uint256 needed = values[i];
                for (uint256 j; j < i; ++j) {
                    if (ids[j] == ids[i]) needed += values[j];
                }
                uint256 unlocked = balanceOf(from, ids[i]) - locked;
                if (unlocked < needed) {
                    revert ComputeToken_InsufficientUnlockedBalance(from, ids[i], unlocked, needed);
                }
            }
        }
    }

    function _requireNotExpired(uint256[] memory ids) private view {
        for (uint256 i; i < ids.length; ++i) {
            uint40 endsAt = _endsAtOf(ids[i]);
            if (block.timestamp >= endsAt) revert ComputeToken_LotExpired(ids[i], endsAt);
        }
    }

    function _recordIssue(uint256 lotId, uint256 units) private {
        LotRecord storage record = _lots[lotId];
        address provider = record.provider;
        if (provider == address(0)) revert ComputeToken_UnknownLot(lotId);
        if (provider != msg.sender) revert ComputeToken_NotLotProvider(lotId, msg.sender);
        if (!_providers[msg.sender]) revert ComputeToken_NotProvider(msg.sender);
        if (block.timestamp >= record.endsAt) revert ComputeToken_LotExpired(lotId, record.endsAt);
        uint256 issued = record.unitsIssued;
        if (units == 0 || units > type(uint48).max - issued) revert ComputeToken_InvalidAmount(units);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
        record.unitsIssued = uint48(issued + units);
    }

    /// @dev A pool is one cluster: one GPU class in one region. Its first lot records that profile; every later
    /// lot must carry the same one.
    function _matchPoolProfile(PoolRecord storage pool, LotSpec calldata spec) private {
        bytes16 gpuModel = pool.gpuModel;
        if (gpuModel == bytes16(0)) {
            if (spec.gpuModel == bytes16(0) || spec.region == bytes16(0)) revert ComputeToken_InvalidLotSpec();
            pool.gpuModel = spec.gpuModel;
            pool.region = spec.region;
        } else if (gpuModel != spec.gpuModel || pool.region != spec.region) {
            revert ComputeToken_PoolProfileMismatch(spec.poolId, gpuModel, pool.region);
        }
    }

    function _unlock(address account, uint256 lotId, uint256 units) private {
        if (units == 0) revert ComputeToken_InvalidAmount(units);
        uint256 locked = _locked[account][lotId];
        if (locked < units) revert ComputeToken_InsufficientLocked(account, lotId, locked, units);
        unchecked {
            locked -= units;
        }
        _locked[account][lotId] = locked;
        if (locked == 0) --_accounts[account].lockedLots;
    }

    function _setAllowed(address account, bool allowed) private {
        AccountState storage state = _accounts[account];
        if (state.allowed != allowed) {
            state.allowed = allowed;
            emit AllowlistUpdated(account, allowed);
        }
    }

    function _lotIdOf(LotSpec calldata spec) private pure returns (uint256) {
        return (uint256(spec.endsAt) << _ID_HASH_BITS) | (uint256(keccak256(abi.encode(spec))) & _ID_HASH_MASK);
    }

    function _endsAtOf(uint256 lotId) private pure returns (uint40) {
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        return uint40(lotId >> _ID_HASH_BITS);
    }
}
