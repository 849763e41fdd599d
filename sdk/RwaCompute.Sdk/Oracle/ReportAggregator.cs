using RwaCompute.Sdk.Clients;

namespace RwaCompute.Sdk.Oracle;

/// <summary>
/// Builds the one report a round's reporters all sign: the LOWER median (sorted element <c>(n - 1) / 2</c>) of each
/// field over the observations, independently, and the observer bitmap. With at most f faulty reporters among at
/// least 2f + 1 observations, every median lies within the range of the honest observations. Cumulative counters
/// are raised to the pool's last stored values when a different set of observers would put them below (the
/// contract refuses decreasing counters).
/// </summary>
public static class ReportAggregator
{
    /// <summary>The aggregate of <paramref name="observations"/>.</summary>
    /// <param name="poolId">The pool (32 bytes).</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="configVersion">The oracle's current configuration version.</param>
    /// <param name="observations">One observation per reporter (distinct indices 0..31).</param>
    /// <param name="previous">The pool's stored report, if any (cumulative floors).</param>
    /// <returns>The report to sign.</returns>
    /// <exception cref="ArgumentException">No observations, or a reporter index out of range or repeated.</exception>
    public static OracleReport Aggregate(byte[] poolId, ulong epoch, uint configVersion, IReadOnlyList<ReporterObservation> observations, UtilizationReport? previous = null)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count == 0)
        {
            throw new ArgumentException("At least one observation is needed.", nameof(observations));
        }

        uint observers = 0;
        foreach (var o in observations)
        {
            ArgumentNullException.ThrowIfNull(o);
            if (o.ReporterIndex is < 0 or > 31)
            {
                throw new ArgumentException($"Reporter index {o.ReporterIndex} is outside 0..31.", nameof(observations));
            }

            var bit = 1u << o.ReporterIndex;
            if ((observers & bit) != 0)
            {
                throw new ArgumentException($"Reporter {o.ReporterIndex} observed twice.", nameof(observations));
            }

            observers |= bit;
        }

        var values = observations.Select(o => o.Observation).ToList();
        return new OracleReport(
            poolId,
            epoch,
            (ushort)LowerMedian(values.Select(v => (ulong)v.UtilizationBps)),
            (ushort)LowerMedian(values.Select(v => (ulong)v.UptimeBps)),
            Math.Max(LowerMedian(values.Select(v => v.DeliveredGpuHours)), previous?.DeliveredGpuHours ?? 0),
            Math.Max(LowerMedian(values.Select(v => v.EnergyKwh)), previous?.EnergyKwh ?? 0),
            Math.Max(LowerMedian(values.Select(v => v.CurtailedGpuHours)), previous?.CurtailedGpuHours ?? 0),
            LowerMedian(values.Select(v => v.ObservedAt)),
            observers,
            configVersion);
    }

    /// <summary>Sorted element <c>(n - 1) / 2</c>.</summary>
    /// <param name="values">The values (at least one).</param>
    /// <returns>The lower median.</returns>
    public static ulong LowerMedian(IEnumerable<ulong> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? throw new ArgumentException("No values.", nameof(values)) : sorted[(sorted.Length - 1) / 2];
    }
}
