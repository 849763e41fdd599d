// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IBondVault} from "../interfaces/IBondVault.sol";
import {IComputeCapacityToken} from "../interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../interfaces/IComputeEscrow.sol";
import {IUtilizationOracle} from "../interfaces/IUtilizationOracle.sol";
import {BondMath} from "../libraries/BondMath.sol";

/// @title ComputeEscrow
/// @notice Holds a regulated stablecoin, the suite's single custodian of it: sale payments the market
/// (`ComputeMarket`, MARKET_ROLE) and pledge principals and repayments the lending module (`ComputeLending`,
/// LENDING_ROLE) move in and have credited, and redemptions (units burned, refund at the reference price from the
/// provider's bond when delivery fails).
/// @dev Settles in several stablecoins: the admin accepts currencies (`setCurrencyAccepted`, decimals read on chain),
/// each lot names one at issue (`LotSpec.currency`, recorded here by `coverIssue`), and its bond, sales, pledges and
/// refunds are in it. Money owed to anyone is credited per (account, currency) and pulled with `withdraw`, so a
/// blacklisted or paused receiver can never block another party. Every inbound transfer is measured by balance
/// delta: bonds credit what arrived, payments revert if short. Solvency holds per currency: balance >= Σ claimable +
/// Σ bond in that currency (`solvency(currency)`). A currency no longer accepted refuses new lots only.
/// Bond coverage: as the token's bond vault, the escrow keeps every lot's unreserved bond at or above
/// `outstanding units × unitCover` until the lot's `redeemableUntil`; only then can its provider withdraw it.
contract ComputeEscrow is IComputeEscrow, IBondVault, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice May credit sale payments (`creditSale`): the market module.
    bytes32 public constant MARKET_ROLE = keccak256("MARKET_ROLE");
    /// @notice May credit pledge principals and repayments (`creditLoan`): the lending module.
    bytes32 public constant LENDING_ROLE = keccak256("LENDING_ROLE");

    /// @notice The oldest oracle report an SLA or delivery decision accepts, in seconds.
    uint64 public constant REPORT_MAX_AGE = 1 days;

    /// @notice The compute-capacity token.
    IComputeCapacityToken public immutable TOKEN;
    /// @notice The first settlement currency, accepted at deployment.
    IERC20 public immutable STABLECOIN;
    /// @notice The utilization oracle used for delivery and SLA attestations.
    IUtilizationOracle public immutable ORACLE;
    /// @notice Seconds after a lot's `endsAt` within which delivery must be confirmed.
    uint40 public immutable DELIVERY_GRACE;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    struct Bond {
        uint128 total;
        uint128 reserved;
    }

    uint256 private _nextRedemptionId = 1;

    mapping(uint256 redemptionId => Redemption) private _redemptions;
    mapping(address account => mapping(address currency => uint256)) private _claimable;
    mapping(uint256 lotId => Bond) private _bonds;

    /// @dev Each lot's settlement currency and curtailment cover per issued unit (0: firm), recorded at its first
    /// issuance; one slot, so a firm lot pays nothing for the second.
    struct LotSettlement {
        address currency;
        uint96 curtailCover;
    }

    mapping(uint256 lotId => LotSettlement) private _lotSettlement;
    mapping(address currency => Currency) private _currencies;
    /// @dev Per pool, the end of the delivery queue (see `deliveryQueued`).
    mapping(bytes32 poolId => uint64) private _deliveryQueued;

    /// @dev Running totals per currency behind `totals()` and `solvency()`: Σ claimable and Σ bond.total in one slot.
    struct Totals {
        uint128 credits;
        uint128 bonds;
    }

    /// @dev A settlement currency: whether new lots may name it, and its decimals (read when first accepted).
    struct Currency {
        bool accepted;
        bool listed;
        uint8 decimals;
    }

    mapping(address currency => Totals) private _totals;
    /// @dev Per currency, Σ bond.reserved (part of `_totals[currency].bonds`).
    mapping(address currency => uint256) private _totalReserved;
    /// @dev Interruptible lots' capacity and refund pot (`curtailCover` lives in `_lotSettlement`).
    mapping(uint256 lotId => Curtailment) private _curtailments;
    /// @dev The curtailment module, wired once by the admin (zero: every lot is firm).
    address private _curtailmentModule;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed over in two steps after `adminDelay`).
    /// @param adminDelay Seconds a default-admin hand-over must wait (OpenZeppelin's AccessControlDefaultAdminRules).
    /// @param token The compute-capacity token (this escrow needs its ESCROW_ROLE).
    /// @param stablecoin The first settlement currency (accepted; its decimals are read from it).
    /// @param oracle The utilization oracle.
    /// @param deliveryGrace Seconds after a lot's window ends within which delivery must be confirmed.
    constructor(
        address admin,
        uint48 adminDelay,
        IComputeCapacityToken token,
        IERC20 stablecoin,
        IUtilizationOracle oracle,
        uint40 deliveryGrace
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (address(token) == address(0)) revert Escrow_ZeroToken();
        if (address(stablecoin) == address(0)) revert Escrow_ZeroStablecoin();
        if (address(oracle) == address(0)) revert Escrow_ZeroOracle();
        TOKEN = token;
        STABLECOIN = stablecoin;
        ORACLE = oracle;
        DELIVERY_GRACE = deliveryGrace;
        _setCurrencyAccepted(address(stablecoin), true);
    }

    /*//////////////////////////////////////////////////////////////
                                  SALES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function creditSale(address seller, uint256 lotId, uint256 amount) external onlyRole(MARKET_ROLE) nonReentrant {
        address currency = _currencyOfLot(lotId);
        uint256 surplus = _surplus(currency);
        if (amount > surplus) revert Escrow_SaleUnfunded(amount, surplus);
        _credit(seller, currency, amount);
        emit SaleCredited(msg.sender, seller, currency, amount);
    }

    /// @inheritdoc IComputeEscrow
    function creditLoan(address account, uint256 lotId, uint256 amount) external onlyRole(LENDING_ROLE) nonReentrant {
        address currency = _currencyOfLot(lotId);
        uint256 surplus = _surplus(currency);
        if (amount > surplus) revert Escrow_LoanUnfunded(amount, surplus);
        _credit(account, currency, amount);
        emit LoanCredited(msg.sender, account, currency, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                 REDEEM
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function postBond(uint256 lotId, uint256 amount) external nonReentrant {
        _postBond(lotId, amount);
    }

    /// @inheritdoc IComputeEscrow
    function postBondWithPermit(uint256 lotId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
    {
        _permit(_currencyOfLot(lotId), amount, deadline, v, r, s);
        _postBond(lotId, amount);
    }

    /// @inheritdoc IComputeEscrow
    function withdrawBond(uint256 lotId, uint256 amount) external nonReentrant {
        IComputeCapacityToken.Lot memory record = TOKEN.lot(lotId);
        if (record.provider != msg.sender) revert Escrow_NotLotProvider(lotId, msg.sender);
        // Until then holders may still redeem (the window, plus any pause cure) and the bond backs their units.
        uint40 unlocksAt = block.timestamp < record.endsAt ? record.endsAt : TOKEN.redeemableUntil(lotId);
        if (block.timestamp < unlocksAt) revert Escrow_BondLocked(lotId, unlocksAt);
        Bond storage bond = _bonds[lotId];
        uint256 free = bond.total - bond.reserved;
        if (amount == 0) revert Escrow_ZeroBondAmount();
        if (amount > free) revert Escrow_InsufficientBond(lotId, free, amount);
        LotSettlement memory settlement = _lotSettlement[lotId];
        if (settlement.curtailCover != 0 && !_curtailments[lotId].reserved) {
            // An interruptible lot's refunds are backed until the module finalizes it and reserves their pot.
            uint256 held = uint256(record.unitsIssued) * settlement.curtailCover;
            if (amount > free - Math.min(free, held)) revert Escrow_CurtailmentPending(lotId, held);
        }
        address currency = settlement.currency;
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        bond.total -= uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        _totals[currency].bonds -= uint128(amount);
        emit BondWithdrawn(lotId, msg.sender, amount);
        IERC20(currency).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IComputeEscrow
    function redeem(uint256 lotId, uint256 units) external nonReentrant returns (uint256 redemptionId) {
        IComputeCapacityToken.Lot memory record = TOKEN.lot(lotId);
        uint40 deadlineBase = record.endsAt;
        if (block.timestamp >= record.endsAt) {
            // Past the window only within a pause cure (the token extends `redeemableUntil`).
            uint40 until = TOKEN.redeemableUntil(lotId);
            if (block.timestamp >= until) revert Escrow_RedemptionClosed(lotId, until);
            deadlineBase = uint40(block.timestamp);
        }
        if (units == 0) revert Escrow_ZeroUnits();
        if (units > type(uint64).max) revert Escrow_UnitsOverflow(units, type(uint64).max);
        uint256 reserve = units * BondMath.unitCover(record.referencePrice, record.bondCoverageBps);
        Bond storage bond = _bonds[lotId];
        uint256 free = bond.total - bond.reserved;
        if (reserve > free) revert Escrow_InsufficientBond(lotId, free, reserve);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        bond.reserved += uint128(reserve);
        _totalReserved[_lotSettlement[lotId].currency] += reserve;

        uint40 deadline = deadlineBase + DELIVERY_GRACE;
        uint64 deliveredBy = _enqueueDelivery(record.poolId, units);
        redemptionId = _nextRedemptionId++;
        _redemptions[redemptionId] = Redemption({
            holder: msg.sender,
            openedAt: uint40(block.timestamp),
            deadline: deadline,
            status: RedemptionStatus.Open,
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
            units: uint64(units),
            // forge-lint: disable-next-line(unsafe-typecast) -- at most the free bond, a uint128
            reserved: uint128(reserve),
            deliveredBy: deliveredBy,
            lotId: lotId
        });
        emit RedemptionOpened(redemptionId, msg.sender, lotId, units, reserve, deadline);
        TOKEN.redeemFrom(msg.sender, lotId, units);
    }

    /// @inheritdoc IComputeEscrow
    function confirmDelivery(uint256 redemptionId) external {
        Redemption storage r = _openRedemption(redemptionId);
        if (r.holder != msg.sender) revert Escrow_NotRedemptionHolder(redemptionId, msg.sender);
        _settleDelivery(redemptionId, r, TOKEN.lot(r.lotId).provider, false);
    }

    /// @inheritdoc IComputeEscrow
    function confirmDeliveryByOracle(uint256 redemptionId) external {
        Redemption storage r = _openRedemption(redemptionId);
        // Past the deadline the holder is owed a refund; a late attestation must not race it.
        if (block.timestamp > r.deadline) revert Escrow_DeliveryDeadlinePassed(redemptionId, r.deadline);
        IComputeCapacityToken.Lot memory record = TOKEN.lot(r.lotId);
        IUtilizationOracle.PoolReport memory report = _freshReport(record.poolId);
        if (report.observedAt < r.openedAt) {
            revert Escrow_NoReportSinceRedemption(redemptionId, report.observedAt, r.openedAt);
        }
        if (report.uptimeBps < record.slaUptimeBps) {
            revert Escrow_UptimeBelowSla(redemptionId, report.uptimeBps, record.slaUptimeBps);
        }
        if (report.deliveredGpuHours < r.deliveredBy) {
            revert Escrow_InsufficientDeliveredHours(redemptionId, report.deliveredGpuHours, r.deliveredBy);
        }
        _settleDelivery(redemptionId, r, record.provider, true);
    }

    /// @inheritdoc IComputeEscrow
    function claimRefund(uint256 redemptionId) external {
        Redemption storage r = _openRedemption(redemptionId);
        bool slaBreached;
        if (block.timestamp <= r.deadline) {
            IComputeCapacityToken.Lot memory record = TOKEN.lot(r.lotId);
            IUtilizationOracle.PoolReport memory report = _freshReport(record.poolId);
            slaBreached = report.observedAt >= r.openedAt && report.uptimeBps < record.slaUptimeBps;
            if (!slaBreached) revert Escrow_NoRefundDue(redemptionId, r.deadline);
        }
        uint256 amount = r.reserved;
        r.status = RedemptionStatus.Refunded;
        address currency = _releaseReserve(r.lotId, amount);
        _credit(r.holder, currency, amount);
        emit RedemptionRefunded(redemptionId, r.holder, r.lotId, r.units, amount, slaBreached);
    }

    /*//////////////////////////////////////////////////////////////
                               WITHDRAWAL
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function withdraw(address currency, address to) external nonReentrant {
        if (to == address(0)) revert Escrow_ZeroRecipient();
        if (to == address(this)) revert Escrow_InvalidRecipient(to);
        uint256 amount = _claimable[msg.sender][currency];
        if (amount == 0) revert Escrow_NothingToWithdraw(msg.sender, currency);
        _claimable[msg.sender][currency] = 0;
        // forge-lint: disable-next-line(unsafe-typecast) -- a part of the total, which fits 128 bits
        _totals[currency].credits -= uint128(amount);
        emit Withdrawn(msg.sender, to, currency, amount);
        IERC20(currency).safeTransfer(to, amount);
    }

    /*//////////////////////////////////////////////////////////////
                               CURRENCIES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function setCurrencyAccepted(address currency, bool accepted) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setCurrencyAccepted(currency, accepted);
    }

    /*//////////////////////////////////////////////////////////////
                                 BONDING
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IBondVault
    function coverIssue(uint256 lotId, address currency, address provider, uint256 outstandingUnits, uint256 unitCover)
        external
        nonReentrant
    {
        if (msg.sender != address(TOKEN)) revert Escrow_CallerNotToken(msg.sender);
        uint256 curtailCover;
        if (currency != address(0)) {
            // A new lot: its currency must be accepted now; it stays the lot's for good, and so do its curtailment
            // terms, which the module recorded before the lot existed (`setInterruptible`).
            if (!_currencies[currency].accepted) revert Escrow_CurrencyNotAccepted(currency);
            LotSettlement storage settlement = _lotSettlement[lotId];
            settlement.currency = currency;
            curtailCover = settlement.curtailCover;
            emit LotCurrencySet(lotId, currency);
        } else {
            curtailCover = _lotSettlement[lotId].curtailCover;
        }
        Bond memory bond = _bonds[lotId];
        uint256 required = outstandingUnits * unitCover;
        if (curtailCover != 0) required += _curtailmentHeld(lotId, curtailCover);
        uint256 free = bond.total - bond.reserved;
        if (free >= required) return;
        uint256 shortfall = required - free;
        _addBond(lotId, shortfall);
        emit BondPosted(lotId, provider, shortfall);
        // The token calls only for its caller's own issuance, so this pulls from the issuing provider.
        _pullExact(_currencyOfLot(lotId), provider, shortfall);
    }

    /*//////////////////////////////////////////////////////////////
                              CURTAILMENT
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function setCurtailmentModule(address module) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (module == address(0)) revert Escrow_ZeroCurtailmentModule();
        address current = _curtailmentModule;
        if (current != address(0)) revert Escrow_CurtailmentModuleAlreadySet(current);
        _curtailmentModule = module;
        emit CurtailmentModuleSet(module);
    }

    /// @inheritdoc IComputeEscrow
    function setInterruptible(uint256 lotId, uint96 curtailCover, uint48 capacityUnits) external {
        if (msg.sender != _curtailmentModule) revert Escrow_CallerNotCurtailmentModule(msg.sender);
        LotSettlement storage settlement = _lotSettlement[lotId];
        // Terms are fixed before the lot's first unit: an issued (firm) lot can never become interruptible.
        if (settlement.currency != address(0)) revert Escrow_LotAlreadySettled(lotId);
        settlement.curtailCover = curtailCover;
        _curtailments[lotId].capacityUnits = capacityUnits;
        emit LotInterruptible(lotId, curtailCover, capacityUnits);
    }

    /// @inheritdoc IComputeEscrow
    function reserveCurtailment(uint256 lotId, uint256 pot) external {
        uint256 curtailCover = _interruptible(lotId);
        Curtailment storage c = _curtailments[lotId];
        if (c.reserved) revert Escrow_CurtailmentAlreadyReserved(lotId);
        uint256 held = uint256(TOKEN.lot(lotId).unitsIssued) * curtailCover;
        if (pot > held) revert Escrow_CurtailmentAboveCover(lotId, pot, held);
        Bond memory bond = _bonds[lotId];
        // Implied by the bond coverage rule (the free bond holds `held` until now); checked against a wrong module.
        if (pot > bond.total - bond.reserved) revert Escrow_InsufficientBond(lotId, bond.total - bond.reserved, pot);
        c.reserved = true;
        // forge-lint: disable-next-line(unsafe-typecast) -- at most the lot's bond, a uint128
        c.potRemaining = uint128(pot);
        // The pot stays in the bond (reserved), so totals and solvency are unchanged; it is paid out like a refund.
        // forge-lint: disable-next-line(unsafe-typecast) -- at most the lot's bond, a uint128
        _bonds[lotId].reserved += uint128(pot);
        _totalReserved[_lotSettlement[lotId].currency] += pot;
        emit CurtailmentReserved(lotId, pot);
    }

    /// @inheritdoc IComputeEscrow
    function creditCurtailment(uint256 lotId, address account, uint256 amount) external nonReentrant {
        _interruptible(lotId);
        Curtailment storage c = _curtailments[lotId];
        if (!c.reserved) revert Escrow_CurtailmentNotReserved(lotId);
        uint256 remaining = c.potRemaining;
        if (amount > remaining) revert Escrow_CurtailmentPotExceeded(lotId, amount, remaining);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
        c.potRemaining = uint128(remaining - amount);
        address currency = _releaseReserve(lotId, amount);
        _credit(account, currency, amount);
        emit CurtailmentCredited(lotId, account, currency, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice ERC-165: also declares `IComputeEscrow` and `IBondVault` (the token checks the latter when wired).
    /// @param interfaceId The interface id.
    /// @return Whether it is supported.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IBondVault).interfaceId || interfaceId == type(IComputeEscrow).interfaceId
            || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IComputeEscrow
    function redemption(uint256 redemptionId) external view returns (Redemption memory) {
        return _redemptions[redemptionId];
    }

    /// @inheritdoc IComputeEscrow
    function claimable(address account, address currency) external view returns (uint256) {
        return _claimable[account][currency];
    }

    /// @inheritdoc IComputeEscrow
    function bondOf(uint256 lotId) external view returns (uint256 total, uint256 reserved) {
        Bond memory bond = _bonds[lotId];
        return (bond.total, bond.reserved);
    }

    /// @inheritdoc IComputeEscrow
    function totals(address currency) external view returns (uint256 credits, uint256 bonds, uint256 reserved) {
        Totals memory t = _totals[currency];
        return (t.credits, t.bonds, _totalReserved[currency]);
    }

    /// @inheritdoc IComputeEscrow
    function solvency(address currency) external view returns (uint256 balance, uint256 obligations) {
        Totals memory t = _totals[currency];
        return (IERC20(currency).balanceOf(address(this)), uint256(t.credits) + t.bonds);
    }

    /// @inheritdoc IComputeEscrow
    function currencyOf(uint256 lotId) external view returns (address) {
        return _lotSettlement[lotId].currency;
    }

    /// @inheritdoc IComputeEscrow
    function settlementOf(uint256 lotId) external view returns (address currency, uint96 curtailCover) {
        LotSettlement memory settlement = _lotSettlement[lotId];
        return (settlement.currency, settlement.curtailCover);
    }

    /// @inheritdoc IComputeEscrow
    function curtailmentOf(uint256 lotId) external view returns (Curtailment memory c) {
        c = _curtailments[lotId];
        c.curtailCover = _lotSettlement[lotId].curtailCover;
    }

    /// @inheritdoc IComputeEscrow
    function curtailmentModule() external view returns (address) {
        return _curtailmentModule;
    }

    /// @inheritdoc IComputeEscrow
    function currencyInfo(address currency) external view returns (bool accepted, uint8 decimals) {
        Currency memory c = _currencies[currency];
        return (c.accepted, c.decimals);
    }

    /// @inheritdoc IComputeEscrow
    function deliveryQueued(bytes32 poolId) external view returns (uint64) {
        return _deliveryQueued[poolId];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Adds what actually arrives of `amount` to the lot's bond (fee-on-transfer tokens deliver less).
    function _postBond(uint256 lotId, uint256 amount) private {
        address currency = _currencyOfLot(lotId);
        if (amount == 0) revert Escrow_ZeroBondAmount();
        uint256 received = _pull(currency, msg.sender, amount);
        _addBond(lotId, received);
        emit BondPosted(lotId, msg.sender, received);
    }

    /// @dev Closes an open redemption as delivered and credits its reserve to the provider.
    function _settleDelivery(uint256 redemptionId, Redemption storage r, address provider, bool byOracle) private {
        uint256 amount = r.reserved;
        r.status = RedemptionStatus.Delivered;
        address currency = _releaseReserve(r.lotId, amount);
        _credit(provider, currency, amount);
        emit DeliveryConfirmed(redemptionId, r.lotId, provider, msg.sender, r.units, amount, byOracle);
    }

    /// @dev Credits `amount` of `currency` to `account`'s withdrawable balance and to the currency's running total.
    function _credit(address account, address currency, uint256 amount) private {
        _claimable[account][currency] += amount;
        uint256 credits = _totals[currency].credits + amount;
        if (credits > type(uint128).max) revert Escrow_CreditsOverflow(credits, type(uint128).max);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
        _totals[currency].credits = uint128(credits);
    }

    /// @dev Adds `amount` to a lot's bond and to the running total of bonds in its currency.
    function _addBond(uint256 lotId, uint256 amount) private {
        address currency = _lotSettlement[lotId].currency;
        uint256 bonds = _totals[currency].bonds + amount;
        // Σ bond.total of a currency fits 128 bits, so each lot's does too.
        if (bonds > type(uint128).max) revert Escrow_BondsOverflow(bonds, type(uint128).max);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
        _bonds[lotId].total += uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
        _totals[currency].bonds = uint128(bonds);
    }

    /// @dev Takes `amount` out of a lot's bond (total and reserve): it now belongs to a provider or a holder. Returns
    /// the lot's currency.
    function _releaseReserve(uint256 lotId, uint256 amount) private returns (address currency) {
        currency = _lotSettlement[lotId].currency;
        Bond storage bond = _bonds[lotId];
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        bond.total -= uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        bond.reserved -= uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast) -- a part of the total, which fits 128 bits
        _totals[currency].bonds -= uint128(amount);
        _totalReserved[currency] -= amount;
    }

    /// @dev Accepts or stops accepting a currency for new lots; its decimals are read when it is first accepted (a
    /// token that does not answer `decimals()` is refused).
    function _setCurrencyAccepted(address currency, bool accepted) private {
        Currency memory c = _currencies[currency];
        if (accepted && !c.listed) {
            if (currency.code.length == 0) revert Escrow_InvalidCurrency(currency);
            // A low-level read (C-1): a try/catch on `decimals()` does not catch the ABI decoding of a bad answer
            // (no data, less than a word, a word above 255), which reverted here without Escrow_InvalidCurrency.
            // `tryGetDecimals` succeeds only on a call that returned at least 32 bytes whose first word is <= 255.
            (bool ok, uint8 decimals) = SafeERC20.tryGetDecimals(IERC20(currency));
            if (!ok) revert Escrow_InvalidCurrency(currency);
            c.decimals = decimals;
            c.listed = true;
        }
        if (!c.listed) revert Escrow_InvalidCurrency(currency);
        c.accepted = accepted;
        _currencies[currency] = c;
        emit CurrencyAcceptanceSet(currency, accepted, c.decimals);
    }

    /// @dev The bond an interruptible lot holds for its refunds on top of its outstanding units' cover: `issued ×
    /// curtailCover` until the pot is reserved (it is then part of the reserve). Refuses an issuance from the lot's
    /// window start on — refunds are shared per issued unit, so units issued once hours can be curtailed would dilute
    /// the holders' share (RC-1) — and one above capacity.
    function _curtailmentHeld(uint256 lotId, uint256 curtailCover) private view returns (uint256) {
        Curtailment memory c = _curtailments[lotId];
        IComputeCapacityToken.Lot memory record = TOKEN.lot(lotId);
        if (block.timestamp >= record.startsAt) revert Escrow_InterruptibleIssueAfterStart(lotId, record.startsAt);
        if (c.reserved) return 0;
        uint256 issued = record.unitsIssued;
        if (issued > c.capacityUnits) revert Escrow_AboveInterruptibleCapacity(lotId, issued, c.capacityUnits);
        return issued * curtailCover;
    }

    /// @dev Requires the caller to be the curtailment module and the lot interruptible; returns its cover per unit.
    function _interruptible(uint256 lotId) private view returns (uint256 curtailCover) {
        if (msg.sender != _curtailmentModule) revert Escrow_CallerNotCurtailmentModule(msg.sender);
        curtailCover = _lotSettlement[lotId].curtailCover;
        if (curtailCover == 0) revert Escrow_NotInterruptible(lotId);
    }

    /// @dev The currency of a lot the escrow knows (it recorded the currency at the lot's first issuance).
    function _currencyOfLot(uint256 lotId) private view returns (address currency) {
        currency = _lotSettlement[lotId].currency;
        if (currency == address(0)) revert IComputeCapacityToken.ComputeToken_UnknownLot(lotId);
    }

    /// @dev The pool's latest report when it is fresh (at most `REPORT_MAX_AGE` old) and signed under the current
    /// reporter configuration; otherwise an empty one (observedAt 0, attests nothing), so callers revert with the
    /// escrow's own errors rather than the oracle's.
    function _freshReport(bytes32 poolId) private view returns (IUtilizationOracle.PoolReport memory report) {
        try ORACLE.latestFresh(poolId, REPORT_MAX_AGE) returns (IUtilizationOracle.PoolReport memory fresh) {
            report = fresh;
        } catch {}
    }

    /// @dev Places a redemption of `units` at the end of the pool's delivery queue, which starts no earlier than the
    /// pool's attested delivered count now (hours delivered before the redemption cannot serve it), and returns the
    /// cumulative count at which it is served.
    function _enqueueDelivery(bytes32 poolId, uint256 units) private returns (uint64 deliveredBy) {
        uint256 start = _deliveryQueued[poolId];
        try ORACLE.latest(poolId) returns (IUtilizationOracle.PoolReport memory report) {
            if (report.deliveredGpuHours > start) start = report.deliveredGpuHours;
        } catch {}
        uint256 end = start + units;
        if (end > type(uint64).max) revert Escrow_DeliveryQueueOverflow(poolId, end);
        // forge-lint: disable-next-line(unsafe-typecast) -- checked just above
        deliveredBy = uint64(end);
        _deliveryQueued[poolId] = deliveredBy;
    }

    /// @dev The redemption, required to be open (an unknown id has status `None`).
    function _openRedemption(uint256 redemptionId) private view returns (Redemption storage r) {
        r = _redemptions[redemptionId];
        if (r.status != RedemptionStatus.Open) revert Escrow_WrongRedemptionStatus(redemptionId, r.status);
    }

    /// @dev The escrow's balance of `currency` above everything it owes in it (Σ credits + Σ bonds): what a payment
    /// moved in before `creditSale` or `creditLoan` can be credited out of.
    function _surplus(address currency) private view returns (uint256) {
        Totals memory t = _totals[currency];
        uint256 balance = IERC20(currency).balanceOf(address(this));
        uint256 owed = uint256(t.credits) + t.bonds;
        return balance > owed ? balance - owed : 0;
    }

    /// @dev Pulls `amount` of `currency` and returns what actually arrived (fee-on-transfer tokens deliver less).
    function _pull(address currency, address from, uint256 amount) private returns (uint256 received) {
        uint256 before = IERC20(currency).balanceOf(address(this));
        IERC20(currency).safeTransferFrom(from, address(this), amount);
        received = IERC20(currency).balanceOf(address(this)) - before;
    }

    /// @dev Pulls `amount` of `currency` and reverts unless all of it arrived.
    function _pullExact(address currency, address from, uint256 amount) private {
        uint256 received = _pull(currency, from, amount);
        if (received < amount) revert Escrow_PaymentShortfall(amount, received);
    }

    /// @dev Applies an EIP-2612 permit of `currency`; a failure is ignored because a front-runner may have used the
    /// permit already, in which case the allowance is there and the transfer succeeds (OpenZeppelin's guidance).
    function _permit(address currency, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) private {
        try IERC20Permit(currency).permit(msg.sender, address(this), value, deadline, v, r, s) {} catch {}
    }
}
