// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IComputeCapacityToken} from "./IComputeCapacityToken.sol";

/// @title IComputeEscrow
/// @notice Stablecoin escrow for compute lots, the suite's single custodian of stablecoin: sale payments credited
/// for the market (`IComputeMarket`), pledges (collateralised stablecoin advances) and redemptions backed by the
/// provider's bond.
interface IComputeEscrow {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice Lifecycle of a pledge. Moves only forward: Requested → Active → Repaid | Claimed, or Requested → Cancelled.
    /// An Active pledge can always be closed: anyone may repay it until the lender takes the collateral.
    enum PledgeStatus {
        /// @notice No such pledge.
        None,
        /// @notice Requested by the holder, units locked, waiting for the lender.
        Requested,
        /// @notice Funded: the holder received the principal.
        Active,
        /// @notice Repaid before it was claimed; units unlocked.
        Repaid,
        /// @notice Not repaid by maturity; the lender took the units.
        Claimed,
        /// @notice Cancelled before funding; units unlocked.
        Cancelled
    }

    /// @notice Units locked in the holder's wallet as collateral for a stablecoin advance.
    struct Pledge {
        address holder;
        uint40 maturity;
        PledgeStatus status;
        address lender;
        uint64 units;
        uint128 principal;
        uint128 fee;
        uint256 lotId;
    }

    /// @notice Lifecycle of a redemption. Moves only forward: Open → Delivered | Refunded.
    enum RedemptionStatus {
        /// @notice No such redemption.
        None,
        /// @notice Units burned, delivery pending.
        Open,
        /// @notice Delivery confirmed (by the holder or the oracle); the provider was paid from the reserve.
        Delivered,
        /// @notice Refunded to the holder from the provider's bond (deadline missed or SLA breached).
        Refunded
    }

    /// @notice A redemption: burned units awaiting delivery, with the bond amount reserved for a refund.
    struct Redemption {
        address holder;
        uint40 openedAt;
        uint40 deadline;
        RedemptionStatus status;
        uint64 units;
        uint128 reserved;
        uint64 deliveredBy;
        uint256 lotId;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when a holder locks units and asks for an advance.
    event PledgeRequested(
        uint256 indexed pledgeId,
        address indexed holder,
        uint256 indexed lotId,
        uint256 units,
        address lender,
        uint256 principal,
        uint256 fee,
        uint40 maturity
    );
    /// @notice Emitted when a holder withdraws an unfunded pledge request.
    event PledgeCancelled(uint256 indexed pledgeId);
    /// @notice Emitted when a lender funds a pledge; the principal is credited to the holder.
    event PledgeFunded(uint256 indexed pledgeId, address indexed lender, uint256 principal);
    /// @notice Emitted when a pledge is repaid and its units released.
    event PledgeRepaid(uint256 indexed pledgeId, address indexed payer, uint256 amount);
    /// @notice Emitted when a lender takes the collateral of a matured, unpaid pledge.
    event CollateralClaimed(uint256 indexed pledgeId, address indexed lender, uint256 units);
    /// @notice Emitted when stablecoin is posted as a lot's delivery bond.
    event BondPosted(uint256 indexed lotId, address indexed from, uint256 amount);
    /// @notice Emitted when a provider takes back unreserved bond after the lot's window.
    event BondWithdrawn(uint256 indexed lotId, address indexed provider, uint256 amount);
    /// @notice Emitted when units are burned and a redemption opens.
    event RedemptionOpened(
        uint256 indexed redemptionId,
        address indexed holder,
        uint256 indexed lotId,
        uint256 units,
        uint256 reserved,
        uint40 deadline
    );
    /// @notice Emitted when delivery is confirmed; the reserved bond (`amount`) is credited to the provider.
    event DeliveryConfirmed(
        uint256 indexed redemptionId,
        uint256 indexed lotId,
        address indexed provider,
        address confirmedBy,
        uint256 units,
        uint256 amount,
        bool byOracle
    );
    /// @notice Emitted when a redemption is refunded from the bond; the holder is credited `amount`.
    event RedemptionRefunded(
        uint256 indexed redemptionId,
        address indexed holder,
        uint256 indexed lotId,
        uint256 units,
        uint256 amount,
        bool slaBreached
    );
    /// @notice Emitted when the market credits a seller with a sale's payment, which arrived in the escrow first.
    event SaleCredited(address indexed market, address indexed seller, uint256 amount);
    /// @notice Emitted when an account withdraws its credited stablecoin.
    event Withdrawn(address indexed account, address indexed to, uint256 amount);
    /// @notice Emitted when a lot's loan-to-value is set (0 switches pledging off for the lot).
    event LoanToValueUpdated(uint256 indexed lotId, uint16 ltvBps);
    /// @notice Emitted when a lot's own loan-to-value is removed; it follows `DEFAULT_LTV_BPS` again.
    event LoanToValueReset(uint256 indexed lotId);
    /// @notice Emitted when someone records that the stablecoin is paused (starts the settlement cure).
    event SettlementPauseRecorded(uint256 at);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when a unit count is zero (pledge, redemption).
    error Escrow_ZeroUnits();
    /// @notice Thrown when a unit count does not fit the record's 64-bit field.
    /// @param units The units given.
    /// @param max The largest unit count accepted.
    error Escrow_UnitsOverflow(uint256 units, uint256 max);
    /// @notice Thrown when a pledge's principal is zero.
    error Escrow_ZeroPrincipal();
    /// @notice Thrown when a pledge's principal does not fit the pledge's 128-bit field.
    /// @param principal The principal given.
    /// @param max The largest principal accepted.
    error Escrow_PrincipalOverflow(uint256 principal, uint256 max);
    /// @notice Thrown when a pledge's fee does not fit the pledge's 128-bit field.
    /// @param fee The fee given.
    /// @param max The largest fee accepted.
    error Escrow_FeeOverflow(uint256 fee, uint256 max);
    /// @notice Thrown when posting or withdrawing a bond amount of zero.
    error Escrow_ZeroBondAmount();
    /// @notice Thrown when a credit would take the running total of credits above 128 bits.
    /// @param totalCredits The total the credit would reach.
    /// @param max The largest total accepted.
    error Escrow_CreditsOverflow(uint256 totalCredits, uint256 max);
    /// @notice Thrown when a bond would take the running total of bonds above 128 bits.
    /// @param totalBonds The total the bond would reach.
    /// @param max The largest total accepted.
    error Escrow_BondsOverflow(uint256 totalBonds, uint256 max);
    /// @notice Thrown when the escrow is deployed with the zero address as its token.
    error Escrow_ZeroToken();
    /// @notice Thrown when the escrow is deployed with the zero address as its stablecoin.
    error Escrow_ZeroStablecoin();
    /// @notice Thrown when the escrow is deployed with the zero address as its oracle.
    error Escrow_ZeroOracle();
    /// @notice Thrown when withdrawing to the zero address.
    error Escrow_ZeroRecipient();
    /// @notice Thrown when pledging units of a lot whose window has ended.
    /// @param lotId The lot.
    /// @param endsAt The end of its window.
    error Escrow_LotExpired(uint256 lotId, uint40 endsAt);
    /// @notice Thrown when fewer stablecoin arrived than the flow needs (fee-on-transfer tokens).
    /// @param expected The amount pulled.
    /// @param received The amount that arrived.
    error Escrow_PaymentShortfall(uint256 expected, uint256 received);
    /// @notice Thrown when anyone but a pledge's holder cancels its request.
    /// @param pledgeId The pledge.
    /// @param caller The caller.
    error Escrow_NotPledgeHolder(uint256 pledgeId, address caller);
    /// @notice Thrown when anyone but a request's designated lender funds it.
    /// @param pledgeId The pledge.
    /// @param caller The caller.
    error Escrow_NotDesignatedLender(uint256 pledgeId, address caller);
    /// @notice Thrown when anyone but a funded pledge's lender claims its collateral.
    /// @param pledgeId The pledge.
    /// @param caller The caller.
    error Escrow_NotPledgeLender(uint256 pledgeId, address caller);
    /// @notice Thrown when anyone but a lot's provider withdraws its bond.
    /// @param lotId The lot.
    /// @param caller The caller.
    error Escrow_NotLotProvider(uint256 lotId, address caller);
    /// @notice Thrown when anyone but a redemption's holder confirms its delivery.
    /// @param redemptionId The redemption.
    /// @param caller The caller.
    error Escrow_NotRedemptionHolder(uint256 redemptionId, address caller);
    /// @notice Thrown when a principal exceeds the lot's loan-to-value.
    /// @param principal The principal asked for.
    /// @param maxPrincipal The most the units allow (`units × referencePrice × LTV`).
    error Escrow_LoanToValueExceeded(uint256 principal, uint256 maxPrincipal);
    /// @notice Thrown when a pledge is not in the status the call requires.
    /// @param pledgeId The pledge.
    /// @param status Its current status (`None` for an unknown id).
    error Escrow_WrongPledgeStatus(uint256 pledgeId, PledgeStatus status);
    /// @notice Thrown when claiming collateral before maturity.
    /// @param pledgeId The pledge.
    /// @param maturity Its maturity.
    error Escrow_PledgeNotMatured(uint256 pledgeId, uint40 maturity);
    /// @notice Thrown when a lot's unreserved bond cannot cover a redemption or a withdrawal.
    /// @param lotId The lot.
    /// @param available Its unreserved bond.
    /// @param needed The amount the call needs.
    error Escrow_InsufficientBond(uint256 lotId, uint256 available, uint256 needed);
    /// @notice Thrown when withdrawing bond before the lot's `redeemableUntil` (its window, plus any pause cure).
    /// @param lotId The lot.
    /// @param unlocksAt When the bond unlocks.
    error Escrow_BondLocked(uint256 lotId, uint40 unlocksAt);
    /// @notice Thrown when a redemption is not open.
    /// @param redemptionId The redemption.
    /// @param status Its current status (`None` for an unknown id).
    error Escrow_WrongRedemptionStatus(uint256 redemptionId, RedemptionStatus status);
    /// @notice Thrown when confirming delivery by oracle after the redemption's deadline (a refund is due).
    /// @param redemptionId The redemption.
    /// @param deadline Its deadline.
    error Escrow_DeliveryDeadlinePassed(uint256 redemptionId, uint40 deadline);
    /// @notice Thrown when confirming delivery by oracle while the pool has no report observed at or after the
    /// redemption opened (or no report at all: `observedAt` 0).
    /// @param redemptionId The redemption.
    /// @param observedAt When the pool's latest report was observed.
    /// @param openedAt When the redemption opened.
    error Escrow_NoReportSinceRedemption(uint256 redemptionId, uint64 observedAt, uint40 openedAt);
    /// @notice Thrown when confirming delivery by oracle while the pool's attested uptime is below the lot's SLA.
    /// @param redemptionId The redemption.
    /// @param uptimeBps The attested uptime.
    /// @param slaUptimeBps The lot's SLA uptime.
    error Escrow_UptimeBelowSla(uint256 redemptionId, uint16 uptimeBps, uint16 slaUptimeBps);
    /// @notice Thrown when the pool's attested cumulative delivered GPU-hours have not yet reached the redemption's
    /// place in the pool's delivery queue (`deliveredBy`).
    /// @param redemptionId The redemption.
    /// @param delivered The pool's attested cumulative delivered GPU-hours.
    /// @param deliveredBy The cumulative count at which the redemption is served.
    error Escrow_InsufficientDeliveredHours(uint256 redemptionId, uint64 delivered, uint64 deliveredBy);
    /// @notice Thrown when a redemption's place in its pool's delivery queue would pass the uint64 counter.
    /// @param poolId The pool.
    /// @param deliveredBy The queue position the redemption would need.
    error Escrow_DeliveryQueueOverflow(bytes32 poolId, uint256 deliveredBy);
    /// @notice Thrown when no refund is due yet: the deadline has not passed and no SLA breach is attested.
    /// @param redemptionId The redemption.
    /// @param deadline Its deadline.
    error Escrow_NoRefundDue(uint256 redemptionId, uint40 deadline);
    /// @notice Thrown when an account has nothing to withdraw.
    /// @param account The caller.
    error Escrow_NothingToWithdraw(address account);
    /// @notice Thrown when a loan-to-value exceeds 100 %.
    /// @param ltvBps The loan-to-value given, in basis points.
    error Escrow_InvalidLoanToValue(uint16 ltvBps);
    /// @notice Thrown when `coverIssue` is called by anyone but the token.
    /// @param caller The caller.
    error Escrow_CallerNotToken(address caller);
    /// @notice Thrown when a pledge would mature before the borrower had `MIN_REPAY_WINDOW` to repay.
    /// @param maturity The maturity asked for.
    /// @param earliest The earliest maturity accepted now.
    error Escrow_MaturityTooSoon(uint256 maturity, uint256 earliest);
    /// @notice Thrown when a pledge would mature less than `MATURITY_MARGIN` before its lot's `endsAt`.
    /// @param maturity The maturity asked for.
    /// @param latest The latest maturity accepted for the lot.
    error Escrow_MaturityTooLate(uint256 maturity, uint256 latest);
    /// @notice Thrown when pledging a lot whose loan-to-value is set to 0.
    /// @param lotId The lot.
    error Escrow_PledgingDisabled(uint256 lotId);
    /// @notice Thrown when funding a request later than `MIN_REPAY_WINDOW` before its maturity.
    /// @param pledgeId The pledge.
    /// @param fundBy The last second it could be funded.
    error Escrow_PledgeRequestExpired(uint256 pledgeId, uint256 fundBy);
    /// @notice Thrown when funding a pledge whose units could not move from the holder to the funder now.
    /// @param pledgeId The pledge.
    /// @param status Why not, as the token's `canTransfer` reports it.
    error Escrow_PledgeNotTransferable(uint256 pledgeId, IComputeCapacityToken.TransferStatus status);
    /// @notice Thrown when claiming collateral while the stablecoin is paused (the borrower could not repay).
    error Escrow_SettlementPaused();
    /// @notice Thrown by `recordSettlementPause` when the stablecoin is not paused.
    error Escrow_SettlementNotPaused();
    /// @notice Thrown when claiming collateral within `SETTLEMENT_CURE` of the last recorded stablecoin pause.
    /// @param cureEnd When the collateral becomes claimable.
    error Escrow_SettlementCure(uint256 cureEnd);
    /// @notice Thrown when redeeming after the lot's `redeemableUntil` (its window, plus any pause cure).
    /// @param lotId The lot.
    /// @param redeemableUntil When redemption closed.
    error Escrow_RedemptionClosed(uint256 lotId, uint40 redeemableUntil);
    /// @notice Thrown when withdrawing to the escrow itself (the funds would be stranded).
    /// @param to The recipient given.
    error Escrow_InvalidRecipient(address to);
    /// @notice Thrown when the market credits a sale whose payment has not arrived: the escrow's balance above
    /// everything it owes is smaller than the credit.
    /// @param amount The credit asked for.
    /// @param surplus The escrow's balance above its obligations.
    error Escrow_SaleUnfunded(uint256 amount, uint256 surplus);

    /*//////////////////////////////////////////////////////////////
                                  SALES
    //////////////////////////////////////////////////////////////*/

    /// @notice Credits `seller` with `amount` of a sale's payment, which the market moved into the escrow before the
    /// call. MARKET_ROLE only; the escrow credits no more than its balance above everything it already owes, so even
    /// a rogue market can only hand out stablecoin nobody is owed.
    /// @param seller The account credited (it withdraws with `withdraw`).
    /// @param amount The payment, in stablecoin base units.
    function creditSale(address seller, uint256 amount) external;

    /*//////////////////////////////////////////////////////////////
                                 PLEDGE
    //////////////////////////////////////////////////////////////*/

    /// @notice Locks `units` of `lotId` in the caller's wallet and asks `lender` (or anyone, if zero) for `principal`,
    /// to be repaid with `fee` by `maturity`. The caller must pass a transfer's sender checks; `maturity` must be at
    /// least `MIN_REPAY_WINDOW` away and at least `MATURITY_MARGIN` before the lot's `endsAt`; the lot's
    /// loan-to-value must not be 0. Unfunded, the request expires `MIN_REPAY_WINDOW` before maturity.
    function requestPledge(
        uint256 lotId,
        uint256 units,
        address lender,
        uint256 principal,
        uint256 fee,
        uint40 maturity
    ) external returns (uint256 pledgeId);

    /// @notice Withdraws an unfunded request and unlocks its units (holder only).
    function cancelPledge(uint256 pledgeId) external;

    /// @notice Funds a requested pledge: pulls the principal from the lender and credits it to the holder. Refused
    /// later than `MIN_REPAY_WINDOW` before maturity, and unless the units could move from the holder to the
    /// caller now (`canTransfer`).
    function fundPledge(uint256 pledgeId) external;

    /// @notice Repays principal plus fee (anyone may pay) and unlocks the units. Open until the lender claims the
    /// collateral, also after maturity.
    function repay(uint256 pledgeId) external;

    /// @notice After maturity, the unpaid lender takes the locked units; refused while the stablecoin is paused and
    /// within `SETTLEMENT_CURE` of its last recorded pause.
    function claimCollateral(uint256 pledgeId) external;

    /*//////////////////////////////////////////////////////////////
                                 REDEEM
    //////////////////////////////////////////////////////////////*/

    /// @notice Posts stablecoin as the delivery bond of `lotId` (credits what actually arrived).
    function postBond(uint256 lotId, uint256 amount) external;

    /// @notice `postBond` with an EIP-2612 permit.
    function postBondWithPermit(uint256 lotId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

    /// @notice The lot's provider takes back unreserved bond once the lot's `redeemableUntil` has passed.
    function withdrawBond(uint256 lotId, uint256 amount) external;

    /// @notice Burns `units` of the caller's unlocked balance and opens a redemption, reserving
    /// `units × unitCover` (reference price × the lot's bond coverage) of the lot's bond for a refund. Open until the
    /// lot's `redeemableUntil`; the delivery deadline is `DELIVERY_GRACE` after `endsAt` (or after the redemption,
    /// when it is made in a pause cure).
    function redeem(uint256 lotId, uint256 units) external returns (uint256 redemptionId);

    /// @notice The holder confirms delivery; the reserved bond is credited to the provider.
    function confirmDelivery(uint256 redemptionId) external;

    /// @notice Anyone confirms delivery from the oracle, up to the redemption's deadline: a fresh report (at most
    /// `REPORT_MAX_AGE` old, current reporter configuration) observed after the redemption opened, meeting the lot's
    /// SLA, whose cumulative delivered GPU-hours reached the redemption's `deliveredBy`. Redemptions of a pool queue
    /// in opening order from the pool's delivered count at opening, so hours delivered over any number of epochs count
    /// once, for the earliest redemption they serve.
    function confirmDeliveryByOracle(uint256 redemptionId) external;

    /// @notice Refunds an open redemption from the bond when its deadline passed, or when the oracle attests
    /// uptime below the lot's SLA after it opened. Anyone may trigger; the holder is credited. The deadline is final:
    /// delivery that nobody confirmed by then (holder or oracle) is refunded.
    function claimRefund(uint256 redemptionId) external;

    /*//////////////////////////////////////////////////////////////
                               WITHDRAWAL
    //////////////////////////////////////////////////////////////*/

    /// @notice Pays the caller's whole credited balance to `to` (not the zero address, not the escrow).
    function withdraw(address to) external;

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Sets a lot's loan-to-value in basis points (RISK_ROLE); 0 switches pledging off for the lot.
    function setLoanToValue(uint256 lotId, uint16 ltvBps) external;

    /// @notice Removes a lot's own loan-to-value, so it follows `DEFAULT_LTV_BPS` again (RISK_ROLE).
    function resetLoanToValue(uint256 lotId) external;

    /// @notice Records that the stablecoin is paused now (anyone; reverts if it is not): collateral then stays
    /// unclaimable until `SETTLEMENT_CURE` after the last such record.
    function recordSettlementPause() external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The compute-capacity token.
    function TOKEN() external view returns (IComputeCapacityToken);

    /// @notice The settlement stablecoin.
    function STABLECOIN() external view returns (IERC20);

    /// @notice A pledge by id.
    function pledge(uint256 pledgeId) external view returns (Pledge memory);

    /// @notice A redemption by id.
    function redemption(uint256 redemptionId) external view returns (Redemption memory);

    /// @notice Stablecoin credited to `account`, withdrawable with `withdraw`.
    function claimable(address account) external view returns (uint256);

    /// @notice A lot's bond: total held and the part reserved for open redemptions.
    function bondOf(uint256 lotId) external view returns (uint256 total, uint256 reserved);

    /// @notice Running totals: Σ credits (claimable), Σ bonds (including reserves) and Σ reserves.
    function totals() external view returns (uint256 credits, uint256 bonds, uint256 reserved);

    /// @notice The escrow's stablecoin balance and what it owes (Σ credits + Σ bonds): solvent iff balance >=
    /// obligations.
    function solvency() external view returns (uint256 balance, uint256 obligations);

    /// @notice When the stablecoin was last recorded paused (0 if never).
    function settlementPauseSeenAt() external view returns (uint40);

    /// @notice The largest principal `units` of `lotId` can secure.
    function maxPrincipal(uint256 lotId, uint256 units) external view returns (uint256);

    /// @notice The loan-to-value applied to `lotId`, in basis points.
    function loanToValue(uint256 lotId) external view returns (uint16);

    /// @notice The end of a pool's delivery queue: the cumulative delivered GPU-hours at which every redemption opened
    /// so far is served.
    function deliveryQueued(bytes32 poolId) external view returns (uint64);
}
