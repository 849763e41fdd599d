namespace RwaCompute.Cli.Output.Views;

/// <summary>A lot.</summary>
internal sealed record LotView(
    string LotId,
    string Provider,
    string Pool,
    string GpuModel,
    string Region,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string ReferencePriceUsdc,
    string ReferencePriceBaseUnits,
    int SlaUptimeBps,
    int BondCoverageBps,
    string UnitCoverUsdc,
    long EnergyWhPerGpuHour,
    ulong UnitsIssued,
    ulong UnitsBurned,
    ulong UnitsOutstanding,
    string MetadataHash);
