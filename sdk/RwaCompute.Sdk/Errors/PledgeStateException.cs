using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>The pledge's state or the chain's time refuses the operation now: a pledge that is not in the status the
/// operation needs, collateral auctioned before maturity or, by anyone but the lender, within the grace, an auction
/// bought from after its end or settled before it. Nothing was sent; the operation may succeed later or never.</summary>
public sealed class PledgeStateException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="message">Why the operation is refused now.</param>
    public PledgeStateException(BigInteger pledgeId, string message)
        : base(message)
    {
        PledgeId = pledgeId;
    }

    /// <summary>The pledge.</summary>
    public BigInteger PledgeId { get; }
}
