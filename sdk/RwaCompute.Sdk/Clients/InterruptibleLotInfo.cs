using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>An interruptible lot as the curtailment module records it: its terms and the curtailed GPU-hours counted
/// against it so far.</summary>
/// <param name="LotId">The lot.</param>
/// <param name="Provider">The provider who declared it.</param>
/// <param name="PoolId">Its pool (32 bytes): whose cumulative curtailed GPU-hours count.</param>
/// <param name="StartsAt">Its window's start.</param>
/// <param name="EndsAt">Its window's end.</param>
/// <param name="Terms">The declared terms.</param>
/// <param name="AttributedHours">Curtailed GPU-hours counted against the lot (at most <see cref="InterruptibleTerms.CurtailCap"/>).</param>
/// <param name="Finalized">Whether the attribution is final and the refund pot reserved in the escrow.</param>
/// <param name="RefundPerUnit">The refund one issued unit has accrued (final once finalized): the attributed hours, at
/// most the issued units' curtailable share (<c>⌊issued × maxCurtailBps / 10 000⌋</c>), × rate / issued; base
/// units.</param>
public sealed record InterruptibleLotInfo(
    BigInteger LotId,
    string Provider,
    byte[] PoolId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    InterruptibleTerms Terms,
    ulong AttributedHours,
    bool Finalized,
    BigInteger RefundPerUnit);
