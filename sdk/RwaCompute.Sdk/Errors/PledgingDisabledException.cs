using RwaCompute.Sdk.Clients;
using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>The lot's loan-to-value is set to 0: pledging is switched off for it. Nothing was sent.</summary>
public sealed class PledgingDisabledException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="lotId">The lot.</param>
    public PledgingDisabledException(BigInteger lotId)
        : base($"Pledging is switched off for lot {LotIds.ToHex(lotId)} (its loan-to-value is 0).")
    {
        LotId = lotId;
    }

    /// <summary>The lot.</summary>
    public BigInteger LotId { get; }
}
