using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeCurtailment;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Clients;

/// <summary>The operations of <see cref="CurtailmentClient"/> as an interface, so applications can substitute a test
/// double.</summary>
public interface ICurtailmentClient
{
    /// <summary>The curtailment module's address.</summary>
    string Address { get; }

    /// <summary>The generated binding (read-only).</summary>
    ComputeCurtailmentService Service { get; }

    /// <summary>Declares the lot <paramref name="terms"/> will create interruptible, as its provider (the signer), before
    /// its window starts and before it exists. Issue it afterwards with <see cref="IComputeTokenClient.IssueLotAsync"/>
    /// (the bond then also holds <see cref="InterruptibleTerms.CurtailCover"/> per unit), or use
    /// <see cref="IssueInterruptibleLotAsync"/>, which does both.</summary>
    /// <param name="terms">The lot's terms (the currency defaults to the manifest's stablecoin, as when issuing).</param>
    /// <param name="interruptible">The curtailable share, the refund per curtailed hour and the capacity.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The lot id.</returns>
    /// <exception cref="AmountOutOfRangeException">A term is out of range (the rate above the lot's bond per unit).</exception>
    /// <exception cref="CurtailmentStateException">The window has started, the lot exists or is declared, or the pool
    /// has a live interruptible lot.</exception>
    Task<TransactionResult<BigInteger>> DeclareInterruptibleAsync(LotTerms terms, InterruptibleTerms interruptible, CancellationToken cancellationToken = default);

    /// <summary>Declares the lot interruptible (unless this signer already declared it with these terms) and issues
    /// <paramref name="units"/> of it to <paramref name="to"/>: safe to re-run after a failure between the two, and
    /// refused once the lot exists (issue more with <see cref="IComputeTokenClient.IssueAsync"/>).</summary>
    /// <param name="terms">The lot's terms.</param>
    /// <param name="interruptible">The interruptible terms.</param>
    /// <param name="to">The first holder.</param>
    /// <param name="units">Units to issue (at most the capacity).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The lot id, with the issuance's transaction.</returns>
    /// <exception cref="CurtailmentStateException">The lot was issued already or declared with other terms, or as in
    /// <see cref="DeclareInterruptibleAsync"/>.</exception>
    /// <exception cref="AmountOutOfRangeException">The units exceed the capacity.</exception>
    Task<TransactionResult<BigInteger>> IssueInterruptibleLotAsync(LotTerms terms, InterruptibleTerms interruptible, string to, BigInteger units, CancellationToken cancellationToken = default);

    /// <summary>Drops the signer's declaration of a lot it never issued (the lot will be firm if issued later).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="CurtailmentStateException">The lot is not declared, not by the signer, or was issued.</exception>
    Task<TransactionResult> RevokeDeclarationAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>Counts the pool's curtailed GPU-hours since its checkpoint against its live interruptible lot, from the
    /// pool's latest fresh report (anyone may; run it after each report is relayed).</summary>
    /// <param name="poolId">The pool (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The hours attributed by this sync.</returns>
    /// <exception cref="CurtailmentStateException">The pool has no live interruptible lot, no fresh report, or no
    /// report newer than its checkpoint.</exception>
    Task<TransactionResult<ulong>> SyncAsync(byte[] poolId, CancellationToken cancellationToken = default);

    /// <summary>Makes a lot's attribution final after its window and reserves the holders' refund pot in the escrow
    /// (anyone may).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The pot, base units of the lot's currency.</returns>
    /// <exception cref="CurtailmentStateException">The lot is not declared, already finalized, its window has not ended,
    /// or no report past its end was synced and the grace runs.</exception>
    Task<TransactionResult<BigInteger>> FinalizeAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>Credits <paramref name="account"/> (the signer when <see langword="null"/>) in the escrow with the refund
    /// of its unclaimed unlocked units (anyone may); withdraw it with <see cref="IEscrowClient.WithdrawAsync"/>.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="account">The holder, or <see langword="null"/> for the signer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The amount credited.</returns>
    /// <exception cref="CurtailmentStateException">Not finalized, the units can still move, or nothing is due.</exception>
    Task<TransactionResult<BigInteger>> ClaimAsync(BigInteger lotId, string? account = null, CancellationToken cancellationToken = default);

    /// <summary>Credits a delivered redemption's holder with its units' refund, once (anyone may).</summary>
    /// <param name="redemptionId">The redemption.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The amount credited.</returns>
    /// <exception cref="CurtailmentStateException">The redemption is not delivered, was claimed, or its lot is not a
    /// finalized interruptible lot.</exception>
    Task<TransactionResult<BigInteger>> ClaimRedeemedAsync(BigInteger redemptionId, CancellationToken cancellationToken = default);

    /// <summary>Reads a lot's interruptible terms and attribution.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/> for a firm lot (never declared, or revoked).</returns>
    Task<InterruptibleLotInfo?> GetInterruptibleAsync(BigInteger lotId, CancellationToken cancellationToken = default);

    /// <summary>The pool's interruptible lot declared and not yet finalized (the one <see cref="SyncAsync"/>
    /// counts against).</summary>
    /// <param name="poolId">The pool (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lot id, or <see langword="null"/> when the pool has none.</returns>
    Task<BigInteger?> LiveLotAsync(byte[] poolId, CancellationToken cancellationToken = default);

    /// <summary>What <see cref="ClaimAsync"/> would credit <paramref name="account"/> now (0 before it can).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="account">The holder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Base units of the lot's currency.</returns>
    Task<BigInteger> ClaimableAsync(BigInteger lotId, string account, CancellationToken cancellationToken = default);
}
