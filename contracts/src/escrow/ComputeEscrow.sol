// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBondVault} from "../interfaces/IBondVault.sol";
import {IComputeCapacityToken} from "../interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../interfaces/IComputeEscrow.sol";
import {IUtilizationOracle} from "../interfaces/IUtilizationOracle.sol";
import {BondMath} from "../libraries/BondMath.sol";
import {Bps} from "../libraries/Bps.sol";

/// @title ComputeEscrow
/// @notice Holds a regulated stablecoin, the suite's single custodian of it: sale payments the market
/// (`ComputeMarket`, MARKET_ROLE) moves in and credits to sellers, pledges (units locked in place as collateral for an
/// advance) and redemptions (units burned, refund at the reference price from the provider's bond when delivery
/// fails).
/// @dev Money owed to anyone is credited and pulled with `withdraw`, so a blacklisted or paused receiver can
/// never block another party. Every inbound transfer is measured by balance delta: bonds credit what arrived,
/// payments revert if short. Solvency: stablecoin balance >= Σ claimable + Σ bond (`solvency()`).
/// Bond coverage: as the token's bond vault, the escrow keeps every lot's unreserved bond at or above
/// `outstanding units × unitCover` until the lot's `redeemableUntil`; only then can its provider withdraw it.
contract ComputeEscrow is IComputeEscrow, IBondVault, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets per-lot loan-to-value.
    bytes32 public constant RISK_ROLE = keccak256("RISK_ROLE");
    /// @notice May credit sale payments (`creditSale`): the market module.
    bytes32 public constant MARKET_ROLE = keccak256("MARKET_ROLE");

    /// @notice The least time a borrower has to repay: a request cannot be funded later than this before maturity.
    uint40 public constant MIN_REPAY_WINDOW = 1 days;
    /// @notice The least time between a pledge's maturity and its lot's `endsAt`, so defaulted collateral can still
    /// be redeemed or sold by the lender.
    uint40 public constant MATURITY_MARGIN = 1 days;
    /// @notice After the stablecoin was last seen paused (`recordSettlementPause`), collateral stays unclaimable for
    /// this long, so the borrower can repay.
    uint40 public constant SETTLEMENT_CURE = 1 days;
    /// @notice The oldest oracle report an SLA or delivery decision accepts, in seconds.
    uint64 public constant REPORT_MAX_AGE = 1 days;

    /// @notice The compute-capacity token.
    IComputeCapacityToken public immutable TOKEN;
    /// @notice The settlement stablecoin.
    IERC20 public immutable STABLECOIN;
    /// @notice The utilization oracle used for delivery and SLA attestations.
    IUtilizationOracle public immutable ORACLE;
    /// @notice Seconds after a lot's `endsAt` within which delivery must be confirmed.
    uint40 public immutable DELIVERY_GRACE;
    /// @notice Loan-to-value for lots without their own setting, in basis points.
    uint16 public immutable DEFAULT_LTV_BPS;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    struct Bond {
        uint128 total;
        uint128 reserved;
    }

    uint256 private _nextPledgeId = 1;
    uint256 private _nextRedemptionId = 1;

    mapping(uint256 pledgeId => Pledge) private _pledges;
    mapping(uint256 redemptionId => Redemption) private _redemptions;
    mapping(address account => uint256) private _claimable;
    mapping(uint256 lotId => Bond) private _bonds;
    mapping(uint256 lotId => LoanToValue) private _ltv;
    /// @dev Per pool, the end of the delivery queue (see `deliveryQueued`).
    mapping(bytes32 poolId => uint64) private _deliveryQueued;

    /// @dev A lot's own loan-to-value; `set` distinguishes "0 = pledging off" from "no setting = default".
    struct LoanToValue {
        bool set;
        uint16 bps;
    }

    /// @dev Running totals behind `totals()` and `solvency()`: Σ claimable and Σ bond.total in one slot.
    struct Totals {
        uint128 credits;
        uint128 bonds;
    }

    Totals private _totals;
    /// @dev Σ bond.reserved (part of `_totals.bonds`).
    uint256 private _totalReserved;
    /// @dev When the stablecoin was last recorded paused; 0 if never.
    uint40 private _settlementPauseSeenAt;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed over in two steps after `adminDelay`) and RISK_ROLE.
    /// @param adminDelay Seconds a default-admin hand-over must wait (OpenZeppelin's AccessControlDefaultAdminRules).
    /// @param token The compute-capacity token (this escrow needs its ESCROW_ROLE).
    /// @param stablecoin The settlement stablecoin.
    /// @param oracle The utilization oracle.
    /// @param deliveryGrace Seconds after a lot's window ends within which delivery must be confirmed.
    /// @param defaultLtvBps Default loan-to-value, in basis points.
    constructor(
        address admin,
        uint48 adminDelay,
        IComputeCapacityToken token,
        IERC20 stablecoin,
        IUtilizationOracle oracle,
        uint40 deliveryGrace,
        uint16 defaultLtvBps
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (address(token) == address(0)) revert Escrow_ZeroToken();
        if (address(stablecoin) == address(0)) revert Escrow_ZeroStablecoin();
        if (address(oracle) == address(0)) revert Escrow_ZeroOracle();
        if (defaultLtvBps > Bps.MAX) revert Escrow_InvalidLoanToValue(defaultLtvBps);
        TOKEN = token;
        STABLECOIN = stablecoin;
        ORACLE = oracle;
        DELIVERY_GRACE = deliveryGrace;
        DEFAULT_LTV_BPS = defaultLtvBps;
        _grantRole(RISK_ROLE, admin);
    }

    /*//////////////////////////////////////////////////////////////
                                  SALES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function creditSale(address seller, uint256 amount) external onlyRole(MARKET_ROLE) nonReentrant {
        Totals memory t = _totals;
        uint256 balance = STABLECOIN.balanceOf(address(this));
        uint256 owed = uint256(t.credits) + t.bonds;
        uint256 surplus = balance > owed ? balance - owed : 0;
        if (amount > surplus) revert Escrow_SaleUnfunded(amount, surplus);
        _credit(seller, amount);
        emit SaleCredited(msg.sender, seller, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                 PLEDGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function requestPledge(
        uint256 lotId,
        uint256 units,
        address lender,
        uint256 principal,
        uint256 fee,
        uint40 maturity
    ) external nonReentrant returns (uint256 pledgeId) {
        IComputeCapacityToken.Lot memory record = TOKEN.lot(lotId);
        if (block.timestamp >= record.endsAt) revert Escrow_LotExpired(lotId, record.endsAt);
        if (units == 0) revert Escrow_ZeroUnits();
        if (units > type(uint64).max) revert Escrow_UnitsOverflow(units, type(uint64).max);
        if (principal == 0) revert Escrow_ZeroPrincipal();
        if (principal > type(uint128).max) revert Escrow_PrincipalOverflow(principal, type(uint128).max);
        if (fee > type(uint128).max) revert Escrow_FeeOverflow(fee, type(uint128).max);
        uint256 earliest = block.timestamp + MIN_REPAY_WINDOW;
        if (maturity < earliest) revert Escrow_MaturityTooSoon(maturity, earliest);
        uint256 latest = uint256(record.endsAt) - MATURITY_MARGIN;
        if (maturity > latest) revert Escrow_MaturityTooLate(maturity, latest);
        if (loanToValue(lotId) == 0) revert Escrow_PledgingDisabled(lotId);
        uint256 cap = _maxPrincipal(lotId, record.referencePrice, units);
        if (principal > cap) revert Escrow_LoanToValueExceeded(principal, cap);

        pledgeId = _nextPledgeId++;
        _pledges[pledgeId] = Pledge({
            holder: msg.sender,
            maturity: maturity,
            status: PledgeStatus.Requested,
            lender: lender,
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
            units: uint64(units),
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
            principal: uint128(principal),
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
            fee: uint128(fee),
            lotId: lotId
        });
        emit PledgeRequested(pledgeId, msg.sender, lotId, units, lender, principal, fee, maturity);
        TOKEN.lock(msg.sender, lotId, units);
    }

    /// @inheritdoc IComputeEscrow
    function cancelPledge(uint256 pledgeId) external nonReentrant {
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Requested);
        if (p.holder != msg.sender) revert Escrow_NotPledgeHolder(pledgeId, msg.sender);
        p.status = PledgeStatus.Cancelled;
        emit PledgeCancelled(pledgeId);
        TOKEN.unlock(msg.sender, p.lotId, p.units);
    }

    /// @inheritdoc IComputeEscrow
    function fundPledge(uint256 pledgeId) external nonReentrant {
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Requested);
        if (p.lender != address(0) && p.lender != msg.sender) revert Escrow_NotDesignatedLender(pledgeId, msg.sender);
        uint256 fundBy = p.maturity - MIN_REPAY_WINDOW;
        if (block.timestamp > fundBy) revert Escrow_PledgeRequestExpired(pledgeId, fundBy);
        // On default the units move from the holder to this lender: both must pass a transfer's checks now.
        IComputeCapacityToken.TransferStatus status = TOKEN.canTransfer(p.holder, msg.sender, p.lotId, 0);
        if (status != IComputeCapacityToken.TransferStatus.Ok) revert Escrow_PledgeNotTransferable(pledgeId, status);
        uint256 principal = p.principal;
        p.status = PledgeStatus.Active;
        p.lender = msg.sender;
        _credit(p.holder, principal);
        emit PledgeFunded(pledgeId, msg.sender, principal);
        _pullExact(msg.sender, principal);
    }

    /// @inheritdoc IComputeEscrow
    function repay(uint256 pledgeId) external nonReentrant {
        // Open until the lender takes the collateral, maturity or not: a lender that cannot receive the units
        // (frozen, de-allowlisted) cannot leave the pledge stuck.
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Active);
        uint256 amount = uint256(p.principal) + p.fee;
        p.status = PledgeStatus.Repaid;
        _credit(p.lender, amount);
        emit PledgeRepaid(pledgeId, msg.sender, amount);
        _pullExact(msg.sender, amount);
        TOKEN.unlock(p.holder, p.lotId, p.units);
    }

    /// @inheritdoc IComputeEscrow
    function claimCollateral(uint256 pledgeId) external nonReentrant {
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Active);
        if (p.lender != msg.sender) revert Escrow_NotPledgeLender(pledgeId, msg.sender);
        if (block.timestamp < p.maturity) revert Escrow_PledgeNotMatured(pledgeId, p.maturity);
        // A borrower cannot repay while the stablecoin is paused: no default is taken then, nor within the cure
        // after the pause was last recorded.
        if (_settlementPaused()) revert Escrow_SettlementPaused();
        uint256 cureEnd = _settlementPauseSeenAt == 0 ? 0 : uint256(_settlementPauseSeenAt) + SETTLEMENT_CURE;
        if (block.timestamp < cureEnd) revert Escrow_SettlementCure(cureEnd);
        p.status = PledgeStatus.Claimed;
        emit CollateralClaimed(pledgeId, msg.sender, p.units);
        TOKEN.seize(p.holder, msg.sender, p.lotId, p.units);
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
        _permit(amount, deadline, v, r, s);
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
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        bond.total -= uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        _totals.bonds -= uint128(amount);
        emit BondWithdrawn(lotId, msg.sender, amount);
        STABLECOIN.safeTransfer(msg.sender, amount);
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
        _totalReserved += reserve;

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
        _releaseReserve(r.lotId, amount);
        _credit(r.holder, amount);
        emit RedemptionRefunded(redemptionId, r.holder, r.lotId, r.units, amount, slaBreached);
    }

    /*//////////////////////////////////////////////////////////////
                               WITHDRAWAL
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function withdraw(address to) external nonReentrant {
        if (to == address(0)) revert Escrow_ZeroRecipient();
        if (to == address(this)) revert Escrow_InvalidRecipient(to);
        uint256 amount = _claimable[msg.sender];
        if (amount == 0) revert Escrow_NothingToWithdraw(msg.sender);
        _claimable[msg.sender] = 0;
        // forge-lint: disable-next-line(unsafe-typecast) -- a part of the total, which fits 128 bits
        _totals.credits -= uint128(amount);
        emit Withdrawn(msg.sender, to, amount);
        STABLECOIN.safeTransfer(to, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                  ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function setLoanToValue(uint256 lotId, uint16 ltvBps) external onlyRole(RISK_ROLE) {
        if (ltvBps > Bps.MAX) revert Escrow_InvalidLoanToValue(ltvBps);
        _ltv[lotId] = LoanToValue({set: true, bps: ltvBps});
        emit LoanToValueUpdated(lotId, ltvBps);
    }

    /// @inheritdoc IComputeEscrow
    function resetLoanToValue(uint256 lotId) external onlyRole(RISK_ROLE) {
        delete _ltv[lotId];
        emit LoanToValueReset(lotId);
    }

    /*//////////////////////////////////////////////////////////////
                          SETTLEMENT PAUSE, BONDING
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function recordSettlementPause() external {
        if (!_settlementPaused()) revert Escrow_SettlementNotPaused();
        _settlementPauseSeenAt = uint40(block.timestamp);
        emit SettlementPauseRecorded(block.timestamp);
    }

    /// @inheritdoc IBondVault
    function coverIssue(uint256 lotId, address provider, uint256 outstandingUnits, uint256 unitCover)
        external
        nonReentrant
    {
        if (msg.sender != address(TOKEN)) revert Escrow_CallerNotToken(msg.sender);
        Bond memory bond = _bonds[lotId];
        uint256 required = outstandingUnits * unitCover;
        uint256 free = bond.total - bond.reserved;
        if (free >= required) return;
        uint256 shortfall = required - free;
        _addBond(lotId, shortfall);
        emit BondPosted(lotId, provider, shortfall);
        // The token calls only for its caller's own issuance, so this pulls from the issuing provider.
        _pullExact(provider, shortfall);
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
    function pledge(uint256 pledgeId) external view returns (Pledge memory) {
        return _pledges[pledgeId];
    }

    /// @inheritdoc IComputeEscrow
    function redemption(uint256 redemptionId) external view returns (Redemption memory) {
        return _redemptions[redemptionId];
    }

    /// @inheritdoc IComputeEscrow
    function claimable(address account) external view returns (uint256) {
        return _claimable[account];
    }

    /// @inheritdoc IComputeEscrow
    function bondOf(uint256 lotId) external view returns (uint256 total, uint256 reserved) {
        Bond memory bond = _bonds[lotId];
        return (bond.total, bond.reserved);
    }

    /// @inheritdoc IComputeEscrow
    function totals() external view returns (uint256 credits, uint256 bonds, uint256 reserved) {
        Totals memory t = _totals;
        return (t.credits, t.bonds, _totalReserved);
    }

    /// @inheritdoc IComputeEscrow
    function solvency() external view returns (uint256 balance, uint256 obligations) {
        Totals memory t = _totals;
        return (STABLECOIN.balanceOf(address(this)), uint256(t.credits) + t.bonds);
    }

    /// @inheritdoc IComputeEscrow
    function settlementPauseSeenAt() external view returns (uint40) {
        return _settlementPauseSeenAt;
    }

    /// @inheritdoc IComputeEscrow
    function maxPrincipal(uint256 lotId, uint256 units) external view returns (uint256) {
        return _maxPrincipal(lotId, TOKEN.lot(lotId).referencePrice, units);
    }

    /// @inheritdoc IComputeEscrow
    function loanToValue(uint256 lotId) public view returns (uint16) {
        LoanToValue memory ltv = _ltv[lotId];
        return ltv.set ? ltv.bps : DEFAULT_LTV_BPS;
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
        if (!TOKEN.exists(lotId)) revert IComputeCapacityToken.ComputeToken_UnknownLot(lotId);
        if (amount == 0) revert Escrow_ZeroBondAmount();
        uint256 received = _pull(msg.sender, amount);
        _addBond(lotId, received);
        emit BondPosted(lotId, msg.sender, received);
    }

    /// @dev Closes an open redemption as delivered and credits its reserve to the provider.
    function _settleDelivery(uint256 redemptionId, Redemption storage r, address provider, bool byOracle) private {
        uint256 amount = r.reserved;
        r.status = RedemptionStatus.Delivered;
        _releaseReserve(r.lotId, amount);
        _credit(provider, amount);
        emit DeliveryConfirmed(redemptionId, r.lotId, provider, msg.sender, r.units, amount, byOracle);
    }

    /// @dev Credits `amount` to `account`'s withdrawable balance and to the running total.
    function _credit(address account, uint256 amount) private {
        _claimable[account] += amount;
        uint256 credits = _totals.credits + amount;
        if (credits > type(uint128).max) revert Escrow_CreditsOverflow(credits, type(uint128).max);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
        _totals.credits = uint128(credits);
    }

    /// @dev Adds `amount` to a lot's bond and to the running total of bonds.
    function _addBond(uint256 lotId, uint256 amount) private {
        uint256 bonds = _totals.bonds + amount;
        // Σ bond.total fits 128 bits, so each lot's does too.
        if (bonds > type(uint128).max) revert Escrow_BondsOverflow(bonds, type(uint128).max);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
        _bonds[lotId].total += uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
        _totals.bonds = uint128(bonds);
    }

    /// @dev Takes `amount` out of a lot's bond (total and reserve): it now belongs to a provider or a holder.
    function _releaseReserve(uint256 lotId, uint256 amount) private {
        Bond storage bond = _bonds[lotId];
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        bond.total -= uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        bond.reserved -= uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast) -- a part of the total, which fits 128 bits
        _totals.bonds -= uint128(amount);
        _totalReserved -= amount;
    }

    /// @dev Whether the stablecoin reports itself paused; a token without `paused()` never is.
    function _settlementPaused() private view returns (bool) {
        (bool ok, bytes memory data) = address(STABLECOIN).staticcall(abi.encodeWithSignature("paused()"));
        return ok && data.length >= 32 && abi.decode(data, (uint256)) != 0;
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

    /// @dev The pledge, required to be in status `expected` (an unknown id has status `None`).
    function _pledgeIn(uint256 pledgeId, PledgeStatus expected) private view returns (Pledge storage p) {
        p = _pledges[pledgeId];
        if (p.status != expected) revert Escrow_WrongPledgeStatus(pledgeId, p.status);
    }

    /// @dev The redemption, required to be open (an unknown id has status `None`).
    function _openRedemption(uint256 redemptionId) private view returns (Redemption storage r) {
        r = _redemptions[redemptionId];
        if (r.status != RedemptionStatus.Open) revert Escrow_WrongRedemptionStatus(redemptionId, r.status);
    }

    /// @dev The most a pledge of `units` of the lot may borrow: `units × referencePrice × LTV / 10 000`.
    function _maxPrincipal(uint256 lotId, uint256 referencePrice, uint256 units) private view returns (uint256) {
        return units * referencePrice * loanToValue(lotId) / Bps.MAX;
    }

    /// @dev Pulls `amount` and returns what actually arrived (fee-on-transfer tokens deliver less).
    function _pull(address from, uint256 amount) private returns (uint256 received) {
        uint256 before = STABLECOIN.balanceOf(address(this));
        STABLECOIN.safeTransferFrom(from, address(this), amount);
        received = STABLECOIN.balanceOf(address(this)) - before;
    }

    /// @dev Pulls `amount` and reverts unless all of it arrived.
    function _pullExact(address from, uint256 amount) private {
        uint256 received = _pull(from, amount);
        if (received < amount) revert Escrow_PaymentShortfall(amount, received);
    }

    /// @dev Applies an EIP-2612 permit; a failure is ignored because a front-runner may have used the permit
    /// already, in which case the allowance is there and the transfer succeeds (OpenZeppelin's guidance).
    function _permit(uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) private {
        try IERC20Permit(address(STABLECOIN)).permit(msg.sender, address(this), value, deadline, v, r, s) {} catch {}
    }
}
