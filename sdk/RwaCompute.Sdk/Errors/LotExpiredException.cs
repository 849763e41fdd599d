using RwaCompute.Sdk.Clients;
using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>The lot's delivery window has ended: its units can no longer be issued, moved, pledged or redeemed.</summary>
public sealed class LotExpiredException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="endsAt">The end of its delivery window.</param>
    /// <param name="now">The chain time checked against.</param>
    public LotExpiredException(BigInteger lotId, DateTimeOffset endsAt, DateTimeOffset now)
        : base($"Lot {LotIds.ToHex(lotId)} expired at {endsAt:u} (chain time {now:u}).")
    {
        LotId = lotId;
        EndsAt = endsAt;
    }

    /// <summary>The lot.</summary>
    public BigInteger LotId { get; }

    /// <summary>The end of its delivery window.</summary>
    public DateTimeOffset EndsAt { get; }
}
