namespace RwaCompute.Sdk.Clients;

/// <summary>A pool's stored utilization report (the aggregate a quorum of reporters signed).</summary>
/// <param name="PoolId">The pool.</param>
/// <param name="Epoch">The report's epoch.</param>
/// <param name="ObservedAt">Median observation time.</param>
/// <param name="UtilizationBps">Utilization, basis points.</param>
/// <param name="UptimeBps">Uptime, basis points.</param>
/// <param name="DeliveredGpuHours">Delivered GPU-hours since the pool's first report (cumulative).</param>
/// <param name="EnergyKwh">Energy used since the pool's first report, kWh (cumulative).</param>
/// <param name="ConfigVersion">The reporter configuration it was signed under.</param>
/// <param name="SignerCount">How many reporters signed it.</param>
public sealed record UtilizationReport(byte[] PoolId, ulong Epoch, DateTimeOffset ObservedAt, ushort UtilizationBps, ushort UptimeBps, ulong DeliveredGpuHours, ulong EnergyKwh, uint ConfigVersion, byte SignerCount)
{
    /// <summary>Curtailed GPU-hours (demand response) since the pool's first report (cumulative).</summary>
    public ulong CurtailedGpuHours { get; init; }

    /// <summary>Bitmap of the reporters whose observations the report aggregates (bit i = <c>reporters()[i]</c>).</summary>
    public uint Observers { get; init; }
}
