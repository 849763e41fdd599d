using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Clients;

/// <summary>The operations of <see cref="EscrowClient"/> as an interface, so applications can substitute a test double.</summary>
public interface IEscrowClient
{
    /// <summary>The escrow's address.</summary>
    string Address { get; }

    /// <summary>The generated binding (read-only).</summary>
    ComputeEscrowService Service { get; }

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

    /// <summary>The escrow's running totals in one currency: Σ credits, Σ bonds, Σ reserved.</summary>
    /// <param name="currency">The currency; <see langword="null"/> for the manifest's stablecoin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The totals, the currency's base units.</returns>
    Task<EscrowTotals> GetTotalsAsync(string? currency = null, CancellationToken cancellationToken = default);

    /// <summary>The escrow's balance of one currency against what it owes in it (Σ credits + Σ bonds): the escrow is
    /// solvent per currency.</summary>
    /// <param name="currency">The currency; <see langword="null"/> for the manifest's stablecoin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Balance and obligations, the currency's base units.</returns>
    Task<EscrowSolvency> GetSolvencyAsync(string? currency = null, CancellationToken cancellationToken = default);

    /// <summary>A lot's settlement currency, as the escrow recorded it at issue (cached).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The currency's checksummed address.</returns>
    /// <exception cref="LotNotFoundException">The escrow knows no such lot.</exception>
    Task<string> CurrencyOfAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>Whether the escrow accepts a currency for new lots, and its decimals.</summary>
    /// <param name="currency">The ERC-20.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The currency as the escrow sees it.</returns>
    Task<CurrencyInfo> GetCurrencyAsync(string currency, CancellationToken cancellationToken = default);

    /// <summary>Accepts a stablecoin for new lots or stops accepting it (DEFAULT_ADMIN_ROLE); the escrow reads its
    /// decimals when it first accepts it. Lots already issued in it keep settling in it.</summary>
    /// <param name="currency">The ERC-20.</param>
    /// <param name="accepted">Whether new lots may name it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> SetCurrencyAcceptedAsync(string currency, bool accepted, CancellationToken cancellationToken = default);

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

    /// <summary>Stablecoin owed to an account by the escrow (sale proceeds, advances and repayments of pledges, refunds, delivery payments).</summary>
    /// <param name="account">The account.</param>
    /// <param name="currency">The currency; <see langword="null"/> for the manifest's stablecoin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Base units of the currency.</returns>
    Task<BigInteger> ClaimableAsync(string account, string? currency = null, CancellationToken cancellationToken = default);

    /// <summary>Withdraws everything the escrow owes the signer in one currency.</summary>
    /// <param name="to">Where to send it (the signer when <see langword="null"/>).</param>
    /// <param name="currency">The currency; <see langword="null"/> for the manifest's stablecoin.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The amount withdrawn and the mined transaction.</returns>
    Task<TransactionResult<BigInteger>> WithdrawAsync(string? to = null, string? currency = null, CancellationToken cancellationToken = default);
}
