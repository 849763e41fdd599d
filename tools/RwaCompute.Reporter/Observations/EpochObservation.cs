using RwaCompute.Reporter.Pools;

namespace RwaCompute.Reporter.Observations;

/// <summary>
/// What one reporter measured of one pool in one epoch. The exact quantities (GPU-milliseconds, millijoules) are what
/// the safety store persists and what cumulative totals add up; the reported figures are derived from them by
/// flooring (<see cref="ReportingUnits"/>). docs/ORACLE.md ("Telemetry and observations") defines every field.
/// </summary>
/// <param name="PoolId">The pool.</param>
/// <param name="Epoch">The epoch.</param>
/// <param name="WindowStart">Start of the epoch (inclusive).</param>
/// <param name="WindowEnd">End of the epoch (exclusive).</param>
/// <param name="GpuCount">GPUs in the pool's configuration.</param>
/// <param name="UtilizationBps">Mean utilization over the pool's up-time outside curtailment, basis points, floor.</param>
/// <param name="UptimeBps">Up-time as a share of the GPU-time outside curtailment, basis points, floor
/// (10 000 when the whole epoch was curtailed).</param>
/// <param name="UpGpuMilliseconds">GPU-time outside curtailment covered by fresh readings.</param>
/// <param name="DeliveredGpuMilliseconds">Up-time weighted by utilization: Σ (utilization % / 100 × covered ms), floor.</param>
/// <param name="EnergyMillijoules">Energy of the pool's GPUs in the epoch (counter deltas, else power × time), floor.</param>
/// <param name="CurtailedGpuMilliseconds">GPU count × time of the epoch inside curtailment windows.</param>
public sealed record EpochObservation(
    PoolId PoolId,
    ulong Epoch,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int GpuCount,
    ushort UtilizationBps,
    ushort UptimeBps,
    ulong UpGpuMilliseconds,
    ulong DeliveredGpuMilliseconds,
    ulong EnergyMillijoules,
    ulong CurtailedGpuMilliseconds)
{
    /// <summary>Delivered GPU-hours in this epoch, floor. Cumulative figures come from
    /// <see cref="CumulativeTotals"/>, which floors the exact running sum instead of adding floored epochs.</summary>
    public ulong DeliveredGpuHours => ReportingUnits.ToGpuHours(this.DeliveredGpuMilliseconds);

    /// <summary>Energy in this epoch in whole kWh, floor.</summary>
    public ulong EnergyKwh => ReportingUnits.ToKilowattHours(this.EnergyMillijoules);

    /// <summary>Curtailed GPU-hours in this epoch, floor.</summary>
    public ulong CurtailedGpuHours => ReportingUnits.ToGpuHours(this.CurtailedGpuMilliseconds);
}
