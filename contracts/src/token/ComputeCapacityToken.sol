// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ERC165Checker} from "@openzeppelin/contracts/utils/introspection/ERC165Checker.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

import {IBondVault} from "../interfaces/IBondVault.sol";
import {IComputeCapacityToken} from "../interfaces/IComputeCapacityToken.sol";
import {BondMath} from "../libraries/BondMath.sol";
import {Bps} from "../libraries/Bps.sol";
import {LotId, LotIdLibrary} from "../libraries/LotId.sol";

/// @title ComputeCapacityToken
/// @notice ERC-1155 compute-capacity lots: each id is a perishable batch of GPU-hours of one GPU class, delivered by
/// one provider from one pool within a delivery window. Holders must be allowlisted; accounts can be frozen; the
/// token can be paused; a recovery agent can force transfers; the escrow can lock units in place as collateral.
/// Every issuance is bonded: the bond vault (the escrow) must hold, unreserved, `unitCover` for every outstanding
/// unit of the lot, and pulls any shortfall from the provider before the units are minted.
/// @dev Lot ids are deterministic: `endsAt << 216 | low216(keccak256(abi.encode(spec)))`. Carrying `endsAt` in the
/// id lets every transfer check expiry without reading storage. Per-lot supply lives in the lot record (issued and
/// burned counters) rather than in OpenZeppelin's ERC1155Supply, which would cost two more storage writes per issue.
contract ComputeCapacityToken is IComputeCapacityToken, ERC1155, AccessControlDefaultAdminRules, Pausable {
    using LotIdLibrary for LotSpec;

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
    /// @notice Burns units for a redemption: granted to the ComputeEscrow.
    bytes32 public constant ESCROW_ROLE = keccak256("ESCROW_ROLE");
    /// @notice Locks, unlocks and seizes pledged units: granted to the ComputeLending module.
    bytes32 public constant COLLATERAL_ROLE = keccak256("COLLATERAL_ROLE");

    /// @notice Time holders get after an unpause to redeem units whose window ended during (or just after) a pause.
    uint40 public constant PAUSE_CURE = 1 days;

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

    /// @dev A lot in three slots: [provider | startsAt | slaUptimeBps | bondCoverageBps],
    /// [referencePrice | energyWhPerGpuHour | unitsIssued | unitsBurned | poolIndex], [metadataHash].
    /// `endsAt` is not stored: the id carries it. The pool id and the hardware profile (GPU model, region) live
    /// once per pool, not once per lot.
    struct LotRecord {
        address provider;
        uint40 startsAt;
        uint16 slaUptimeBps;
        uint16 bondCoverageBps;
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

    /// @dev The bond vault and the last pause window, in one slot (issuance reads the vault).
    struct Settings {
        IBondVault bondVault;
        uint40 pausedAt;
        uint40 unpausedAt;
    }

    Settings private _settings;

    uint8 private transient _mode;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants every other role). It is handed over in two steps
    /// (`beginDefaultAdminTransfer`, then `acceptDefaultAdminTransfer` by the new admin after `adminDelay`).
    /// @param adminDelay Seconds a default-admin hand-over must wait (OpenZeppelin's AccessControlDefaultAdminRules).
    /// @param baseUri ERC-1155 metadata URI with the `{id}` placeholder.
    constructor(address admin, uint48 adminDelay, string memory baseUri)
        ERC1155(baseUri)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        _poolIds.push(bytes32(0));
    }

    /*//////////////////////////////////////////////////////////////
                                PROVIDERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeCapacityToken
    function registerProvider(address provider) external onlyRole(REGISTRAR_ROLE) {
        if (provider == address(0)) revert ComputeToken_ZeroProvider();
        if (_providers[provider]) revert ComputeToken_ProviderAlreadyRegistered(provider);
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
        if (poolId == bytes32(0)) revert ComputeToken_ZeroPoolId();
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
        if (spec.provider != msg.sender) revert ComputeToken_NotSpecProvider(spec.provider, msg.sender);
        address owner = pool.provider;
        if (owner != msg.sender) {
            if (owner == address(0)) revert ComputeToken_UnknownPool(spec.poolId);
            revert ComputeToken_PoolNotOwned(spec.poolId, owner, msg.sender);
        }
        if (spec.startsAt >= spec.endsAt) revert ComputeToken_InvalidWindow(spec.startsAt, spec.endsAt);
        if (spec.endsAt <= block.timestamp) revert ComputeToken_WindowEnded(spec.endsAt, block.timestamp);
        if (spec.slaUptimeBps > Bps.MAX) revert ComputeToken_SlaUptimeTooHigh(spec.slaUptimeBps);
        if (spec.referencePrice == 0) revert ComputeToken_ZeroReferencePrice();
        if (spec.bondCoverageBps == 0 || spec.bondCoverageBps > Bps.MAX) {
            revert ComputeToken_InvalidBondCoverage(spec.bondCoverageBps);
        }
        if (spec.metadataHash == bytes32(0)) revert ComputeToken_MissingMetadataHash();
        // The bond vault reads currency 0 as a later issuance of an existing lot (C-2).
        if (spec.currency == address(0)) revert ComputeToken_MissingCurrency();
        if (units == 0) revert ComputeToken_ZeroUnits();
        if (units > type(uint48).max) revert ComputeToken_UnitsOverflow(units, type(uint48).max);
        _matchPoolProfile(pool, spec);

        lotId = LotId.unwrap(spec.toLotId());
        if (_lots[lotId].provider != address(0)) revert ComputeToken_LotExists(lotId);

        _lots[lotId] = LotRecord({
            provider: spec.provider,
            startsAt: spec.startsAt,
            slaUptimeBps: spec.slaUptimeBps,
            bondCoverageBps: spec.bondCoverageBps,
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
        _bondVaultOrRevert()
            .coverIssue(
                lotId, spec.currency, msg.sender, units, BondMath.unitCover(spec.referencePrice, spec.bondCoverageBps)
            );
        _mint(to, lotId, units, "");
    }

    /// @inheritdoc IComputeCapacityToken
    function issue(uint256 lotId, address to, uint256 units) external {
        (uint256 outstanding, uint256 unitCover) = _recordIssue(lotId, units);
        emit UnitsIssued(lotId, to, units);
        _bondVaultOrRevert().coverIssue(lotId, address(0), msg.sender, outstanding, unitCover);
        _mint(to, lotId, units, "");
    }

    /// @inheritdoc IComputeCapacityToken
    function issueBatch(uint256[] calldata lotIds, address to, uint256[] calldata units) external {
        if (lotIds.length != units.length) revert ComputeToken_LengthMismatch(lotIds.length, units.length);
        IBondVault vault = _bondVaultOrRevert();
        uint256[] memory outstanding = new uint256[](lotIds.length);
        uint256[] memory unitCover = new uint256[](lotIds.length);
        for (uint256 i; i < lotIds.length; ++i) {
            (outstanding[i], unitCover[i]) = _recordIssue(lotIds[i], units[i]);
            emit UnitsIssued(lotIds[i], to, units[i]);
        }
        // Interactions after every record is written. A lot named twice is covered in steps; its last call
        // carries its final count.
        for (uint256 i; i < lotIds.length; ++i) {
            vault.coverIssue(lotIds[i], address(0), msg.sender, outstanding[i], unitCover[i]);
        }
        _mintBatch(to, lotIds, units, "");
    }

    /// @inheritdoc IComputeCapacityToken
    function lotIdOf(LotSpec calldata spec) external pure returns (uint256) {
        return LotId.unwrap(spec.toLotId());
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
        Settings storage settings = _settings;
        uint40 unpausedAt = settings.unpausedAt;
        // A pause soon after the last one continues it: lots whose window ended in between keep their cure.
        if (settings.pausedAt == 0 || block.timestamp >= uint256(unpausedAt) + PAUSE_CURE) {
            settings.pausedAt = uint40(block.timestamp);
        }
        settings.unpausedAt = 0;
    }

    /// @inheritdoc IComputeCapacityToken
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
        _settings.unpausedAt = uint40(block.timestamp);
    }

    /// @inheritdoc IComputeCapacityToken
    function forcedTransfer(address from, address to, uint256 lotId, uint256 units) external onlyRole(RECOVERY_ROLE) {
        if (units == 0) revert ComputeToken_ZeroUnits();
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
        AccountState memory sender = _accounts[from];
        if (sender.frozen) return TransferStatus.SenderFrozen;
        if (!sender.allowed) return TransferStatus.SenderNotAllowed;
        TransferStatus receiver = _receiverStatus(to);
        if (receiver != TransferStatus.Ok) return receiver;
        if (block.timestamp >= LotId.wrap(lotId).endsAt()) return TransferStatus.LotExpired;
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

    /// @inheritdoc IComputeCapacityToken
    function receiverStatus(address account) external view returns (TransferStatus) {
        return _receiverStatus(account);
    }

    /// @inheritdoc IComputeCapacityToken
    function pauseWindow() external view returns (uint40 pausedAt, uint40 unpausedAt) {
        Settings memory settings = _settings;
        return (settings.pausedAt, settings.unpausedAt);
    }

    /// @inheritdoc IComputeCapacityToken
    function redeemableUntil(uint256 lotId) external view returns (uint40) {
        uint40 endsAt = LotId.wrap(lotId).endsAt();
        Settings memory settings = _settings;
        if (settings.pausedAt == 0 || settings.pausedAt >= endsAt) return endsAt;
        if (paused()) return type(uint40).max;
        uint256 cureEnd = uint256(settings.unpausedAt) + PAUSE_CURE;
        // forge-lint: disable-next-line(unsafe-typecast) -- a uint40 timestamp plus one day fits 40 bits until 36812
        return cureEnd > endsAt ? uint40(cureEnd) : endsAt;
    }

    /*//////////////////////////////////////////////////////////////
                 COLLATERAL (LENDING), REDEMPTION (ESCROW)
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeCapacityToken
    function lock(address account, uint256 lotId, uint256 units) external onlyRole(COLLATERAL_ROLE) {
        if (units == 0) revert ComputeToken_ZeroUnits();
        // Pledging may end with the units moving to the lender: the holder passes a sender's checks now.
        _requireNotPaused();
        AccountState memory state = _accounts[account];
        if (state.frozen) revert ComputeToken_SenderFrozen(account);
        if (!state.allowed) revert ComputeToken_SenderNotAllowed(account);
        uint256 locked = _locked[account][lotId];
        uint256 unlocked = balanceOf(account, lotId) - locked;
        if (unlocked < units) revert ComputeToken_InsufficientUnlockedBalance(account, lotId, unlocked, units);
        if (locked == 0) ++_accounts[account].lockedLots;
        _locked[account][lotId] = locked + units;
        emit UnitsLocked(account, lotId, units);
    }

    /// @inheritdoc IComputeCapacityToken
    function unlock(address account, uint256 lotId, uint256 units) external onlyRole(COLLATERAL_ROLE) {
        _unlock(account, lotId, units);
        emit UnitsUnlocked(account, lotId, units);
    }

    /// @inheritdoc IComputeCapacityToken
    function seize(address from, address to, uint256 lotId, uint256 units) external onlyRole(COLLATERAL_ROLE) {
        _unlock(from, lotId, units);
        emit UnitsSeized(from, to, lotId, units);
        _mode = _MODE_SEIZE; // reset by `_update`
        _safeTransferFrom(from, to, lotId, units, "");
    }

    /// @inheritdoc IComputeCapacityToken
    function redeemFrom(address holder, uint256 lotId, uint256 units) external onlyRole(ESCROW_ROLE) {
        if (units == 0) revert ComputeToken_ZeroUnits();
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
            endsAt: LotId.wrap(lotId).endsAt(),
            slaUptimeBps: record.slaUptimeBps,
            bondCoverageBps: record.bondCoverageBps,
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

    /// @inheritdoc IComputeCapacityToken
    function bondVault() external view returns (address) {
        return address(_settings.bondVault);
    }

    /// @notice Replaces the ERC-1155 metadata URI (DEFAULT_ADMIN_ROLE). Emits the standard `URI(newUri, 0)` (id 0 is
    /// never a lot: it announces the template) and `BaseUriUpdated`.
    /// @param newUri URI with the `{id}` placeholder (lowercase hex id, 64 characters).
    function setBaseUri(string calldata newUri) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setURI(newUri);
        emit URI(newUri, 0);
        emit BaseUriUpdated(newUri);
    }

    /// @inheritdoc IComputeCapacityToken
    function setBondVault(address vault) external onlyRole(DEFAULT_ADMIN_ROLE) {
        address current = address(_settings.bondVault);
        if (current != address(0)) revert ComputeToken_BondVaultAlreadySet(current);
        if (!ERC165Checker.supportsInterface(vault, type(IBondVault).interfaceId)) {
            revert ComputeToken_InvalidBondVault(vault);
        }
        _settings.bondVault = IBondVault(vault);
        emit BondVaultSet(vault);
    }

    /// @notice Whether `operator` may move `account`'s units. A frozen operator's approvals are suspended (it may not
    /// act for anyone); an operator need not be allowlisted (the escrow and marketplaces are operators), since
    /// every move still checks the holder and the receiver.
    /// @dev Checked by ERC1155 only when the caller is not the holder, so direct transfers pay nothing for it.
    function isApprovedForAll(address account, address operator)
        public
        view
        override(ERC1155, IERC1155)
        returns (bool)
    {
        return super.isApprovedForAll(account, operator) && !_accounts[operator].frozen;
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC1155, AccessControlDefaultAdminRules, IERC165)
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
                if (sender.frozen) revert ComputeToken_SenderFrozen(from);
                if (!sender.allowed) revert ComputeToken_SenderNotAllowed(from);
            }
            if (sender.lockedLots != 0) _requireUnlocked(from, ids, values);
        }
        if (to != address(0)) {
            AccountState memory receiver = _accounts[to];
            if (receiver.frozen) revert ComputeToken_ReceiverFrozen(to);
            if (!receiver.allowed) revert ComputeToken_ReceiverNotAllowed(to);
            if (from != address(0) && mode != _MODE_SEIZE) _requireNotExpired(ids);
        }
        super._update(from, to, ids, values);
    }

    /// @dev Reverts unless `from` can move every `values[i]` of `ids[i]` out of its unlocked balance (called only
    /// when `from` has locked units somewhere).
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

    /// @dev Reverts when any of `ids` is at or past its `endsAt` (read from the id, no storage).
    function _requireNotExpired(uint256[] memory ids) private view {
        for (uint256 i; i < ids.length; ++i) {
            uint40 endsAt = LotId.wrap(ids[i]).endsAt();
            if (block.timestamp >= endsAt) revert ComputeToken_LotExpired(ids[i], endsAt);
        }
    }

    /// @dev Checks and records an issuance of an existing lot; returns the lot's outstanding units afterwards and
    /// its bond per unit, for the vault.
    function _recordIssue(uint256 lotId, uint256 units) private returns (uint256 outstanding, uint256 unitCover) {
        LotRecord storage record = _lots[lotId];
        address provider = record.provider;
        if (provider == address(0)) revert ComputeToken_UnknownLot(lotId);
        if (provider != msg.sender) revert ComputeToken_NotLotProvider(lotId, msg.sender);
        if (!_providers[msg.sender]) revert ComputeToken_NotProvider(msg.sender);
        uint40 endsAt = LotId.wrap(lotId).endsAt();
        if (block.timestamp >= endsAt) revert ComputeToken_LotExpired(lotId, endsAt);
        uint256 issued = record.unitsIssued;
        if (units == 0) revert ComputeToken_ZeroUnits();
        if (units > type(uint48).max - issued) revert ComputeToken_UnitsOverflow(units, type(uint48).max - issued);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
        record.unitsIssued = uint48(issued + units);
        outstanding = issued + units - record.unitsBurned;
        unitCover = BondMath.unitCover(record.referencePrice, record.bondCoverageBps);
    }

    /// @dev The bond vault; reverts `ComputeToken_BondVaultNotSet` until `setBondVault` wired it in.
    function _bondVaultOrRevert() private view returns (IBondVault vault) {
        vault = _settings.bondVault;
        if (address(vault) == address(0)) revert ComputeToken_BondVaultNotSet();
    }

    /// @dev Receiver checks shared by `canTransfer`, `receiverStatus` and the escrow's lender check. A contract
    /// must declare IERC1155Receiver through ERC-165; one that declares it and still rejects is not detected.
    function _receiverStatus(address to) private view returns (TransferStatus) {
        if (to == address(0)) return TransferStatus.InvalidReceiver;
        AccountState memory receiver = _accounts[to];
        if (receiver.frozen) return TransferStatus.ReceiverFrozen;
        if (!receiver.allowed) return TransferStatus.ReceiverNotAllowed;
        if (to.code.length != 0 && !ERC165Checker.supportsInterface(to, type(IERC1155Receiver).interfaceId)) {
            return TransferStatus.InvalidReceiver;
        }
        return TransferStatus.Ok;
    }

    /// @dev A pool is one cluster: one GPU class in one region. Its first lot records that profile; every later
    /// lot must carry the same one.
    function _matchPoolProfile(PoolRecord storage pool, LotSpec calldata spec) private {
        bytes16 gpuModel = pool.gpuModel;
        if (gpuModel == bytes16(0)) {
            if (spec.gpuModel == bytes16(0)) revert ComputeToken_MissingGpuModel(spec.poolId);
            if (spec.region == bytes16(0)) revert ComputeToken_MissingRegion(spec.poolId);
            pool.gpuModel = spec.gpuModel;
            pool.region = spec.region;
        } else if (gpuModel != spec.gpuModel || pool.region != spec.region) {
            revert ComputeToken_PoolProfileMismatch(spec.poolId, gpuModel, pool.region);
        }
    }

    /// @dev Releases `units` of `account`'s locked balance of `lotId`, keeping its count of lots with locked units.
    function _unlock(address account, uint256 lotId, uint256 units) private {
        if (units == 0) revert ComputeToken_ZeroUnits();
        uint256 locked = _locked[account][lotId];
        if (locked < units) revert ComputeToken_InsufficientLocked(account, lotId, locked, units);
        unchecked {
            locked -= units;
        }
        _locked[account][lotId] = locked;
        if (locked == 0) --_accounts[account].lockedLots;
    }

    /// @dev Adds `account` to or removes it from the allowlist; emits only on a change.
    function _setAllowed(address account, bool allowed) private {
        AccountState storage state = _accounts[account];
        if (state.allowed != allowed) {
            state.allowed = allowed;
            emit AllowlistUpdated(account, allowed);
        }
    }
}
