using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// The defining fields of a lot (the contract's <c>LotSpec</c>). They determine the lot id: the same terms always
/// give the same id (<see cref="LotIds.Compute"/>).
/// </summary>
public sealed record LotTerms
{
    /// <summary>The provider that delivers the compute (must be registered and own the pool).</summary>
    public required string Provider { get; init; }

    /// <summary>The pool (cluster) id, 32 bytes.</summary>
    public required byte[] PoolId { get; init; }

    /// <summary>The GPU class, at most 16 bytes of text (for example <c>H100-SXM5-80G</c>).</summary>
    public required string GpuModel { get; init; }

    /// <summary>The region, at most 16 bytes of text (for example <c>eu-west</c>).</summary>
    public required string Region { get; init; }

    /// <summary>Start of the delivery window.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>End of the delivery window (must be in the future).</summary>
    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>Reference price per unit (GPU-hour) in stablecoin base units (uint96; USDC: 6 decimals).</summary>
    public required BigInteger ReferencePrice { get; init; }

    /// <summary>Minimum uptime the provider guarantees, in basis points (0–10,000).</summary>
    public ushort SlaUptimeBps { get; init; }

    /// <summary>Energy efficiency: watt-hours per GPU-hour.</summary>
    public uint EnergyWhPerGpuHour { get; init; }

    /// <summary>Hash of the off-chain metadata document (32 bytes; zero when none).</summary>
    public byte[] MetadataHash { get; init; } = new byte[32];

    /// <summary>Validates the terms and converts them to the contract's <c>LotSpec</c> struct.</summary>
    /// <returns>The spec.</returns>
    /// <exception cref="InputValidationException">A field is invalid.</exception>
    public LotSpec ToSpec()
    {
        var terms = this;
        var startsAt = SuiteContext.Unix(terms.StartsAt, nameof(terms.StartsAt));
        var endsAt = SuiteContext.Unix(terms.EndsAt, nameof(terms.EndsAt));
        if (startsAt >= endsAt)
        {
            throw new InputValidationException(nameof(terms.EndsAt), $"the window must end after it starts ({terms.StartsAt:u} .. {terms.EndsAt:u}).");
        }

        if (terms.SlaUptimeBps > 10_000)
        {
            throw new AmountOutOfRangeException(nameof(terms.SlaUptimeBps), terms.SlaUptimeBps, 0, 10_000, "basis points");
        }

        Guard.Amount(terms.ReferencePrice, nameof(terms.ReferencePrice), 96);
        return new LotSpec
        {
            Provider = Guard.Address(terms.Provider, nameof(terms.Provider)),
            PoolId = Guard.Bytes32(terms.PoolId, nameof(terms.PoolId)),
            GpuModel = Bytes32Text.Parse(terms.GpuModel, nameof(terms.GpuModel), 16),
            Region = Bytes32Text.Parse(terms.Region, nameof(terms.Region), 16),
            StartsAt = startsAt,
            EndsAt = endsAt,
            ReferencePrice = terms.ReferencePrice,
            SlaUptimeBps = terms.SlaUptimeBps,
            EnergyWhPerGpuHour = terms.EnergyWhPerGpuHour,
            MetadataHash = Guard.Bytes32(terms.MetadataHash, nameof(terms.MetadataHash)),
        };
    }
}
