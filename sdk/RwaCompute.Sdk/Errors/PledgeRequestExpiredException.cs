using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>A pledge request can no longer be funded: the escrow refuses funding later than <c>MIN_REPAY_WINDOW</c>
/// before its maturity, so the borrower always has that long to repay. Nothing was sent.</summary>
public sealed class PledgeRequestExpiredException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pledgeId">The pledge.</param>
    /// <param name="fundBy">The last moment it could be funded.</param>
    /// <param name="now">The chain time checked against.</param>
    public PledgeRequestExpiredException(BigInteger pledgeId, DateTimeOffset fundBy, DateTimeOffset now)
        : base($"Pledge {pledgeId} could be funded until {fundBy:u} (chain time {now:u}).")
    {
        PledgeId = pledgeId;
        FundBy = fundBy;
    }

    /// <summary>The pledge.</summary>
    public BigInteger PledgeId { get; }

    /// <summary>The last moment it could be funded.</summary>
    public DateTimeOffset FundBy { get; }
}
