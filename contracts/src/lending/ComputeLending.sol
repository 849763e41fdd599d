// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IComputeCapacityToken} from "../interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../interfaces/IComputeLending.sol";
import {IComputeMarket} from "../interfaces/IComputeMarket.sol";
import {Bps} from "../libraries/Bps.sol";

/// @title ComputeLending
/// @notice Pledges: a holder locks units of a lot in its own wallet as collateral for a stablecoin advance; a lender
/// funds it; anyone repays principal plus fee until, after maturity, the lender takes the units or the collateral goes
/// into a Dutch auction whose proceeds repay the lender first and the holder with the rest.
/// @dev Holds no money: the principal and a repayment move straight from the payer into the escrow (the suite's single
/// custodian), which credits the holder or the lender through `creditLoan` (LENDING_ROLE) only out of what arrived.
/// Units are locked, unlocked and seized through the token's COLLATERAL_ROLE, so they never leave the holder's wallet
/// unless the lender takes them.
contract ComputeLending is IComputeLending, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets per-lot loan-to-value and the price index the cap may follow downward.
    bytes32 public constant RISK_ROLE = keccak256("RISK_ROLE");
    /// @notice The least time a borrower has to repay: a request cannot be funded later than this before maturity.
    uint40 public constant MIN_REPAY_WINDOW = 1 days;
    /// @notice The least time between a pledge's maturity and its lot's `endsAt`, so defaulted collateral can still
    /// be redeemed or sold by the lender.
    uint40 public constant MATURITY_MARGIN = 1 days;
    /// @notice After a lot's currency was last seen paused (`recordSettlementPause`), collateral of that currency's
    /// pledges stays unclaimable for this long, so the borrower can repay.
    uint40 public constant SETTLEMENT_CURE = 1 days;
    /// @notice After maturity, the lender alone may start a collateral auction for this long; then anyone may, with a
    /// floor that repays principal + fee.
    uint40 public constant AUCTION_GRACE = 3 days;
    /// @notice The shortest collateral auction the lender may run.
    uint40 public constant MIN_AUCTION_DURATION = 1 hours;
    /// @notice The shortest collateral auction anyone but the lender may start: long enough for bidders to compete.
    uint40 public constant THIRD_PARTY_AUCTION_DURATION = 1 days;
    /// @notice Anyone but the lender must start an auction at least this multiple of the lot's reference price (in
    /// basis points, 20 000 = 2×) and at most `THIRD_PARTY_MAX_START_BPS`, so it can neither sell at a fixed low
    /// price nor stall at one nobody pays (the floor may lift both bounds to what repays the debt).
    uint32 public constant THIRD_PARTY_MIN_START_BPS = 20_000;
    /// @notice The highest start price anyone but the lender may set, as a multiple of the reference price (4×).
    uint32 public constant THIRD_PARTY_MAX_START_BPS = 40_000;

    /// @notice The compute-capacity token (this module needs its COLLATERAL_ROLE).
    IComputeCapacityToken public immutable TOKEN;
    /// @notice The escrow that holds the money (this module needs its LENDING_ROLE).
    IComputeEscrow public immutable ESCROW;
    /// @notice Loan-to-value for lots without their own setting, in basis points.
    uint16 public immutable DEFAULT_LTV_BPS;

    /*//////////////////////////////////////////////////////////////
                                 STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @dev A lot's own loan-to-value; `set` distinguishes "0 = pledging off" from "no setting = default".
    struct LoanToValue {
        bool set;
        uint16 bps;
    }

    /// @dev Packed with `_priceIndex` in one slot: `requestPledge` reads the next id anyway, so the index costs it a
    /// warm read. 96 bits of pledge ids outlast any chain.
    uint96 private _nextPledgeId = 1;
    /// @dev The market whose price index may lower the loan-to-value cap (`setPriceIndex`); zero = off.
    IComputeMarket private _priceIndex;
    mapping(uint256 pledgeId => Pledge) private _pledges;
    mapping(uint256 lotId => LoanToValue) private _ltv;
    mapping(uint256 pledgeId => CollateralAuction) private _auctions;
    /// @dev Per currency, when it was last recorded paused; 0 if never.
    mapping(address currency => uint40) private _settlementPauseSeenAt;

    /*//////////////////////////////////////////////////////////////
                               CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed over in two steps after `adminDelay`) and RISK_ROLE.
    /// @param adminDelay Seconds a default-admin hand-over must wait (OpenZeppelin's AccessControlDefaultAdminRules).
    /// @param escrow The escrow (this module needs its LENDING_ROLE); the token and stablecoin are the escrow's.
    /// @param defaultLtvBps Default loan-to-value, in basis points.
    constructor(address admin, uint48 adminDelay, IComputeEscrow escrow, uint16 defaultLtvBps)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        if (address(escrow) == address(0)) revert Lending_ZeroEscrow();
        if (defaultLtvBps > Bps.MAX) revert Lending_InvalidLoanToValue(defaultLtvBps);
        ESCROW = escrow;
        TOKEN = escrow.TOKEN();
        DEFAULT_LTV_BPS = defaultLtvBps;
        _grantRole(RISK_ROLE, admin);
    }

    /*//////////////////////////////////////////////////////////////
                                 PLEDGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeLending
    function requestPledge(
        uint256 lotId,
        uint256 units,
        address lender,
        uint256 principal,
        uint256 fee,
        uint40 maturity
    ) external nonReentrant returns (uint256 pledgeId) {
        IComputeCapacityToken.Lot memory record = TOKEN.lot(lotId);
        if (block.timestamp >= record.endsAt) revert Lending_LotExpired(lotId, record.endsAt);
        if (units == 0) revert Lending_ZeroUnits();
        if (units > type(uint64).max) revert Lending_UnitsOverflow(units, type(uint64).max);
        if (principal == 0) revert Lending_ZeroPrincipal();
        if (principal > type(uint128).max) revert Lending_PrincipalOverflow(principal, type(uint128).max);
        // Principal + fee (what a repayment or an auction's proceeds owe the lender) fits 128 bits.
        if (fee > type(uint128).max - principal) revert Lending_FeeOverflow(fee, type(uint128).max - principal);
        uint256 earliest = block.timestamp + MIN_REPAY_WINDOW;
        if (maturity < earliest) revert Lending_MaturityTooSoon(maturity, earliest);
        uint256 latest = uint256(record.endsAt) - MATURITY_MARGIN;
        if (maturity > latest) revert Lending_MaturityTooLate(maturity, latest);
        if (loanToValue(lotId) == 0) revert Lending_PledgingDisabled(lotId);
        uint256 cap = _maxPrincipal(lotId, record, units);
        if (principal > cap) revert Lending_LoanToValueExceeded(principal, cap);

        pledgeId = _nextPledgeId++;
        _pledges[pledgeId] = Pledge({
            holder: msg.sender,
            maturity: maturity,
            status: PledgeStatus.Requested,
            lender: lender,
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
            units: uint64(units),
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
            principal: uint128(principal),
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
            fee: uint128(fee),
            lotId: lotId
        });
        emit PledgeRequested(pledgeId, msg.sender, lotId, units, lender, principal, fee, maturity);
        TOKEN.lock(msg.sender, lotId, units);
    }

    /// @inheritdoc IComputeLending
    function cancelPledge(uint256 pledgeId) external nonReentrant {
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Requested);
        if (p.holder != msg.sender) revert Lending_NotPledgeHolder(pledgeId, msg.sender);
        p.status = PledgeStatus.Cancelled;
        emit PledgeCancelled(pledgeId);
        TOKEN.unlock(msg.sender, p.lotId, p.units);
    }

    /// @inheritdoc IComputeLending
    function fundPledge(uint256 pledgeId) external nonReentrant {
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Requested);
        if (p.lender != address(0) && p.lender != msg.sender) {
            revert Lending_NotDesignatedLender(pledgeId, msg.sender);
        }
        // A self-funded pledge moves no value and would let a holder liquidate its own units (L-4).
        if (p.holder == msg.sender) revert Lending_SelfFunding(pledgeId);
        uint256 fundBy = p.maturity - MIN_REPAY_WINDOW;
        if (block.timestamp > fundBy) revert Lending_PledgeRequestExpired(pledgeId, fundBy);
        // On default the units move from the holder to this lender: both must pass a transfer's checks now.
        IComputeCapacityToken.TransferStatus status = TOKEN.canTransfer(p.holder, msg.sender, p.lotId, 0);
        if (status != IComputeCapacityToken.TransferStatus.Ok) revert Lending_PledgeNotTransferable(pledgeId, status);
        uint256 principal = p.principal;
        address holder = p.holder;
        p.status = PledgeStatus.Active;
        p.lender = msg.sender;
        emit PledgeFunded(pledgeId, msg.sender, principal);
        _payInto(msg.sender, holder, p.lotId, principal);
    }

    /// @inheritdoc IComputeLending
    function repay(uint256 pledgeId) external nonReentrant {
        // Open until the lender takes the collateral, maturity or not: a lender that cannot receive the units
        // (frozen, de-allowlisted) cannot leave the pledge stuck.
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Active);
        uint256 amount = uint256(p.principal) + p.fee;
        p.status = PledgeStatus.Repaid;
        emit PledgeRepaid(pledgeId, msg.sender, amount);
        _payInto(msg.sender, p.lender, p.lotId, amount);
        TOKEN.unlock(p.holder, p.lotId, p.units);
    }

    /// @inheritdoc IComputeLending
    function claimCollateral(uint256 pledgeId) external nonReentrant {
        Pledge storage p = _pledges[pledgeId];
        // An auction that has sold nothing can be abandoned for the units (L-2): a stalled or griefing auction never
        // costs the lender its recovery.
        if (p.status == PledgeStatus.Auctioning) {
            if (_auctions[pledgeId].unitsLeft != p.units) revert Lending_AuctionHasSales(pledgeId);
        } else if (p.status != PledgeStatus.Active) {
            revert Lending_WrongPledgeStatus(pledgeId, p.status);
        }
        if (p.lender != msg.sender) revert Lending_NotPledgeLender(pledgeId, msg.sender);
        _requireDefault(pledgeId, p.maturity, p.lotId);
        p.status = PledgeStatus.Claimed;
        emit CollateralClaimed(pledgeId, msg.sender, p.units);
        TOKEN.seize(p.holder, msg.sender, p.lotId, p.units);
    }

    /*//////////////////////////////////////////////////////////////
                           COLLATERAL AUCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeLending
    function startCollateralAuction(uint256 pledgeId, uint256 startPrice, uint256 floorPrice, uint40 duration)
        external
        nonReentrant
    {
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Active);
        _requireDefault(pledgeId, p.maturity, p.lotId);
        if (_tokenPaused()) revert Lending_TokenPaused();
        // The starter and the holder pass the token's compliance: a frozen account cannot turn units into money (L-4).
        IComputeCapacityToken.TransferStatus status = TOKEN.receiverStatus(msg.sender);
        if (status != IComputeCapacityToken.TransferStatus.Ok) revert Lending_CallerNotCompliant(msg.sender, status);
        _requireHolderCompliant(pledgeId, p.holder);
        if (floorPrice == 0 || floorPrice > startPrice) revert Lending_InvalidAuctionPrices(startPrice, floorPrice);
        if (startPrice > type(uint96).max) revert Lending_AuctionPriceOverflow(startPrice, type(uint96).max);
        IComputeCapacityToken.Lot memory record = TOKEN.lot(p.lotId);
        uint256 shortest = MIN_AUCTION_DURATION;
        if (msg.sender != p.lender) {
            _requireThirdPartyTerms(pledgeId, p, record.referencePrice, startPrice, floorPrice);
            shortest = THIRD_PARTY_AUCTION_DURATION;
        }
        uint256 endsAt = block.timestamp + duration;
        uint256 earliest = block.timestamp + shortest;
        // Unsold units settle to the lender with a day of the lot left to redeem or sell them (S-6, L-2).
        uint256 latest = uint256(record.endsAt) - MATURITY_MARGIN;
        if (endsAt < earliest || endsAt > latest) revert Lending_InvalidAuctionEnd(endsAt, earliest, latest);

        p.status = PledgeStatus.Auctioning;
        _auctions[pledgeId] = CollateralAuction({
            // forge-lint: disable-next-line(unsafe-typecast) -- bounded by the check above
            startPrice: uint96(startPrice),
            // forge-lint: disable-next-line(unsafe-typecast) -- at most startPrice
            floorPrice: uint96(floorPrice),
            startsAt: uint40(block.timestamp),
            // forge-lint: disable-next-line(unsafe-typecast) -- at most the lot's uint40 endsAt
            endsAt: uint40(endsAt),
            unitsLeft: p.units,
            paidToLender: 0
        });
        CollateralAuction storage a = _auctions[pledgeId];
        emit CollateralAuctionStarted(pledgeId, msg.sender, startPrice, floorPrice, a.startsAt, a.endsAt);
    }

    /// @inheritdoc IComputeLending
    function buyCollateral(uint256 pledgeId, uint256 units, uint256 maxPricePerUnit) external nonReentrant {
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Auctioning);
        uint256 lotId = p.lotId;
        address currency = ESCROW.currencyOf(lotId);
        // While the lot's currency is paused, or within the cure after it, nobody could bid: nobody buys (L-5).
        _requireSettlementOpen(currency);
        _requireHolderCompliant(pledgeId, p.holder);
        (uint256 cost, uint256 toLender) = _recordSale(pledgeId, p, units, maxPricePerUnit);
        address holder = p.holder;
        _pullInto(msg.sender, currency, cost);
        if (toLender != 0) ESCROW.creditLoan(p.lender, lotId, toLender);
        if (cost != toLender) ESCROW.creditLoan(holder, lotId, cost - toLender);
        TOKEN.seize(holder, msg.sender, lotId, units);
    }

    /// @inheritdoc IComputeLending
    function settleCollateralAuction(uint256 pledgeId) external nonReentrant {
        Pledge storage p = _pledgeIn(pledgeId, PledgeStatus.Auctioning);
        CollateralAuction storage a = _auctions[pledgeId];
        if (block.timestamp < a.endsAt) revert Lending_AuctionNotEnded(pledgeId, a.endsAt);
        uint256 units = a.unitsLeft;
        a.unitsLeft = 0;
        p.status = PledgeStatus.Liquidated;
        address lender = p.lender;
        // A lender that cannot receive the units now (frozen, de-listed) waits: they stay locked for it until the lot
        // can no longer be redeemed; only then, worthless, are they unlocked for the holder, so the pledge can always
        // close without handing a defaulted borrower its collateral back (L-3).
        IComputeCapacityToken.TransferStatus status = TOKEN.receiverStatus(lender);
        bool toLender = status == IComputeCapacityToken.TransferStatus.Ok;
        if (!toLender) {
            uint40 until = TOKEN.redeemableUntil(p.lotId);
            if (block.timestamp < until) revert Lending_LenderCannotReceive(pledgeId, status, until);
        }
        emit CollateralAuctionSettled(pledgeId, units, toLender);
        if (toLender) TOKEN.seize(p.holder, lender, p.lotId, units);
        else TOKEN.unlock(p.holder, p.lotId, units);
    }

    /*//////////////////////////////////////////////////////////////
                                  ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IComputeLending
    function setLoanToValue(uint256 lotId, uint16 ltvBps) external onlyRole(RISK_ROLE) {
        if (ltvBps > Bps.MAX) revert Lending_InvalidLoanToValue(ltvBps);
        _ltv[lotId] = LoanToValue({set: true, bps: ltvBps});
        emit LoanToValueUpdated(lotId, ltvBps);
    }

    /// @inheritdoc IComputeLending
    function resetLoanToValue(uint256 lotId) external onlyRole(RISK_ROLE) {
        delete _ltv[lotId];
        emit LoanToValueReset(lotId);
    }

    /// @inheritdoc IComputeLending
    function setPriceIndex(IComputeMarket index) external onlyRole(RISK_ROLE) {
        // An address without code would answer every call with success and no data: refuse it here rather than
        // have every request revert later.
        if (address(index) != address(0) && address(index).code.length == 0) {
            revert Lending_InvalidPriceIndex(address(index));
        }
        _priceIndex = index;
        emit PriceIndexSet(address(index));
    }

    /// @inheritdoc IComputeLending
    function recordSettlementPause(address currency) external {
        if (!_settlementPaused(currency)) revert Lending_SettlementNotPaused(currency);
        _settlementPauseSeenAt[currency] = uint40(block.timestamp);
        emit SettlementPauseRecorded(currency, block.timestamp);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice ERC-165: also declares `IComputeLending`.
    /// @param interfaceId The interface id.
    /// @return Whether it is supported.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IComputeLending).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IComputeLending
    function pledge(uint256 pledgeId) external view returns (Pledge memory) {
        return _pledges[pledgeId];
    }

    /// @inheritdoc IComputeLending
    function auctionOf(uint256 pledgeId) external view returns (CollateralAuction memory) {
        return _auctions[pledgeId];
    }

    /// @inheritdoc IComputeLending
    function auctionPriceAt(uint256 pledgeId, uint256 timestamp) external view returns (uint256) {
        return _auctionPrice(_auctions[pledgeId], timestamp);
    }

    /// @inheritdoc IComputeLending
    function settlementPauseSeenAt(address currency) external view returns (uint40) {
        return _settlementPauseSeenAt[currency];
    }

    /// @inheritdoc IComputeLending
    function maxPrincipal(uint256 lotId, uint256 units) external view returns (uint256) {
        return _maxPrincipal(lotId, TOKEN.lot(lotId), units);
    }

    /// @inheritdoc IComputeLending
    function priceIndex() external view returns (IComputeMarket) {
        return _priceIndex;
    }

    /// @inheritdoc IComputeLending
    function loanToValue(uint256 lotId) public view returns (uint16) {
        LoanToValue memory ltv = _ltv[lotId];
        return ltv.set ? ltv.bps : DEFAULT_LTV_BPS;
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Moves `amount` of the lot's currency from `payer` into the escrow and has the escrow credit it to
    /// `account`.
    function _payInto(address payer, address account, uint256 lotId, uint256 amount) private {
        _pullInto(payer, ESCROW.currencyOf(lotId), amount);
        ESCROW.creditLoan(account, lotId, amount);
    }

    /// @dev Moves `amount` of `currency` from `payer` into the escrow; reverts unless all of it arrived
    /// (fee-on-transfer tokens deliver less), before the escrow is asked to credit any of it.
    function _pullInto(address payer, address currency, uint256 amount) private {
        IERC20 coin = IERC20(currency);
        uint256 before = coin.balanceOf(address(ESCROW));
        coin.safeTransferFrom(payer, address(ESCROW), amount);
        uint256 received = coin.balanceOf(address(ESCROW)) - before;
        if (received < amount) revert Lending_PaymentShortfall(amount, received);
    }

    /// @dev Checks a purchase of `units` of a pledge's collateral auction and records it: the units leave the auction,
    /// the lender's share of the cost (up to what principal + fee still owe) is added to what it was paid, the pledge
    /// is Liquidated when the last unit sells. Returns the cost and the lender's share (the rest is the holder's).
    function _recordSale(uint256 pledgeId, Pledge storage p, uint256 units, uint256 maxPricePerUnit)
        private
        returns (uint256 cost, uint256 toLender)
    {
        CollateralAuction storage a = _auctions[pledgeId];
        // Not in the block that started it: whoever starts an auction cannot also take it at its start price (L-1).
        if (block.timestamp <= a.startsAt) revert Lending_AuctionNotStarted(pledgeId, a.startsAt);
        if (block.timestamp >= a.endsAt) revert Lending_AuctionEnded(pledgeId, a.endsAt);
        uint256 left = a.unitsLeft;
        if (units == 0) revert Lending_ZeroUnits();
        if (units > left) revert Lending_InsufficientAuctionUnits(pledgeId, left, units);
        uint256 price = _auctionPrice(a, block.timestamp);
        if (price > maxPricePerUnit) revert Lending_PriceAboveLimit(pledgeId, price, maxPricePerUnit);

        cost = units * price;
        uint256 paid = a.paidToLender;
        uint256 owed = uint256(p.principal) + p.fee - paid;
        toLender = cost < owed ? cost : owed;
        // forge-lint: disable-next-line(unsafe-typecast) -- at most the pledge's units
        a.unitsLeft = uint64(left - units);
        // forge-lint: disable-next-line(unsafe-typecast) -- at most principal + fee, which requestPledge bounds to 128 bits
        a.paidToLender = uint128(paid + toLender);
        if (left == units) p.status = PledgeStatus.Liquidated;
        emit CollateralSold(pledgeId, msg.sender, units, price, toLender, cost - toLender);
    }

    /// @dev Reverts unless the pledge has defaulted in a way the lender may act on: matured, the borrower able to
    /// repay until then (the lot's currency not paused, not within `SETTLEMENT_CURE` of its last recorded pause), and
    /// the escrow solvent in that currency — a repayment is credited only out of the escrow's surplus, so a shortfall
    /// the borrower did not cause could have refused it (L-6).
    function _requireDefault(uint256 pledgeId, uint40 maturity, uint256 lotId) private view {
        if (block.timestamp < maturity) revert Lending_PledgeNotMatured(pledgeId, maturity);
        address currency = ESCROW.currencyOf(lotId);
        _requireSettlementOpen(currency);
        (uint256 balance, uint256 obligations) = ESCROW.solvency(currency);
        if (balance < obligations) revert Lending_EscrowShortfall(balance, obligations);
    }

    /// @dev Reverts while `currency` is paused or within `SETTLEMENT_CURE` of its last recorded pause.
    function _requireSettlementOpen(address currency) private view {
        if (_settlementPaused(currency)) revert Lending_SettlementPaused(currency);
        uint256 seenAt = _settlementPauseSeenAt[currency];
        uint256 cureEnd = seenAt == 0 ? 0 : seenAt + SETTLEMENT_CURE;
        if (block.timestamp < cureEnd) revert Lending_SettlementCure(cureEnd);
    }

    /// @dev Reverts unless the holder passes the token's compliance (allowlisted, not frozen): a frozen holder's
    /// collateral is not sold for money it would be credited (L-4); the lender can still claim it.
    function _requireHolderCompliant(uint256 pledgeId, address holder) private view {
        IComputeCapacityToken.TransferStatus status = TOKEN.receiverStatus(holder);
        if (status != IComputeCapacityToken.TransferStatus.Ok) revert Lending_HolderNotCompliant(pledgeId, status);
    }

    /// @dev The rules for an auction started by anyone but the lender (L-1, L-2): a floor that repays principal + fee,
    /// and a start price of at least `THIRD_PARTY_MIN_START_BPS` of the reference price (or the floor, if higher) and
    /// at most `THIRD_PARTY_MAX_START_BPS` of it (or the debt per unit, rounded up, if higher). A floor above that cap
    /// leaves no start price: refused.
    function _requireThirdPartyTerms(
        uint256 pledgeId,
        Pledge storage p,
        uint256 referencePrice,
        uint256 startPrice,
        uint256 floorPrice
    ) private view {
        uint256 openToAllAt = uint256(p.maturity) + AUCTION_GRACE;
        if (block.timestamp < openToAllAt) revert Lending_AuctionNotOpenToCaller(pledgeId, msg.sender, openToAllAt);
        uint256 debt = uint256(p.principal) + p.fee;
        uint256 floorValue = floorPrice * p.units;
        if (floorValue < debt) revert Lending_FloorBelowDebt(floorValue, debt);
        uint256 lowest = referencePrice * THIRD_PARTY_MIN_START_BPS / Bps.MAX;
        uint256 highest = referencePrice * THIRD_PARTY_MAX_START_BPS / Bps.MAX;
        // Only the debt may lift the cap (a floor that repays it can exceed 4x the reference price); the caller's own
        // floor may not, or start = floor = 2^96 - 1 would stall the collateral at a price nobody pays.
        uint256 debtPerUnit = (debt + p.units - 1) / p.units;
        if (highest < debtPerUnit) highest = debtPerUnit;
        if (lowest < floorPrice) lowest = floorPrice;
        if (startPrice < lowest || startPrice > highest) {
            revert Lending_ThirdPartyStartPrice(startPrice, lowest, highest);
        }
    }

    /// @dev Whether the token is paused (nothing can be seized then).
    function _tokenPaused() private view returns (bool) {
        (bool ok, bytes memory data) = address(TOKEN).staticcall(abi.encodeWithSignature("paused()"));
        return ok && data.length >= 32 && abi.decode(data, (uint256)) != 0;
    }

    /// @dev An auction's price per unit at `at`: linear from its start price to its floor, rounded up (in the
    /// holder's favour), clamped to its window; 0 for a pledge without an auction.
    function _auctionPrice(CollateralAuction storage a, uint256 at) private view returns (uint256) {
        uint256 startPrice = a.startPrice;
        uint256 floorPrice = a.floorPrice;
        uint256 startsAt = a.startsAt;
        if (startPrice == floorPrice || at <= startsAt) return startPrice;
        uint256 endsAt = a.endsAt;
        if (at >= endsAt) return floorPrice;
        return startPrice - (startPrice - floorPrice) * (at - startsAt) / (endsAt - startsAt);
    }

    /// @dev Whether `currency` reports itself paused; a token without `paused()` never is.
    function _settlementPaused(address currency) private view returns (bool) {
        (bool ok, bytes memory data) = currency.staticcall(abi.encodeWithSignature("paused()"));
        return ok && data.length >= 32 && abi.decode(data, (uint256)) != 0;
    }

    /// @dev The pledge, required to be in status `expected` (an unknown id has status `None`).
    function _pledgeIn(uint256 pledgeId, PledgeStatus expected) private view returns (Pledge storage p) {
        p = _pledges[pledgeId];
        if (p.status != expected) revert Lending_WrongPledgeStatus(pledgeId, p.status);
    }

    /// @dev The most a pledge of `units` of the lot may borrow: `units × capPrice × LTV / 10 000`, where `capPrice`
    /// is the reference price, or the index's average when an index is set and traded the lot's key below it.
    function _maxPrincipal(uint256 lotId, IComputeCapacityToken.Lot memory record, uint256 units)
        private
        view
        returns (uint256)
    {
        uint256 ltv = loanToValue(lotId);
        // Pledging off: no need to ask the index (whose failure must not hide Lending_PledgingDisabled).
        if (ltv == 0) return 0;
        return units * _capPrice(lotId, record) * ltv / Bps.MAX;
    }

    /// @dev `min(referencePrice, average)` of the lot's (GPU model, region, currency) in the price index; the
    /// reference price when no index is set or the key never traded. The min() is the safety argument: whatever the
    /// index answers (a rogue contract, wash trades), the cap never rises above the reference-price cap. An index that
    /// reverts or answers malformed data refuses the call (`Lending_PriceIndexUnavailable`) instead of falling back
    /// to the reference price, which would fail open exactly when the market may be falling.
    function _capPrice(uint256 lotId, IComputeCapacityToken.Lot memory record) private view returns (uint256 price) {
        price = record.referencePrice;
        IComputeMarket index = _priceIndex;
        if (address(index) == address(0)) return price;
        bytes memory data =
            abi.encodeCall(IComputeMarket.priceOf, (record.gpuModel, record.region, ESCROW.currencyOf(lotId)));
        bool ok;
        uint256 lastTradeAt;
        uint256 average;
        // Copies at most the three words expected (a huge answer cannot cost this call its gas) and checks the
        // size, which a high-level call would leave to an opaque decoding revert.
        assembly ("memory-safe") {
            let out := mload(0x40)
            ok := staticcall(gas(), index, add(data, 0x20), mload(data), out, 0x60)
            if lt(returndatasize(), 0x60) { ok := 0 }
            lastTradeAt := mload(add(out, 0x20))
            average := mload(add(out, 0x40))
        }
        if (!ok || lastTradeAt > type(uint40).max) revert Lending_PriceIndexUnavailable(address(index));
        if (lastTradeAt != 0 && average < price) price = average;
    }
}
