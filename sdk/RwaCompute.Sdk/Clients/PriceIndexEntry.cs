using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>The market's price index for one (GPU model, region, currency), as <c>priceOf</c> returns it.</summary>
/// <param name="GpuModel">The GPU model label.</param>
/// <param name="Region">The region label.</param>
/// <param name="Currency">The settlement stablecoin.</param>
/// <param name="LastPrice">The latest trade's price per unit, stablecoin base units (0 before any trade).</param>
/// <param name="LastTradeAt">When the latest trade happened, or <see langword="null"/> before any trade.</param>
/// <param name="Average">The time-weighted moving average price per unit now (0 before any trade).</param>
/// <param name="Window">The averaging window.</param>
public sealed record PriceIndexEntry(
    string GpuModel,
    string Region,
    string Currency,
    BigInteger LastPrice,
    DateTimeOffset? LastTradeAt,
    BigInteger Average,
    TimeSpan Window)
{
    /// <summary>Whether any trade has been recorded for this key.</summary>
    public bool HasTrades => LastTradeAt is not null;
}
