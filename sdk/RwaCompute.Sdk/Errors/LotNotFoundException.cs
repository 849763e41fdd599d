using RwaCompute.Sdk.Clients;
using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>No lot with this id was ever issued on the token.</summary>
public sealed class LotNotFoundException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="lotId">The unknown lot id.</param>
    /// <param name="innerException">The revert that revealed it, if any.</param>
    public LotNotFoundException(BigInteger lotId, Exception? innerException = null)
        : base($"Lot {LotIds.ToHex(lotId)} does not exist.", innerException)
    {
        LotId = lotId;
    }

    /// <summary>The unknown lot id.</summary>
    public BigInteger LotId { get; }
}
