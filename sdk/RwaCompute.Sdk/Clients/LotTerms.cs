using System.Numerics;
using System.Text;
using Nethereum.Util;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// The defining fields of a lot (the contract's <c>LotSpec</c>). They determine the lot id: the same terms always
/// give the same id (<see cref="LotIds.Compute"/>).
/// </summary>
/// <remarks>Issuing is bonded: the escrow (the token's bond vault) pulls from the provider, at issuance, whatever makes
/// the lot's unreserved bond cover every outstanding unit at <see cref="BondMath.UnitCover"/> (the reference price ×
/// <see cref="BondCoverageBps"/>, rounded up).</remarks>
public sealed record LotTerms
{
    private const ushort MaxBps = 10_000;

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

    /// <summary>Share of the reference price the provider's bond backs per outstanding unit, in basis points
    /// (1–10,000; default 10,000 = 100 %). SLA and late-delivery refunds pay this share.</summary>
    public ushort BondCoverageBps { get; init; } = MaxBps;

    /// <summary>Energy efficiency: watt-hours per GPU-hour.</summary>
    public uint EnergyWhPerGpuHour { get; init; }

    /// <summary>keccak256 of the off-chain metadata document served at the lot's URI (32 bytes). The token refuses a
    /// zero hash, and so does <see cref="ToSpec"/>; <see cref="HashMetadata(string)"/> computes one.</summary>
    public byte[] MetadataHash { get; init; } = new byte[32];

    /// <summary>The lot's settlement currency: a stablecoin the escrow accepts (<see cref="EscrowClient.GetCurrencyAsync"/>).
    /// Its bond, sales, pledges and refunds settle in it, and it is part of the lot id. <see langword="null"/> means the
    /// manifest's stablecoin when issuing through <see cref="ComputeTokenClient.IssueLotAsync"/>; <see cref="ToSpec"/>
    /// requires it.</summary>
    public string? Currency { get; init; }

    /// <summary>keccak256 of a metadata document's bytes, for <see cref="MetadataHash"/>.</summary>
    /// <param name="document">The document exactly as served (for example the JSON file's bytes).</param>
    /// <returns>The 32-byte hash.</returns>
    public static byte[] HashMetadata(ReadOnlySpan<byte> document) => Sha3Keccack.Current.CalculateHash(document.ToArray());

    /// <summary>keccak256 of a metadata document's UTF-8 text, for <see cref="MetadataHash"/>.</summary>
    /// <param name="document">The document's text.</param>
    /// <returns>The 32-byte hash.</returns>
    public static byte[] HashMetadata(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return HashMetadata(Encoding.UTF8.GetBytes(document));
    }

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

        if (terms.SlaUptimeBps > MaxBps)
        {
            throw new AmountOutOfRangeException(nameof(terms.SlaUptimeBps), terms.SlaUptimeBps, 0, MaxBps, "basis points");
        }

        if (terms.BondCoverageBps is 0 or > MaxBps)
        {
            throw new AmountOutOfRangeException(nameof(terms.BondCoverageBps), terms.BondCoverageBps, 1, MaxBps, "basis points");
        }

        Guard.Amount(terms.ReferencePrice, nameof(terms.ReferencePrice), 96);
        var metadataHash = Guard.Bytes32(terms.MetadataHash, nameof(terms.MetadataHash));
        if (metadataHash.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            throw new InputValidationException(nameof(terms.MetadataHash), "is zero: the token requires the keccak256 of the lot's metadata document (LotTerms.HashMetadata).");
        }

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
            BondCoverageBps = terms.BondCoverageBps,
            EnergyWhPerGpuHour = terms.EnergyWhPerGpuHour,
            MetadataHash = metadataHash,
            Currency = terms.Currency is null
                ? throw new InputValidationException(nameof(terms.Currency), "is missing: a lot names its settlement currency (the escrow must accept it).")
                : Guard.Address(terms.Currency, nameof(terms.Currency)),
        };
    }
}
