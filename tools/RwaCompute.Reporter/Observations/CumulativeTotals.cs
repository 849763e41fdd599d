using RwaCompute.Reporter.Pools;

namespace RwaCompute.Reporter.Observations;

/// <summary>
/// A pool's running totals through an epoch, as the chain wants delivered GPU-hours and energy: cumulative counters
/// that never decrease. The node keeps the exact sums (GPU-milliseconds, millijoules) and floors only the reported
/// figure, so rounding never accumulates: the cumulative GPU-hours after epoch n are
/// floor(Σ delivered ms of epochs ≤ n / 3 600 000), which may exceed the sum of the epochs' floored GPU-hours.
/// </summary>
/// <param name="PoolId">The pool.</param>
/// <param name="ThroughEpoch">The last epoch included, or <see langword="null"/> before the first.</param>
/// <param name="DeliveredGpuMilliseconds">Σ delivered GPU-milliseconds.</param>
/// <param name="EnergyMillijoules">Σ energy, millijoules (128-bit: a large pool passes 2^64 mJ ≈ 5 TWh in years).</param>
/// <param name="CurtailedGpuMilliseconds">Σ curtailed GPU-milliseconds.</param>
public sealed record CumulativeTotals(
    PoolId PoolId,
    ulong? ThroughEpoch,
    ulong DeliveredGpuMilliseconds,
    UInt128 EnergyMillijoules,
    ulong CurtailedGpuMilliseconds)
{
    /// <summary>Cumulative delivered GPU-hours, floor of the exact sum.</summary>
    public ulong DeliveredGpuHours => ReportingUnits.ToGpuHours(this.DeliveredGpuMilliseconds);

    /// <summary>Cumulative energy in whole kWh, floor of the exact sum.</summary>
    public ulong EnergyKwh => ReportingUnits.ToKilowattHours(this.EnergyMillijoules);

    /// <summary>Cumulative curtailed GPU-hours, floor of the exact sum.</summary>
    public ulong CurtailedGpuHours => ReportingUnits.ToGpuHours(this.CurtailedGpuMilliseconds);

    /// <summary>Totals of a pool before its first observation.</summary>
    /// <param name="poolId">The pool.</param>
    /// <returns>Zero totals.</returns>
    public static CumulativeTotals Zero(PoolId poolId) => new(poolId, null, 0, UInt128.Zero, 0);

    /// <summary>The totals after one more epoch.</summary>
    /// <param name="observation">The next observation: same pool, a later epoch.</param>
    /// <returns>The new totals.</returns>
    /// <exception cref="ArgumentException">The observation is of another pool, or not after <see cref="ThroughEpoch"/>.</exception>
    /// <exception cref="OverflowException">A total no longer fits.</exception>
    public CumulativeTotals Add(EpochObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.PoolId != this.PoolId)
        {
            throw new ArgumentException($"The observation is of pool {observation.PoolId}, the totals of pool {this.PoolId}.", nameof(observation));
        }

        if (this.ThroughEpoch is { } through && observation.Epoch <= through)
        {
            throw new ArgumentException($"Epoch {observation.Epoch} is not after epoch {through}, which the totals already include.", nameof(observation));
        }

        return new CumulativeTotals(
            this.PoolId,
            observation.Epoch,
            checked(this.DeliveredGpuMilliseconds + observation.DeliveredGpuMilliseconds),
            checked(this.EnergyMillijoules + observation.EnergyMillijoules),
            checked(this.CurtailedGpuMilliseconds + observation.CurtailedGpuMilliseconds));
    }
}
