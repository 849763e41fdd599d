using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>A lot; its reference price and unit cover in its <see cref="Currency"/>.</summary>
internal sealed record LotView(
    string LotId,
    string Provider,
    string PoolId,
    string? PoolLabel,
    string GpuModel,
    string Region,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string ReferencePrice,
    string ReferencePriceBaseUnits,
    int SlaUptimeBps,
    int BondCoverageBps,
    string UnitCover,
    long EnergyWhPerGpuHour,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong UnitsIssued,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong UnitsBurned,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong UnitsOutstanding,
    string MetadataHash)
{
    /// <summary>The lot's settlement currency (omitted when the escrow does not know the lot).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CurrencyRefView? Currency { get; init; }

    /// <summary>The lot's interruptible terms and curtailment (omitted for a firm lot).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InterruptibleView? Interruptible { get; init; }
}
