using System.Numerics;

namespace RwaCompute.Sdk.Orders;

/// <summary>What a buyer asks for in a signed bid: units of any lot meeting the criteria, at a price per unit —
/// "200 H100-hours in eu-west in December at ≤ 2.60 USDC". A criterion left <see langword="null"/> matches any lot.</summary>
public sealed record BidCriteria
{
    /// <summary>The GPU model label (at most 16 bytes), or <see langword="null"/> for any.</summary>
    public string? GpuModel { get; init; }

    /// <summary>The region label (at most 16 bytes), or <see langword="null"/> for any.</summary>
    public string? Region { get; init; }

    /// <summary>The lot's delivery window must start at or after this, or <see langword="null"/> for any.</summary>
    public DateTimeOffset? DeliveryFrom { get; init; }

    /// <summary>The lot's delivery window must end at or before this, or <see langword="null"/> for any.</summary>
    public DateTimeOffset? DeliveryUntil { get; init; }

    /// <summary>The least SLA uptime, in basis points (0..10 000).</summary>
    public ushort MinSlaBps { get; init; }

    /// <summary>The most watt-hours per GPU-hour, or <see langword="null"/> for any.</summary>
    public uint? MaxWhPerGpuHour { get; init; }

    /// <summary>The least bond per unit the lot must hold (its reference price × bond coverage: what an undelivered unit
    /// refunds), in stablecoin base units; <see langword="null"/> takes <see cref="PricePerUnit"/>, so a unit the
    /// provider fails to deliver refunds at least what was paid. 0 accepts any lot, however thinly bonded.</summary>
    public BigInteger? MinUnitCover { get; init; }

    /// <summary>The price per unit the buyer pays, in stablecoin base units (uint96, positive); sellers fill at it.</summary>
    public required BigInteger PricePerUnit { get; init; }

    /// <summary>The most units bought over all fills (uint64, positive).</summary>
    public required BigInteger Units { get; init; }

    /// <summary>When the bid can no longer be filled (after the chain time).</summary>
    public required DateTimeOffset Expiry { get; init; }

    /// <summary>The settlement stablecoin; <see langword="null"/> for the suite's.</summary>
    public string? Currency { get; init; }
}
