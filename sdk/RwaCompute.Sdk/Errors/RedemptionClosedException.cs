using RwaCompute.Sdk.Clients;
using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>The lot's units can no longer be redeemed: its <c>redeemableUntil</c> (the end of the delivery window,
/// extended by a pause cure when the token was paused around it) has passed. Nothing was sent.</summary>
public sealed class RedemptionClosedException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="redeemableUntil">When redemption closed.</param>
    /// <param name="now">The chain time checked against.</param>
    public RedemptionClosedException(BigInteger lotId, DateTimeOffset redeemableUntil, DateTimeOffset now)
        : base($"Lot {LotIds.ToHex(lotId)} could be redeemed until {redeemableUntil:u} (chain time {now:u}).")
    {
        LotId = lotId;
        RedeemableUntil = redeemableUntil;
    }

    /// <summary>The lot.</summary>
    public BigInteger LotId { get; }

    /// <summary>When redemption closed.</summary>
    public DateTimeOffset RedeemableUntil { get; }
}
