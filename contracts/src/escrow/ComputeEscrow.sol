// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IComputeCapacityToken} from "../interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../interfaces/IComputeEscrow.sol";
import {IUtilizationOracle} from "../interfaces/IUtilizationOracle.sol";

/// @title ComputeEscrow
/// @notice Holds a regulated stablecoin and runs the three flows on compute lots: purchase (delivery versus
/// payment), pledge (units locked in place as collateral for an advance) and redeem (units burned, refund at the
/// reference price from the provider's bond when delivery fails).
/// @dev Money owed to anyone is credited and pulled with `withdraw`, so a blacklisted or paused receiver can
/// never block another party. Every inbound transfer is measured by balance delta: bonds credit what arrived,
/// payments revert if short. Solvency: stablecoin balance >= Σ claimable + Σ bond.
contract ComputeEscrow is IComputeEscrow, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets per-lot loan-to-value.
    bytes32 public constant RISK_ROLE = keccak256("RISK_ROLE");

    uint16 private constant _MAX_BPS = 10_000;

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

    uint256 private _nextOfferId = 1;
    uint256 private _nextPledgeId = 1;
    uint256 private _nextRedemptionId = 1;

    mapping(uint256 offerId => Offer) private _offers;
    mapping(uint256 pledgeId => Pledge) private _pledges;
    mapping(uint256 redemptionId => Redemption) private _redemptions;
    mapping(address account => uint256) private _claimable;
    mapping(uint256 lotId => Bond) private _bonds;
    mapping(uint256 lotId => uint16) private _ltvBps;
    mapping(bytes32 poolId => mapping(uint64 epoch => uint64)) private _deliveryConsumed;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param admin Receives DEFAULT_ADMIN_ROLE and RISK_ROLE.
    /// @param token The compute-capacity token (this escrow needs its ESCROW_ROLE).
    /// @param stablecoin The settlement stablecoin.
    /// @param oracle The utilization oracle.
    /// @param deliveryGrace Seconds after a lot's window ends within which delivery must be confirmed.
    /// @param defaultLtvBps Default loan-to-value, in basis points.
    constructor(
        address admin,
        IComputeCapacityToken token,
        IERC20 stablecoin,
        IUtilizationOracle oracle,
        uint40 deliveryGrace,
        uint16 defaultLtvBps
    ) {
        if (
            admin == address(0) || address(token) == address(0) || address(stablecoin) == address(0)
                || address(oracle) == address(0)
        ) revert Escrow_ZeroAddress();
        if (defaultLtvBps > _MAX_BPS) revert Escrow_InvalidLoanToValue(defaultLtvBps);
        TOKEN = token;
        STABLECOIN = stablecoin;
        ORACLE = oracle;
        DELIVERY_GRACE = deliveryGrace;
        DEFAULT_LTV_BPS = defaultLtvBps;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(RISK_ROLE, admin);
    }

    /*//////////////////////////////////////////////////////////////
                                PURCHASE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function createOffer(uint256 lotId, uint256 units, uint256 pricePerUnit, uint40 expiresAt)
        external
        returns (uint256 offerId)
    {
        IComputeCapacityToken.Lot memory record = TOKEN.lot(lotId);
        if (units == 0 || units > type(uint64).max) revert Escrow_InvalidAmount(units);
        if (pricePerUnit == 0 || pricePerUnit > type(uint96).max) revert Escrow_InvalidAmount(pricePerUnit);
        if (expiresAt <= block.timestamp || expiresAt > record.endsAt) revert Escrow_InvalidTime(expiresAt);

        offerId = _nextOfferId++;
        _offers[offerId] = Offer({
            seller: msg.sender,
            expiresAt: expiresAt,
            cancelled: false,
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
            pricePerUnit: uint96(pricePerUnit),
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
            unitsRemaining: uint64(units),
            lotId: lotId
        });
        emit OfferCreated(offerId, msg.sender, lotId, units, pricePerUnit, expiresAt);
    }

    /// @inheritdoc IComputeEscrow
    function cancelOffer(uint256 offerId) external {
        Offer storage o = _offers[offerId];
        if (o.seller == address(0)) revert Escrow_UnknownOffer(offerId);
        if (o.seller != msg.sender) revert Escrow_Unauthorized(msg.sender);
        if (o.cancelled) revert Escrow_OfferClosed(offerId);
        o.cancelled = true;
        emit OfferCancelled(offerId);
    }

    /// @inheritdoc IComputeEscrow
    function purchase(uint256 offerId, uint256 units) external nonReentrant {
        _purchase(offerId, units);
    }

    /// @inheritdoc IComputeEscrow
    function purchaseWithPermit(uint256 offerId, uint256 units, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
    {
        Offer storage o = _offers[offerId];
        // An impossible `units` permits nothing; `_purchase` then reverts with the offer's own error.
        _permit(units <= o.unitsRemaining ? units * o.pricePerUnit : 0, deadline, v, r, s);
        _purchase(offerId, units);
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
        if (units == 0 || units > type(uint64).max) revert Escrow_InvalidAmount(units);
        if (principal == 0 || principal > type(uint128).max) revert Escrow_InvalidAmount(principal);
        if (fee > type(uint128).max) revert Escrow_InvalidAmount(fee);
        if (maturity <= block.timestamp || maturity > record.endsAt) revert Escrow_InvalidTime(maturity);
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
        if (p.holder != msg.sender) revert Escrow_Unauthorized(msg.sender);
        p.status = PledgeStatus.Cancelled;
        emit PledgeCancelled(pledgeId);
        TOKEN.unlock(msg.sender, p.lotId, p.units);
    }

    /// @inheritdoc IComputeEscrow
    function fundPledge(uint256 pledgeId) external nonReentrant {
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Requested);
        if (p.lender != address(0) && p.lender != msg.sender) revert Escrow_Unauthorized(msg.sender);
        if (block.timestamp >= p.maturity) revert Escrow_PledgeMatured(pledgeId, p.maturity);
        uint256 principal = p.principal;
        p.status = PledgeStatus.Active;
        p.lender = msg.sender;
        _claimable[p.holder] += principal;
        emit PledgeFunded(pledgeId, msg.sender, principal);
        _pullExact(msg.sender, principal);
    }

    /// @inheritdoc IComputeEscrow
    function repay(uint256 pledgeId) external nonReentrant {
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Active);
        if (block.timestamp >= p.maturity) revert Escrow_PledgeMatured(pledgeId, p.maturity);
        uint256 amount = uint256(p.principal) + p.fee;
        p.status = PledgeStatus.Repaid;
        _claimable[p.lender] += amount;
        emit PledgeRepaid(pledgeId, msg.sender, amount);
        _pullExact(msg.sender, amount);
        TOKEN.unlock(p.holder, p.lotId, p.units);
    }

    /// @inheritdoc IComputeEscrow
    function claimCollateral(uint256 pledgeId) external nonReentrant {
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Active);
        if (p.lender != msg.sender) revert Escrow_Unauthorized(msg.sender);
        if (block.timestamp < p.maturity) revert Escrow_PledgeNotMatured(pledgeId, p.maturity);
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
        if (record.provider != msg.sender) revert Escrow_Unauthorized(msg.sender);
        if (block.timestamp < record.endsAt) revert Escrow_BondLocked(lotId, record.endsAt);
        Bond storage bond = _bonds[lotId];
        uint256 free = bond.total - bond.reserved;
        if (amount == 0 || amount > free) revert Escrow_InsufficientBond(lotId, free, amount);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        bond.total -= uint128(amount);
        emit BondWithdrawn(lotId, msg.sender, amount);
        STABLECOIN.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IComputeEscrow
    function redeem(uint256 lotId, uint256 units) external nonReentrant returns (uint256 redemptionId) {
        IComputeCapacityToken.Lot memory record = TOKEN.lot(lotId);
        if (block.timestamp >= record.endsAt) revert Escrow_LotExpired(lotId, record.endsAt);
        if (units == 0 || units > type(uint64).max) revert Escrow_InvalidAmount(units);
        uint256 reserve = units * record.referencePrice;
        Bond storage bond = _bonds[lotId];
        uint256 free = bond.total - bond.reserved;
        if (reserve > free) revert Escrow_InsufficientBond(lotId, free, reserve);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        bond.reserved += uint128(reserve);

        uint40 deadline = record.endsAt + DELIVERY_GRACE;
        redemptionId = _nextRedemptionId++;
        _redemptions[redemptionId] = Redemption({
            holder: msg.sender,
            openedAt: uint40(block.timestamp),
            deadline: deadline,
            status: RedemptionStatus.Open,
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
            units: uint64(units),
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
            reserved: uint160(reserve),
            lotId: lotId
        });
        emit RedemptionOpened(redemptionId, msg.sender, lotId, units, reserve, deadline);
        TOKEN.redeemFrom(msg.sender, lotId, units);
    }

    /// @inheritdoc IComputeEscrow
    function confirmDelivery(uint256 redemptionId) external {
        Redemption storage r = _openRedemption(redemptionId);
        if (r.holder != msg.sender) revert Escrow_Unauthorized(msg.sender);
        _settleDelivery(redemptionId, r, TOKEN.lot(r.lotId).provider, false);
    }

    /// @inheritdoc IComputeEscrow
    function confirmDeliveryByOracle(uint256 redemptionId) external {
        Redemption storage r = _openRedemption(redemptionId);
        // Past the deadline the holder is owed a refund; a late attestation must not race it.
        if (block.timestamp > r.deadline) revert Escrow_DeliveryNotAttested(redemptionId);
        IComputeCapacityToken.Lot memory record = TOKEN.lot(r.lotId);
        IUtilizationOracle.Report memory report = _latestReport(record.poolId);
        if (report.observedAt < r.openedAt || report.uptimeBps < record.slaUptimeBps) {
            revert Escrow_DeliveryNotAttested(redemptionId);
        }
        uint64 consumed = _deliveryConsumed[record.poolId][report.epoch];
        if (report.deliveredGpuHours - consumed < r.units) revert Escrow_DeliveryNotAttested(redemptionId);
        _deliveryConsumed[record.poolId][report.epoch] = consumed + r.units;
        _settleDelivery(redemptionId, r, record.provider, true);
    }

    /// @inheritdoc IComputeEscrow
    function claimRefund(uint256 redemptionId) external {
        Redemption storage r = _openRedemption(redemptionId);
        bool slaBreached;
        if (block.timestamp <= r.deadline) {
            IComputeCapacityToken.Lot memory record = TOKEN.lot(r.lotId);
            IUtilizationOracle.Report memory report = _latestReport(record.poolId);
            slaBreached = report.observedAt >= r.openedAt && report.uptimeBps < record.slaUptimeBps;
            if (!slaBreached) revert Escrow_NoRefundDue(redemptionId);
        }
        uint256 amount = r.reserved;
        r.status = RedemptionStatus.Refunded;
        _releaseReserve(r.lotId, amount);
        _claimable[r.holder] += amount;
        emit RedemptionRefunded(redemptionId, r.holder, amount, slaBreached);
    }

    /*//////////////////////////////////////////////////////////////
                               WITHDRAWAL
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function withdraw(address to) external nonReentrant {
        if (to == address(0)) revert Escrow_ZeroAddress();
        uint256 amount = _claimable[msg.sender];
        if (amount == 0) revert Escrow_NothingToWithdraw(msg.sender);
        _claimable[msg.sender] = 0;
        emit Withdrawn(msg.sender, to, amount);
        STABLECOIN.safeTransfer(to, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                  ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function setLoanToValue(uint256 lotId, uint16 ltvBps) external onlyRole(RISK_ROLE) {
        if (ltvBps > _MAX_BPS) revert Escrow_InvalidLoanToValue(ltvBps);
        _ltvBps[lotId] = ltvBps;
        emit LoanToValueUpdated(lotId, ltvBps);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeEscrow
    function offer(uint256 offerId) external view returns (Offer memory) {
        return _offers[offerId];
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
    function maxPrincipal(uint256 lotId, uint256 units) external view returns (uint256) {
        return _maxPrincipal(lotId, TOKEN.lot(lotId).referencePrice, units);
    }

    /// @inheritdoc IComputeEscrow
    function loanToValue(uint256 lotId) public view returns (uint16) {
        uint16 ltv = _ltvBps[lotId];
        return ltv == 0 ? DEFAULT_LTV_BPS : ltv;
    }

    /// @inheritdoc IComputeEscrow
    function deliveryConsumed(bytes32 poolId, uint64 epoch) external view returns (uint64) {
        return _deliveryConsumed[poolId][epoch];
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _purchase(uint256 offerId, uint256 units) private {
        Offer storage o = _offers[offerId];
        address seller = o.seller;
        if (seller == address(0)) revert Escrow_UnknownOffer(offerId);
        if (o.cancelled || block.timestamp >= o.expiresAt) revert Escrow_OfferClosed(offerId);
        uint256 remaining = o.unitsRemaining;
        if (units == 0) revert Escrow_InvalidAmount(units);
        if (units > remaining) revert Escrow_InsufficientOfferUnits(offerId, remaining, units);

        uint256 cost = units * o.pricePerUnit;
        uint256 lotId = o.lotId;
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        o.unitsRemaining = uint64(remaining - units);
        _claimable[seller] += cost;
        emit Purchased(offerId, msg.sender, lotId, units, cost);

        _pullExact(msg.sender, cost);
        TOKEN.safeTransferFrom(seller, msg.sender, lotId, units, "");
    }

    function _postBond(uint256 lotId, uint256 amount) private {
        if (!TOKEN.exists(lotId)) revert IComputeCapacityToken.ComputeToken_UnknownLot(lotId);
        if (amount == 0) revert Escrow_InvalidAmount(amount);
        uint256 received = _pull(msg.sender, amount);
        uint256 total = _bonds[lotId].total + received;
        if (total > type(uint128).max) revert Escrow_InvalidAmount(amount);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        _bonds[lotId].total = uint128(total);
        emit BondPosted(lotId, msg.sender, received);
    }

    function _settleDelivery(uint256 redemptionId, Redemption storage r, address provider, bool byOracle) private {
        uint256 amount = r.reserved;
        r.status = RedemptionStatus.Delivered;
        _releaseReserve(r.lotId, amount);
        _claimable[provider] += amount;
        emit DeliveryConfirmed(redemptionId, msg.sender, byOracle);
    }

    /// @dev Takes `amount` out of a lot's bond (total and reserve): it now belongs to a provider or a holder.
    function _releaseReserve(uint256 lotId, uint256 amount) private {
        Bond storage bond = _bonds[lotId];
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        bond.total -= uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above or by construction
        bond.reserved -= uint128(amount);
    }

    /// @dev The pool's latest report, or an empty one (observedAt 0, attests nothing) when the pool has none, so
    /// callers revert with the escrow's own errors rather than the oracle's.
    function _latestReport(bytes32 poolId) private view returns (IUtilizationOracle.Report memory report) {
        try ORACLE.latest(poolId) returns (IUtilizationOracle.Report memory latest) {
            report = latest;
        } catch {}
    }

    function _pledgeIn(uint256 pledgeId, PledgeStatus expected) private view returns (Pledge storage p) {
        p = _pledges[pledgeId];
        if (p.status != expected) revert Escrow_WrongPledgeStatus(pledgeId, p.status);
    }

    function _openRedemption(uint256 redemptionId) private view returns (Redemption storage r) {
        r = _redemptions[redemptionId];
        if (r.status != RedemptionStatus.Open) revert Escrow_WrongRedemptionStatus(redemptionId, r.status);
    }

    function _maxPrincipal(uint256 lotId, uint256 referencePrice, uint256 units) private view returns (uint256) {
        return units * referencePrice * loanToValue(lotId) / _MAX_BPS;
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
