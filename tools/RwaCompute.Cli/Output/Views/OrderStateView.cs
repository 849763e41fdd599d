namespace RwaCompute.Cli.Output.Views;

/// <summary>A signed order and what the market says of it now (<c>rwa order show</c>), amounts in the lot's (an ask) or
/// the bid's <see cref="Currency"/>.</summary>
internal sealed record OrderStateView(
    string Kind,
    string OrderHash,
    string Maker,
    string ChainId,
    string Market,
    string? LotId,
    string Units,
    string Filled,
    string Remaining,
    string PricePerUnit,
    DateTimeOffset ExpiresAt,
    bool Cancelled,
    bool CounterStale,
    bool Expired,
    bool SignatureValid,
    bool Fillable,
    CurrencyRefView Currency)
{
    /// <summary>A bid's criteria (absent for an ask); a criterion absent inside matches any lot.</summary>
    public BidCriteriaView? Criteria { get; init; }
}

/// <summary>What a lot must meet to fill a bid.</summary>
internal sealed record BidCriteriaView(string? GpuModel, string? Region, DateTimeOffset? DeliveryFrom, DateTimeOffset? DeliveryUntil, string MinSlaBps, string? MaxWhPerGpuHour, string MinUnitCover);
