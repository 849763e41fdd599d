using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using TransferStatus = RwaCompute.Sdk.Contracts.ComputeCapacityToken.TransferStatus;

namespace RwaCompute.Sdk.Clients;

/// <summary>The operations of <see cref="EscrowClient"/> as an interface, so applications can substitute a test double.</summary>
public interface IEscrowClient
{
    /// <summary>The escrow's address.</summary>
    string Address { get; }

    /// <summary>The generated binding (read-only).</summary>
    ComputeEscrowService Service { get; }

    /// <summary>Locks units as collateral and asks a lender for an advance (repay principal + fee by maturity; an
    /// unfunded request expires <see cref="PledgeRules.MinRepayWindow"/> before maturity).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">Units to pledge.</param>
    /// <param name="lender">The lender, or <see langword="null"/> to let anyone fund it.</param>
    /// <param name="principal">The advance, stablecoin base units (at most the lot's loan-to-value).</param>
    /// <param name="fee">The fee on top, base units.</param>
    /// <param name="maturity">Repayment deadline: at least <see cref="PledgeRules.MinRepayWindow"/> after the chain
    /// time and at least <see cref="PledgeRules.MaturityMargin"/> before the lot's end.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The pledge id.</returns>
    /// <exception cref="PledgeMaturityOutOfRangeException">The maturity is too soon or too late.</exception>
    /// <exception cref="PledgingDisabledException">The lot's loan-to-value is 0.</exception>
    /// <exception cref="TransferNotAllowedException">The signer could not send the units now (paused, not
    /// allowlisted, frozen, too few unlocked units): the escrow locks them only if it could.</exception>
    /// <exception cref="AmountOutOfRangeException">The principal exceeds the loan-to-value cap.</exception>
    Task<TransactionResult<BigInteger>> RequestPledgeAsync(BigInteger lotId, BigInteger units, string? lender, BigInteger principal, BigInteger fee, DateTimeOffset maturity, CancellationToken cancellationToken = default);

    /// <summary>Cancels the signer's unfunded pledge request and unlocks the units.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> CancelPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>Funds a pledge as the lender: the principal goes to the holder (claimable).</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="PledgeRequestExpiredException">Later than <see cref="PledgeRules.MinRepayWindow"/> before
    /// maturity.</exception>
    /// <exception cref="TransferNotAllowedException">The pledged units could not move from the holder to the signer
    /// now (signer not allowlisted or frozen, holder frozen, paused...), as they would on a default.</exception>
    Task<TransactionResult> FundPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>Repays a pledge (principal + fee; anyone may pay) and unlocks the units. Open while the pledge is
    /// active, after maturity too, until the lender claims the collateral.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> RepayAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>Takes the pledged units as the lender after an unpaid maturity. The escrow refuses while the stablecoin
    /// is paused (<c>EscrowSettlementPausedException</c>) and within <see cref="PledgeRules.SettlementCure"/> of its last
    /// recorded pause (<c>EscrowSettlementCureException</c>), so the borrower can still repay.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> ClaimCollateralAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>Reads a pledge.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pledge.</returns>
    /// <exception cref="EscrowRecordNotFoundException">No such pledge.</exception>
    Task<PledgeInfo> GetPledgeAsync(BigInteger pledgeId, CancellationToken cancellationToken = default);

    /// <summary>The largest advance <paramref name="units"/> of a lot can secure.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">The units.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cap, stablecoin base units.</returns>
    Task<BigInteger> MaxPrincipalAsync(BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default);

    /// <summary>The escrow's pledge timing constants (read once, then cached: they are contract constants).</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The rules.</returns>
    Task<PledgeRules> GetPledgeRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>A lot's loan-to-value in basis points: its own setting, else the escrow's default; 0 means pledging is
    /// switched off for the lot.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Basis points.</returns>
    Task<ushort> LoanToValueAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>Sets a lot's loan-to-value in basis points (RISK_ROLE); 0 switches pledging off for the lot
    /// (<see cref="ResetLoanToValueAsync"/> returns it to the default).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="ltvBps">0–10,000.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> SetLoanToValueAsync(BigInteger lotId, ushort ltvBps, CancellationToken cancellationToken = default);

    /// <summary>Removes a lot's own loan-to-value, so it follows the escrow's default again (RISK_ROLE).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> ResetLoanToValueAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>Records that the stablecoin is paused now (anyone may call): collateral then stays unclaimable until
    /// <see cref="PledgeRules.SettlementCure"/> after the last record, so borrowers who could not repay during the pause
    /// get time to. The escrow refuses when the stablecoin is not paused
    /// (<c>EscrowSettlementNotPausedException</c>, from the simulation: nothing sent).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> RecordSettlementPauseAsync(CancellationToken cancellationToken = default);

    /// <summary>When the stablecoin was last recorded paused, or <see langword="null"/> if never.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The time or <see langword="null"/>.</returns>
    Task<DateTimeOffset?> SettlementPauseSeenAtAsync(CancellationToken cancellationToken = default);

    /// <summary>Tops up provider bond for a lot (it backs SLA refunds). Issuing already pulls the bond that covers every
    /// outstanding unit; more bond only adds headroom.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="amount">Stablecoin base units.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> PostBondAsync(BigInteger lotId, BigInteger amount, CancellationToken cancellationToken = default);

    /// <summary>Withdraws free bond once the lot can no longer be redeemed (the lot's provider): after its
    /// <see cref="ComputeTokenClient.RedeemableUntilAsync"/>; before, the escrow refuses with
    /// <c>EscrowBondLockedException</c> (from the simulation: nothing sent).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="amount">Stablecoin base units.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> WithdrawBondAsync(BigInteger lotId, BigInteger amount, CancellationToken cancellationToken = default);

    /// <summary>A lot's bond.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Total and reserved bond.</returns>
    Task<BondBalance> GetBondAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>The escrow's running totals: Σ credits, Σ bonds, Σ reserved.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The totals, stablecoin base units.</returns>
    Task<EscrowTotals> GetTotalsAsync(CancellationToken cancellationToken = default);

    /// <summary>The escrow's stablecoin balance against what it owes (Σ credits + Σ bonds).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Balance and obligations, stablecoin base units.</returns>
    Task<EscrowSolvency> GetSolvencyAsync(CancellationToken cancellationToken = default);

    /// <summary>Redeems units for compute delivery: they are burned and a redemption opens, backed by
    /// <c>units × unitCover</c> of the provider's bond (<see cref="LotInfo.UnitCover"/>). Open until the lot's
    /// <see cref="ComputeTokenClient.RedeemableUntilAsync"/> (its end, extended by a pause cure).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">Units to redeem.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The redemption id.</returns>
    /// <exception cref="LotNotFoundException">No such lot.</exception>
    /// <exception cref="RedemptionClosedException">Past the lot's <c>redeemableUntil</c>.</exception>
    /// <exception cref="TransferNotAllowedException">Too few unlocked units.</exception>
    Task<TransactionResult<BigInteger>> RedeemAsync(BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default);

    /// <summary>Confirms delivery as the redeeming holder; the provider is paid from the reserve.</summary>
    /// <param name="redemptionId">The redemption.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> ConfirmDeliveryAsync(BigInteger redemptionId, CancellationToken cancellationToken = default);

    /// <summary>Confirms delivery from the oracle's attested delivered GPU-hours (anyone may call).</summary>
    /// <param name="redemptionId">The redemption.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> ConfirmDeliveryByOracleAsync(BigInteger redemptionId, CancellationToken cancellationToken = default);

    /// <summary>Claims the refund of a redemption whose deadline passed unconfirmed or whose pool breached the SLA.</summary>
    /// <param name="redemptionId">The redemption.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> ClaimRefundAsync(BigInteger redemptionId, CancellationToken cancellationToken = default);

    /// <summary>Reads a redemption.</summary>
    /// <param name="redemptionId">The redemption.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The redemption.</returns>
    /// <exception cref="EscrowRecordNotFoundException">No such redemption.</exception>
    Task<RedemptionInfo> GetRedemptionAsync(BigInteger redemptionId, CancellationToken cancellationToken = default);

    /// <summary>Stablecoin owed to an account by the escrow (sale proceeds, advances, refunds, repayments).</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Base units.</returns>
    Task<BigInteger> ClaimableAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>Withdraws everything the escrow owes the signer.</summary>
    /// <param name="to">Where to send it (the signer when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The amount withdrawn and the mined transaction.</returns>
    Task<TransactionResult<BigInteger>> WithdrawAsync(string? to = null, CancellationToken cancellationToken = default);
}
