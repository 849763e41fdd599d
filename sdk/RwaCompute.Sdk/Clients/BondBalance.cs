using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>A lot's provider bond in the escrow.</summary>
/// <param name="Total">Bond posted and not withdrawn, stablecoin base units.</param>
/// <param name="Reserved">Part of it reserved for open redemptions.</param>
public sealed record BondBalance(BigInteger Total, BigInteger Reserved)
{
    /// <summary>What is free for new redemptions or withdrawal.</summary>
    public BigInteger Free => Total - Reserved;
}
