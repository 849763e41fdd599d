using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>No offer with this id exists in the market.</summary>
public sealed class OfferNotFoundException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="offerId">The id.</param>
    public OfferNotFoundException(BigInteger offerId)
        : base($"There is no offer {offerId} in the market.")
    {
        OfferId = offerId;
    }

    /// <summary>The id.</summary>
    public BigInteger OfferId { get; }
}
