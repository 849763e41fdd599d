// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

/// @title IComputeCapacityToken
/// @notice ERC-1155 compute-capacity lots (1 unit = 1 GPU-hour) with an ERC-3643-style compliance layer.
interface IComputeCapacityToken is IERC1155 {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice The defining fields of a lot, chosen by its provider at issue time.
    /// @param provider The registered provider that delivers the capacity (must be the caller of `issueLot`).
    /// @param poolId The provider's pool (cluster) that delivers it; oracle reports are keyed by it.
    /// @param gpuModel GPU class as a short ASCII label, e.g. "H100-SXM5-80GB". A pool's first lot fixes its
    /// GPU model and region; later lots of the pool must repeat them.
    /// @param region Delivery region as a short ASCII label, e.g. "eu-west".
    /// @param startsAt Start of the delivery window (unix seconds).
    /// @param endsAt End of the delivery window (unix seconds); the lot is perishable after it.
    /// @param referencePrice Reference price of one unit in base units of the lot's currency (SLA refunds pay this).
    /// @param slaUptimeBps Minimum pool uptime promised, in basis points.
    /// @param bondCoverageBps Share of the reference price the provider's bond backs per outstanding unit, in basis
    /// points (1 to 10 000; the SDK and CLI default to 10 000 = 100 %). SLA and late-delivery refunds pay this share.
    /// @param energyWhPerGpuHour Energy efficiency figure: watt-hours drawn per delivered GPU-hour.
    /// @param metadataHash keccak256 of the off-chain metadata document served at `uri(id)`.
    /// @param currency The lot's settlement currency: a stablecoin the bond vault (the escrow) accepts. Its bond,
    /// sales, pledges and refunds settle in it; the vault records it at issue (`IComputeEscrow.currencyOf`).
    struct LotSpec {
        address provider;
        bytes32 poolId;
        bytes16 gpuModel;
        bytes16 region;
        uint40 startsAt;
        uint40 endsAt;
        uint96 referencePrice;
        uint16 slaUptimeBps;
        uint16 bondCoverageBps;
        uint32 energyWhPerGpuHour;
        bytes32 metadataHash;
        address currency;
    }

    /// @notice A lot as stored: its spec plus its issued and burned unit counters.
    struct Lot {
        address provider;
        uint40 startsAt;
        uint40 endsAt;
        uint16 slaUptimeBps;
        uint16 bondCoverageBps;
        uint96 referencePrice;
        uint32 energyWhPerGpuHour;
        uint64 unitsIssued;
        uint64 unitsBurned;
        bytes32 poolId;
        bytes16 gpuModel;
        bytes16 region;
        bytes32 metadataHash;
    }

    /// @notice Why a transfer would fail, as returned by `canTransfer` (never reverts).
    enum TransferStatus {
        /// @notice The transfer would succeed.
        Ok,
        /// @notice The token is paused.
        Paused,
        /// @notice The sender is not allowlisted.
        SenderNotAllowed,
        /// @notice The receiver is not allowlisted.
        ReceiverNotAllowed,
        /// @notice The sender is frozen.
        SenderFrozen,
        /// @notice The receiver is frozen.
        ReceiverFrozen,
        /// @notice The lot's delivery window has ended.
        LotExpired,
        /// @notice The lot does not exist.
        UnknownLot,
        /// @notice The sender's unlocked (not pledged, not offered) balance is too small.
        InsufficientUnlockedBalance,
        /// @notice The receiver is the zero address, or a contract that does not declare IERC1155Receiver through ERC-165.
        InvalidReceiver
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when a provider is registered.
    event ProviderRegistered(address indexed provider);
    /// @notice Emitted when a provider is removed; it can no longer issue (existing lots stay valid).
    event ProviderRemoved(address indexed provider);
    /// @notice Emitted when a pool is assigned to a provider.
    event PoolRegistered(bytes32 indexed poolId, address indexed provider);
    /// @notice Emitted when a new lot is created.
    event LotCreated(uint256 indexed lotId, address indexed provider, bytes32 indexed poolId, LotSpec spec);
    /// @notice Emitted when units of a lot are issued (minted).
    event UnitsIssued(uint256 indexed lotId, address indexed to, uint256 units);
    /// @notice Emitted when units of a lot are burned for redemption.
    event UnitsRedeemed(uint256 indexed lotId, address indexed holder, uint256 units);
    /// @notice Emitted when an account is added to or removed from the holder allowlist.
    event AllowlistUpdated(address indexed account, bool allowed);
    /// @notice Emitted when an account is frozen or unfrozen.
    event AccountFrozen(address indexed account, bool frozen);
    /// @notice Emitted when a recovery agent forces a transfer.
    event ForcedTransfer(address indexed agent, address indexed from, address indexed to, uint256 lotId, uint256 units);
    /// @notice Emitted when units are locked as collateral.
    event UnitsLocked(address indexed account, uint256 indexed lotId, uint256 units);
    /// @notice Emitted when locked units are released.
    event UnitsUnlocked(address indexed account, uint256 indexed lotId, uint256 units);
    /// @notice Emitted when locked units are seized and moved to a creditor.
    event UnitsSeized(address indexed from, address indexed to, uint256 indexed lotId, uint256 units);
    /// @notice Emitted when the metadata base URI changes (with the standard ERC-1155 `URI(newUri, 0)`: id 0 is
    /// never a lot, so it announces the `{id}` template every lot's URI derives from).
    event BaseUriUpdated(string newUri);
    /// @notice Emitted once, when the contract that holds the lots' delivery bonds is wired in.
    event BondVaultSet(address indexed vault);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when the account is not a registered provider (the caller of an issue, or the provider named
    /// in `registerPool` / `removeProvider`).
    /// @param account The account that is not a registered provider.
    error ComputeToken_NotProvider(address account);
    /// @notice Thrown when issuing more units of a lot by anyone but its provider.
    /// @param lotId The lot.
    /// @param caller The caller.
    error ComputeToken_NotLotProvider(uint256 lotId, address caller);
    /// @notice Thrown when registering the zero address as a provider.
    error ComputeToken_ZeroProvider();
    /// @notice Thrown when registering a provider that is already registered.
    /// @param provider The provider given.
    error ComputeToken_ProviderAlreadyRegistered(address provider);
    /// @notice Thrown when registering the zero pool id (a zero id marks "no pool").
    error ComputeToken_ZeroPoolId();
    /// @notice Thrown when `issueLot` is called by anyone but the spec's provider.
    /// @param specProvider The provider named in the spec.
    /// @param caller The caller.
    error ComputeToken_NotSpecProvider(address specProvider, address caller);
    /// @notice Thrown when a lot spec names a pool that was never registered.
    /// @param poolId The pool.
    error ComputeToken_UnknownPool(bytes32 poolId);
    /// @notice Thrown when a lot spec names a pool that belongs to another provider.
    /// @param poolId The pool.
    /// @param owner The provider the pool belongs to.
    /// @param caller The caller.
    error ComputeToken_PoolNotOwned(bytes32 poolId, address owner, address caller);
    /// @notice Thrown when a pool is already assigned.
    /// @param poolId The pool.
    /// @param owner The provider it belongs to.
    error ComputeToken_PoolTaken(bytes32 poolId, address owner);
    /// @notice Thrown when a lot spec's delivery window is empty or inverted (`startsAt >= endsAt`).
    /// @param startsAt The start given.
    /// @param endsAt The end given.
    error ComputeToken_InvalidWindow(uint40 startsAt, uint40 endsAt);
    /// @notice Thrown when a new lot's delivery window has already ended (`endsAt <= now`).
    /// @param endsAt The end given.
    /// @param timestamp The current block timestamp.
    error ComputeToken_WindowEnded(uint40 endsAt, uint256 timestamp);
    /// @notice Thrown when a lot spec's SLA uptime is above 10 000 bps.
    /// @param slaUptimeBps The SLA uptime given.
    error ComputeToken_SlaUptimeTooHigh(uint16 slaUptimeBps);
    /// @notice Thrown when a lot spec's reference price is zero.
    error ComputeToken_ZeroReferencePrice();
    /// @notice Thrown when a lot spec's bond coverage is 0 or above 10 000 bps (outside 1..10 000).
    /// @param bondCoverageBps The coverage given.
    error ComputeToken_InvalidBondCoverage(uint16 bondCoverageBps);
    /// @notice Thrown when a lot spec carries no metadata hash (the off-chain document must hash to it).
    error ComputeToken_MissingMetadataHash();
    /// @notice Thrown when a lot spec names no settlement currency (the zero address), which the bond vault would
    /// take for a later issuance of an existing lot.
    error ComputeToken_MissingCurrency();
    /// @notice Thrown when a pool's first lot carries no GPU model (the first lot fixes the pool's profile).
    /// @param poolId The pool.
    error ComputeToken_MissingGpuModel(bytes32 poolId);
    /// @notice Thrown when a pool's first lot carries no region (the first lot fixes the pool's profile).
    /// @param poolId The pool.
    error ComputeToken_MissingRegion(bytes32 poolId);
    /// @notice Thrown when issuing before the bond vault is wired in (`setBondVault`).
    error ComputeToken_BondVaultNotSet();
    /// @notice Thrown when the bond vault is set a second time (it holds the lots' bonds: swapping it would orphan
    /// them).
    /// @param vault The vault already set.
    error ComputeToken_BondVaultAlreadySet(address vault);
    /// @notice Thrown when the proposed bond vault does not declare `IBondVault` through ERC-165 (an EOA, the zero
    /// address or another contract).
    /// @param vault The address given.
    error ComputeToken_InvalidBondVault(address vault);

    /// @notice Thrown when a lot's GPU model or region differs from its pool's (set by the pool's first lot).
    /// @param poolId The pool.
    /// @param gpuModel The pool's GPU model.
    /// @param region The pool's region.
    error ComputeToken_PoolProfileMismatch(bytes32 poolId, bytes16 gpuModel, bytes16 region);
    /// @notice Thrown when creating a lot that exists already.
    /// @param lotId The lot.
    error ComputeToken_LotExists(uint256 lotId);
    /// @notice Thrown when a lot id is unknown.
    /// @param lotId The lot id given.
    error ComputeToken_UnknownLot(uint256 lotId);
    /// @notice Thrown when moving or issuing units of a lot past its `endsAt`.
    /// @param lotId The lot.
    /// @param endsAt The end of its delivery window.
    error ComputeToken_LotExpired(uint256 lotId, uint40 endsAt);
    /// @notice Thrown when a unit count is zero (issue, forced transfer, lock, unlock, seize, redeem).
    error ComputeToken_ZeroUnits();
    /// @notice Thrown when an issue would take a lot's issued units above its 48-bit counter.
    /// @param units The units given.
    /// @param max The most units the lot can still take.
    error ComputeToken_UnitsOverflow(uint256 units, uint256 max);
    /// @notice Thrown when `issueBatch`'s arrays differ in length.
    /// @param lotIdsLength The number of lot ids.
    /// @param unitsLength The number of unit counts.
    error ComputeToken_LengthMismatch(uint256 lotIdsLength, uint256 unitsLength);
    /// @notice Thrown when a sender (or an account locking units) is not on the holder allowlist.
    /// @param account The sender.
    error ComputeToken_SenderNotAllowed(address account);
    /// @notice Thrown when a receiver is not on the holder allowlist.
    /// @param account The receiver.
    error ComputeToken_ReceiverNotAllowed(address account);
    /// @notice Thrown when a sender (or an account locking units) is frozen.
    /// @param account The sender.
    error ComputeToken_SenderFrozen(address account);
    /// @notice Thrown when a receiver is frozen.
    /// @param account The receiver.
    error ComputeToken_ReceiverFrozen(address account);
    /// @notice Thrown when a transfer, lock or burn would move locked (pledged) units.
    /// @param account The holder.
    /// @param lotId The lot.
    /// @param unlocked The holder's unlocked units of the lot.
    /// @param needed The units the call needs.
    error ComputeToken_InsufficientUnlockedBalance(address account, uint256 lotId, uint256 unlocked, uint256 needed);
    /// @notice Thrown when unlocking or seizing more than is locked.
    /// @param account The holder.
    /// @param lotId The lot.
    /// @param locked The holder's locked units of the lot.
    /// @param needed The units the call needs.
    error ComputeToken_InsufficientLocked(address account, uint256 lotId, uint256 locked, uint256 needed);

    /*//////////////////////////////////////////////////////////////
                               PROVIDERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Registers a compute provider (REGISTRAR_ROLE).
    function registerProvider(address provider) external;

    /// @notice Removes a provider: it can no longer issue; its lots stay valid (REGISTRAR_ROLE).
    function removeProvider(address provider) external;

    /// @notice Assigns a pool to a registered provider (REGISTRAR_ROLE). A pool belongs to one provider forever.
    function registerPool(bytes32 poolId, address provider) external;

    /// @notice Whether `account` is a registered provider.
    function isProvider(address account) external view returns (bool);

    /// @notice The provider a pool belongs to (zero if unassigned).
    function poolProvider(bytes32 poolId) external view returns (address);

    /*//////////////////////////////////////////////////////////////
                                 ISSUE
    //////////////////////////////////////////////////////////////*/

    /// @notice Creates a lot from `spec` and issues `units` of it to `to`. Caller must be `spec.provider`. The bond
    /// vault then makes the lot's unreserved bond cover every outstanding unit, pulling any shortfall from the caller.
    function issueLot(LotSpec calldata spec, address to, uint256 units) external returns (uint256 lotId);

    /// @notice Issues more units of an existing lot (its provider only, before `endsAt`); bonded as `issueLot`.
    function issue(uint256 lotId, address to, uint256 units) external;

    /// @notice Issues units of several existing lots in one call (its provider only).
    function issueBatch(uint256[] calldata lotIds, address to, uint256[] calldata units) external;

    /// @notice The deterministic id `spec` gets: `endsAt` in the top 40 bits, the low 216 bits of
    /// keccak256(abi.encode(spec)) below.
    function lotIdOf(LotSpec calldata spec) external pure returns (uint256);

    /*//////////////////////////////////////////////////////////////
                              COMPLIANCE
    //////////////////////////////////////////////////////////////*/

    /// @notice Adds or removes `account` from the holder allowlist (COMPLIANCE_ROLE).
    function setAllowed(address account, bool allowed) external;

    /// @notice Adds many accounts to, or removes them from, the allowlist (COMPLIANCE_ROLE).
    function setAllowedBatch(address[] calldata accounts, bool allowed) external;

    /// @notice Freezes or unfreezes an account: a frozen account can neither send nor receive (COMPLIANCE_ROLE).
    function setFrozen(address account, bool frozen) external;

    /// @notice Pauses all transfers, issues and redemptions (PAUSER_ROLE).
    function pause() external;

    /// @notice Lifts a pause (PAUSER_ROLE).
    function unpause() external;

    /// @notice Recovery: moves unlocked units from `from` to `to` regardless of pause and of `from`'s
    /// status; `to` must be allowed and not frozen (RECOVERY_ROLE).
    function forcedTransfer(address from, address to, uint256 lotId, uint256 units) external;

    /// @notice Preflight: why `from` could not send `units` of `lotId` to `to` now, without reverting.
    function canTransfer(address from, address to, uint256 lotId, uint256 units) external view returns (TransferStatus);

    /// @notice Whether `account` is on the holder allowlist.
    function isAllowed(address account) external view returns (bool);

    /// @notice Whether `account` is frozen.
    function isFrozen(address account) external view returns (bool);

    /// @notice Whether `account` could receive units now: `InvalidReceiver` (zero address, or a contract that does
    /// not declare IERC1155Receiver through ERC-165), `ReceiverFrozen`, `ReceiverNotAllowed`, or `Ok`.
    function receiverStatus(address account) external view returns (TransferStatus);

    /// @notice The last pause: when it started and when it ended (`unpausedAt` 0 while it lasts). A pause that
    /// starts within `PAUSE_CURE` of the previous unpause continues it (`pausedAt` is kept).
    function pauseWindow() external view returns (uint40 pausedAt, uint40 unpausedAt);

    /// @notice Until when units of `lotId` can be redeemed: its `endsAt`, extended to `PAUSE_CURE` after the
    /// unpause when a pause covered the end of the window or ended less than `PAUSE_CURE` before it
    /// (`type(uint40).max` while such a pause lasts). The bond stays locked until then.
    function redeemableUntil(uint256 lotId) external view returns (uint40);

    /*//////////////////////////////////////////////////////////////
                 COLLATERAL (LENDING), REDEMPTION (ESCROW)
    //////////////////////////////////////////////////////////////*/

    /// @notice Locks `units` of `account`'s balance of `lotId` as collateral (COLLATERAL_ROLE). The account must pass
    /// the sender checks of a transfer: token not paused, account allowlisted and not frozen.
    function lock(address account, uint256 lotId, uint256 units) external;

    /// @notice Releases locked units (COLLATERAL_ROLE).
    function unlock(address account, uint256 lotId, uint256 units) external;

    /// @notice Unlocks `units` of `from` and moves them to `to` (a defaulted loan's lender) (COLLATERAL_ROLE).
    function seize(address from, address to, uint256 lotId, uint256 units) external;

    /// @notice Burns `units` of `holder`'s unlocked balance for a redemption (ESCROW_ROLE).
    function redeemFrom(address holder, uint256 lotId, uint256 units) external;

    /// @notice Units of `lotId` locked in `account`'s balance.
    function lockedBalanceOf(address account, uint256 lotId) external view returns (uint256);

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The stored record of a lot. Reverts `ComputeToken_UnknownLot` if it does not exist.
    function lot(uint256 lotId) external view returns (Lot memory);

    /// @notice Whether `lotId` exists.
    function exists(uint256 lotId) external view returns (bool);

    /// @notice Units of `lotId` in circulation (issued minus burned).
    function totalSupply(uint256 lotId) external view returns (uint256);

    /// @notice The contract that holds the lots' delivery bonds (zero until `setBondVault`).
    function bondVault() external view returns (address);

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Wires in the bond vault (the escrow) once (DEFAULT_ADMIN_ROLE); issuing needs it. The vault must
    /// declare `IBondVault` through ERC-165.
    function setBondVault(address vault) external;
}
