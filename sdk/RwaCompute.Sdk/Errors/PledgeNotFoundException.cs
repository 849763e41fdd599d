using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>No pledge with this id exists in the lending module.</summary>
public sealed class PledgeNotFoundException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pledgeId">The id.</param>
    public PledgeNotFoundException(BigInteger pledgeId)
        : base($"There is no pledge {pledgeId} in the lending module.")
    {
        PledgeId = pledgeId;
    }

    /// <summary>The id.</summary>
    public BigInteger PledgeId { get; }
}
