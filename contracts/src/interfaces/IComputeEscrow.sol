// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IComputeCapacityToken} from "./IComputeCapacityToken.sol";

/// @title IComputeEscrow
/// @notice Stablecoin escrow for compute lots, the suite's single custodian of stablecoin: sale payments credited
/// for the market (`IComputeMarket`), pledge principals and repayments credited for the lending module
/// (`IComputeLending`), and redemptions backed by the provider's bond.
interface IComputeEscrow {
    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

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

    /// @notice An interruptible lot's refund backing, recorded by the curtailment module before the lot existed.
    /// @param curtailCover Bond held per issued unit, on top of the lot's bond per unit, until the pot is reserved.
    /// @param capacityUnits The lot's capacity: no issuance may take it above this many units.
    /// @param reserved Whether the curtailment module reserved the holders' refund pot (the lot was finalized).
    /// @param potRemaining What of the pot is still to be credited to holders.
    struct Curtailment {
        uint96 curtailCover;
        uint48 capacityUnits;
        bool reserved;
        uint128 potRemaining;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

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
    event SaleCredited(address indexed market, address indexed seller, address indexed currency, uint256 amount);
    /// @notice Emitted when the lending module credits an account with a pledge's principal (the holder) or repayment
    /// (the lender), which arrived in the escrow first.
    event LoanCredited(address indexed lending, address indexed account, address indexed currency, uint256 amount);
    /// @notice Emitted when an account withdraws its credit in one currency.
    event Withdrawn(address indexed account, address indexed to, address indexed currency, uint256 amount);
    /// @notice Emitted when the admin accepts a currency for new lots or stops accepting it (existing lots keep
    /// settling in it); `decimals` were read from the token when it was first accepted.
    event CurrencyAcceptanceSet(address indexed currency, bool accepted, uint8 decimals);
    /// @notice Emitted when a lot's settlement currency is recorded, at its first issuance.
    event LotCurrencySet(uint256 indexed lotId, address indexed currency);
    /// @notice Emitted when the admin wires the curtailment module (once).
    event CurtailmentModuleSet(address indexed module);
    /// @notice Emitted when the curtailment module records a lot's terms before it exists (both 0: the declaration was
    /// revoked and the lot will be firm).
    event LotInterruptible(uint256 indexed lotId, uint96 curtailCover, uint48 capacityUnits);
    /// @notice Emitted when the curtailment module reserves an interruptible lot's refund pot out of its bond.
    event CurtailmentReserved(uint256 indexed lotId, uint256 pot);
    /// @notice Emitted when a holder is credited a curtailment refund out of the lot's pot.
    event CurtailmentCredited(uint256 indexed lotId, address indexed account, address indexed currency, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when a redemption's unit count is zero.
    error Escrow_ZeroUnits();
    /// @notice Thrown when a unit count does not fit the record's 64-bit field.
    /// @param units The units given.
    /// @param max The largest unit count accepted.
    error Escrow_UnitsOverflow(uint256 units, uint256 max);
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
    /// @notice Thrown when fewer stablecoin arrived than the flow needs (fee-on-transfer tokens).
    /// @param expected The amount pulled.
    /// @param received The amount that arrived.
    error Escrow_PaymentShortfall(uint256 expected, uint256 received);
    /// @notice Thrown when anyone but a lot's provider withdraws its bond.
    /// @param lotId The lot.
    /// @param caller The caller.
    error Escrow_NotLotProvider(uint256 lotId, address caller);
    /// @notice Thrown when anyone but a redemption's holder confirms its delivery.
    /// @param redemptionId The redemption.
    /// @param caller The caller.
    error Escrow_NotRedemptionHolder(uint256 redemptionId, address caller);
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
    /// @notice Thrown when an account has nothing to withdraw in a currency.
    /// @param account The caller.
    /// @param currency The currency asked for.
    error Escrow_NothingToWithdraw(address account, address currency);
    /// @notice Thrown when a new lot names a currency the escrow does not accept (never accepted, or no longer).
    /// @param currency The lot's currency.
    error Escrow_CurrencyNotAccepted(address currency);
    /// @notice Thrown when accepting something that is not an ERC-20 whose `decimals()` answers a uint8 (no code, the
    /// zero address, a call that reverts or returns less than a word or a word above 255), or refusing a currency
    /// that was never accepted.
    /// @param currency The address given.
    error Escrow_InvalidCurrency(address currency);
    /// @notice Thrown when `coverIssue` is called by anyone but the token.
    /// @param caller The caller.
    error Escrow_CallerNotToken(address caller);
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
    /// @notice Thrown when the lending module credits a principal or repayment whose payment has not arrived: the
    /// escrow's balance above everything it owes is smaller than the credit.
    /// @param amount The credit asked for.
    /// @param surplus The escrow's balance above its obligations.
    error Escrow_LoanUnfunded(uint256 amount, uint256 surplus);
    /// @notice Thrown when wiring the zero address as the curtailment module.
    error Escrow_ZeroCurtailmentModule();
    /// @notice Thrown when wiring a curtailment module a second time.
    /// @param module The module already wired.
    error Escrow_CurtailmentModuleAlreadySet(address module);
    /// @notice Thrown when anyone but the curtailment module reserves or credits curtailment refunds.
    /// @param caller The caller.
    error Escrow_CallerNotCurtailmentModule(address caller);
    /// @notice Thrown when reserving or crediting a curtailment refund for a lot recorded as firm.
    /// @param lotId The lot.
    error Escrow_NotInterruptible(uint256 lotId);
    /// @notice Thrown when reserving a lot's refund pot twice.
    /// @param lotId The lot.
    error Escrow_CurtailmentAlreadyReserved(uint256 lotId);
    /// @notice Thrown when a refund pot exceeds what the lot's issued units hold for it.
    /// @param lotId The lot.
    /// @param pot The pot asked for.
    /// @param held `issued × curtailCover`.
    error Escrow_CurtailmentAboveCover(uint256 lotId, uint256 pot, uint256 held);
    /// @notice Thrown when crediting a refund before the lot's pot was reserved.
    /// @param lotId The lot.
    error Escrow_CurtailmentNotReserved(uint256 lotId);
    /// @notice Thrown when a credit exceeds what is left of the lot's pot.
    /// @param lotId The lot.
    /// @param amount The credit asked for.
    /// @param remaining What is left of the pot.
    error Escrow_CurtailmentPotExceeded(uint256 lotId, uint256 amount, uint256 remaining);
    /// @notice Thrown when the curtailment module records terms for a lot that was already issued.
    /// @param lotId The lot.
    error Escrow_LotAlreadySettled(uint256 lotId);
    /// @notice Thrown when an interruptible lot is issued from its window's start on: its refunds are shared per issued
    /// unit, so its supply is fixed before any hour can be curtailed.
    /// @param lotId The lot.
    /// @param startsAt Its window's start.
    error Escrow_InterruptibleIssueAfterStart(uint256 lotId, uint40 startsAt);
    /// @notice Thrown when an issuance would take an interruptible lot above its declared capacity.
    /// @param lotId The lot.
    /// @param issued The units issued with it.
    /// @param capacityUnits The lot's capacity.
    error Escrow_AboveInterruptibleCapacity(uint256 lotId, uint256 issued, uint256 capacityUnits);
    /// @notice Thrown when a withdrawal would take the bond that backs an interruptible lot's refunds before the lot
    /// is finalized (`IComputeCurtailment.finalize`).
    /// @param lotId The lot.
    /// @param held The bond held for the refunds (`issued × curtailCover`).
    error Escrow_CurtailmentPending(uint256 lotId, uint256 held);

    /*//////////////////////////////////////////////////////////////
                                  SALES
    //////////////////////////////////////////////////////////////*/

    /// @notice Credits `seller` with `amount` of a sale's payment in the lot's currency, which the market moved into
    /// the escrow before the call. MARKET_ROLE only; the escrow credits no more than its balance of that currency above
    /// everything it already owes in it, so even a rogue market can only hand out stablecoin nobody is owed.
    /// @param seller The account credited (it withdraws with `withdraw`).
    /// @param lotId The lot sold (its currency is the payment's).
    /// @param amount The payment, in the currency's base units.
    function creditSale(address seller, uint256 lotId, uint256 amount) external;

    /// @notice Credits `account` with `amount` of a pledge's principal (to the holder) or repayment (to the lender),
    /// which the lending module moved into the escrow before the call. LENDING_ROLE only; like `creditSale`, no more
    /// than the escrow's balance above everything it already owes.
    /// @param account The account credited (it withdraws with `withdraw`).
    /// @param lotId The pledged lot (its currency is the payment's).
    /// @param amount The payment, in the currency's base units.
    function creditLoan(address account, uint256 lotId, uint256 amount) external;

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

    /// @notice Pays the caller's whole credit in `currency` to `to` (not the zero address, not the escrow).
    /// @param currency The currency to withdraw.
    /// @param to The recipient.
    function withdraw(address currency, address to) external;

    /*//////////////////////////////////////////////////////////////
                               CURRENCIES
    //////////////////////////////////////////////////////////////*/

    /// @notice Accepts a stablecoin as a settlement currency for new lots, or stops accepting it (DEFAULT_ADMIN_ROLE).
    /// Its decimals are read from it when it is first accepted. Lots issued in a currency keep settling in it after it
    /// is no longer accepted: nothing is trapped.
    /// @param currency The ERC-20.
    /// @param accepted Whether new lots may name it.
    function setCurrencyAccepted(address currency, bool accepted) external;

    /*//////////////////////////////////////////////////////////////
                              CURTAILMENT
    //////////////////////////////////////////////////////////////*/

    /// @notice Wires the curtailment module (DEFAULT_ADMIN_ROLE, once). Lots declared to it before their first
    /// issuance are interruptible: their bond also holds `issued × curtailCover` until their refund pot is reserved.
    /// @param module The `IComputeCurtailment` module.
    function setCurtailmentModule(address module) external;

    /// @notice Records a lot as interruptible before its first issuance (or, with both 0, as firm again). Only the
    /// curtailment module, and only while the lot was never issued.
    /// @param lotId The lot.
    /// @param curtailCover Bond to hold per issued unit until the refund pot is reserved.
    /// @param capacityUnits The lot's capacity (no issuance may exceed it).
    function setInterruptible(uint256 lotId, uint96 curtailCover, uint48 capacityUnits) external;

    /// @notice Reserves an interruptible lot's refund pot out of its bond, once, when the module finalizes the lot;
    /// at most `issued × curtailCover`. Only the curtailment module.
    /// @param lotId The lot.
    /// @param pot The pot.
    function reserveCurtailment(uint256 lotId, uint256 pot) external;

    /// @notice Credits `account` with `amount` out of the lot's reserved pot. Only the curtailment module.
    /// @param lotId The lot.
    /// @param account The holder.
    /// @param amount The refund.
    function creditCurtailment(uint256 lotId, address account, uint256 amount) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The compute-capacity token.
    function TOKEN() external view returns (IComputeCapacityToken);

    /// @notice The first settlement currency, accepted at deployment.
    function STABLECOIN() external view returns (IERC20);

    /// @notice A redemption by id.
    function redemption(uint256 redemptionId) external view returns (Redemption memory);

    /// @notice What the escrow owes `account` in `currency`, withdrawable with `withdraw`.
    function claimable(address account, address currency) external view returns (uint256);

    /// @notice A lot's bond: total held and the part reserved for open redemptions.
    function bondOf(uint256 lotId) external view returns (uint256 total, uint256 reserved);

    /// @notice Running totals in `currency`: Σ credits (claimable), Σ bonds (including reserves) and Σ reserves.
    function totals(address currency) external view returns (uint256 credits, uint256 bonds, uint256 reserved);

    /// @notice The escrow's balance of `currency` and what it owes in it (Σ credits + Σ bonds): solvent in that
    /// currency iff balance >= obligations.
    function solvency(address currency) external view returns (uint256 balance, uint256 obligations);

    /// @notice A lot's settlement currency (the zero address for a lot never issued).
    function currencyOf(uint256 lotId) external view returns (address);

    /// @notice A lot's settlement currency and its curtailment cover per issued unit (0 for a firm lot), in one read.
    /// @param lotId The lot.
    function settlementOf(uint256 lotId) external view returns (address currency, uint96 curtailCover);

    /// @notice An interruptible lot's refund backing (all zero for a firm lot).
    /// @param lotId The lot.
    function curtailmentOf(uint256 lotId) external view returns (Curtailment memory);

    /// @notice The curtailment module (zero until wired).
    function curtailmentModule() external view returns (address);

    /// @notice Whether new lots may name `currency`, and its decimals (0 and false for one never accepted).
    function currencyInfo(address currency) external view returns (bool accepted, uint8 decimals);

    /// @notice The end of a pool's delivery queue: the cumulative delivered GPU-hours at which every redemption opened
    /// so far is served.
    function deliveryQueued(bytes32 poolId) external view returns (uint64);
}
