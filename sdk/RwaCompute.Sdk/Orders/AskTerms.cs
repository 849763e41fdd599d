using System.Numerics;

namespace RwaCompute.Sdk.Orders;

/// <summary>What a seller offers in a signed ask: units of one lot at a fixed price until an expiry.</summary>
public sealed record AskTerms
{
    /// <summary>The lot.</summary>
    public required BigInteger LotId { get; init; }

    /// <summary>The most units sold over all fills (uint64, positive).</summary>
    public required BigInteger Units { get; init; }

    /// <summary>Price per unit in stablecoin base units (uint96, positive).</summary>
    public required BigInteger PricePerUnit { get; init; }

    /// <summary>When the ask can no longer be filled (after the chain time, not after the lot's end).</summary>
    public required DateTimeOffset Expiry { get; init; }

    /// <summary>The settlement stablecoin; <see langword="null"/> for the suite's.</summary>
    public string? Currency { get; init; }
}
