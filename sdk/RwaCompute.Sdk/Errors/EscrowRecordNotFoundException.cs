using System.Numerics;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Errors;

/// <summary>No redemption with this id exists in the escrow (a missing pledge is a
/// <see cref="PledgeNotFoundException"/>).</summary>
public sealed class EscrowRecordNotFoundException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What was looked up (redemption).</param>
    /// <param name="id">The id.</param>
    public EscrowRecordNotFoundException(string kind, BigInteger id)
        : base($"There is no {kind} {id} in the escrow.")
    {
        Kind = kind;
        Id = id;
    }

    /// <summary>What was looked up (redemption).</summary>
    public string Kind { get; }

    /// <summary>The id.</summary>
    public BigInteger Id { get; }
}
