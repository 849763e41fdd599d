using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>A lot as stored on-chain.</summary>
/// <param name="LotId">The lot (ERC-1155 token) id.</param>
/// <param name="Provider">The provider.</param>
/// <param name="PoolId">The pool id (32 bytes).</param>
/// <param name="GpuModel">The GPU class label.</param>
/// <param name="Region">The region label.</param>
/// <param name="StartsAt">Start of the delivery window.</param>
/// <param name="EndsAt">End of the delivery window.</param>
/// <param name="ReferencePrice">Reference price per unit, base units of the lot's currency.</param>
/// <param name="SlaUptimeBps">Guaranteed uptime, basis points.</param>
/// <param name="BondCoverageBps">Share of the reference price the provider's bond backs per outstanding unit, basis
/// points.</param>
/// <param name="EnergyWhPerGpuHour">Watt-hours per GPU-hour.</param>
/// <param name="UnitsIssued">Units issued so far.</param>
/// <param name="UnitsBurned">Units redeemed (burned) so far.</param>
/// <param name="MetadataHash">Hash of the metadata document.</param>
public sealed record LotInfo(
    BigInteger LotId,
    string Provider,
    byte[] PoolId,
    string GpuModel,
    string Region,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    BigInteger ReferencePrice,
    ushort SlaUptimeBps,
    ushort BondCoverageBps,
    uint EnergyWhPerGpuHour,
    ulong UnitsIssued,
    ulong UnitsBurned,
    byte[] MetadataHash)
{
    /// <summary>The lot's settlement currency (the escrow's record of it), or <see langword="null"/> when the escrow
    /// does not know the lot.</summary>
    public string? Currency { get; init; }

    /// <summary>Units in circulation (issued minus burned).</summary>
    public ulong UnitsOutstanding => UnitsIssued - UnitsBurned;

    /// <summary>Bond per unit (<see cref="BondMath.UnitCover"/>): what a redemption reserves and a refund pays.</summary>
    public BigInteger UnitCover => BondMath.UnitCover(ReferencePrice, BondCoverageBps);

    /// <summary>Whether the delivery window has ended at <paramref name="now"/>.</summary>
    /// <param name="now">The time to compare with (use the chain's time).</param>
    /// <returns><see langword="true"/> when expired.</returns>
    public bool IsExpiredAt(DateTimeOffset now) => now >= EndsAt;
}
