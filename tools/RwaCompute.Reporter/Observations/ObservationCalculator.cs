using RwaCompute.Reporter.Epochs;
using RwaCompute.Reporter.Pools;
using RwaCompute.Reporter.Telemetry;

namespace RwaCompute.Reporter.Observations;

/// <summary>
/// Computes a pool's <see cref="EpochObservation"/> from GPU samples, in integer milliseconds and integer or decimal
/// arithmetic only, so the same samples always give the same observation, whatever their order.
/// </summary>
/// <remarks>
/// <para><b>Coverage (sample-and-hold).</b> A GPU's reading at time t (a sample with a utilization) covers
/// [t, min(t + staleness, next reading)). Time not covered by any reading (no sample, a scrape that failed, a reading
/// older than the staleness, a sample whose utilization was N/A) is that GPU's <i>downtime</i>; it is never read as
/// zero utilization. Readings with the same millisecond timestamp are deduplicated (the lowest value wins, for
/// order independence).</para>
/// <para><b>Curtailment.</b> Time inside the pool's curtailment windows is taken out of the availability accounts: it
/// is neither up-time nor downtime, and is reported as curtailed GPU-time (GPU count × curtailed time). The epoch's
/// GPU-time is thus partitioned into curtailed + up + down, and delivered ≤ up.</para>
/// <para><b>Energy.</b> Per GPU: if any of its samples carries the energy counter, the energy is the sum of counter
/// deltas whose later reading falls in the epoch (the delta to the previous reading, which may be before the epoch
/// starts; a reading lower than the previous one is a reset, counted from zero: its delta is the new value). Every
/// delta is thus counted in exactly one epoch. Otherwise power is integrated by sample-and-hold over the same
/// coverage rule (watts × ms = mJ), curtailment included: energy is physical.</para>
/// <para><b>Samples needed.</b> Pass the samples of the epoch and of the staleness before it (a reading just before the
/// start covers the start), and for counters the last reading before the start (the first delta's baseline). Samples
/// of GPUs outside the pool are ignored.</para>
/// </remarks>
public sealed class ObservationCalculator
{
    /// <summary>Creates a calculator.</summary>
    /// <param name="staleness">How long a reading stays fresh; whole milliseconds, positive.</param>
    public ObservationCalculator(TimeSpan staleness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(staleness, TimeSpan.Zero);
        if (staleness.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(staleness), staleness, "The staleness must be whole milliseconds.");
        }

        this.Staleness = staleness;
    }

    /// <summary>How long a reading stays fresh.</summary>
    public TimeSpan Staleness { get; }

    /// <summary>Computes the observation of one pool in one epoch.</summary>
    /// <param name="pool">The pool: its GPUs and curtailment windows.</param>
    /// <param name="window">The epoch.</param>
    /// <param name="samples">Samples around the epoch (see remarks); any order.</param>
    /// <returns>The observation.</returns>
    /// <exception cref="ArgumentException">The pool has no GPU, or the window is empty.</exception>
    /// <exception cref="OverflowException">The energy does not fit in 64 bits of millijoules.</exception>
    public EpochObservation Calculate(PoolDefinition pool, EpochWindow window, IEnumerable<GpuSample> samples)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(samples);
        var epoch = MillisecondSpan.Of(window.Start, window.End);
        if (epoch.Length == 0)
        {
            throw new ArgumentException("The epoch window is empty.", nameof(window));
        }

        var byGpu = new Dictionary<string, List<GpuSample>>(StringComparer.OrdinalIgnoreCase);
        foreach (var uuid in pool.GpuUuids)
        {
            byGpu.TryAdd(uuid, []);
        }

        if (byGpu.Count == 0)
        {
            throw new ArgumentException($"Pool {pool.PoolId} has no GPU.", nameof(pool));
        }

        foreach (var sample in samples)
        {
            if (byGpu.TryGetValue(sample.GpuUuid, out var list))
            {
                list.Add(sample);
            }
        }

        var curtailment = MillisecondSpan.Union(pool.CurtailmentWindows.Select(w => MillisecondSpan.Of(w.Start, w.End)), epoch);
        var curtailedPerGpu = (ulong)epoch.OverlapWith(curtailment);
        var staleMs = (long)this.Staleness.TotalMilliseconds;
        ulong up = 0;
        UInt128 weighted = 0;
        UInt128 counterEnergy = 0;
        decimal powerEnergy = 0;
        foreach (var gpuSamples in byGpu.Values)
        {
            var (gpuUp, gpuWeighted) = Availability(gpuSamples, epoch, curtailment, staleMs);
            up += gpuUp;
            weighted += gpuWeighted;
            if (gpuSamples.Any(s => s.EnergyMillijoules is not null))
            {
                counterEnergy += CounterEnergy(gpuSamples, epoch);
            }
            else
            {
                powerEnergy += PowerEnergy(gpuSamples, epoch, staleMs);
            }
        }

        var gpuCount = byGpu.Count;
        var scheduled = (UInt128)(ulong)gpuCount * ((ulong)epoch.Length - curtailedPerGpu);
        var uptimeBps = scheduled == 0 ? ReportingUnits.MaxBps : (ushort)((UInt128)up * ReportingUnits.MaxBps / scheduled);
        var utilizationBps = up == 0 ? (ushort)0 : (ushort)(weighted * 100 / up);
        var energy = checked((ulong)(counterEnergy + (UInt128)decimal.Floor(powerEnergy)));
        return new EpochObservation(
            pool.PoolId,
            window.Epoch,
            window.Start,
            window.End,
            gpuCount,
            utilizationBps,
            uptimeBps,
            up,
            (ulong)(weighted / 100),
            energy,
            (ulong)gpuCount * curtailedPerGpu);
    }

    /// <summary>Up-time (ms) and utilization-weighted up-time (percent × ms) of one GPU outside curtailment.</summary>
    private static (ulong Up, UInt128 Weighted) Availability(List<GpuSample> samples, MillisecondSpan epoch, IReadOnlyList<MillisecondSpan> curtailment, long staleMs)
    {
        var readings = Deduplicate(samples.Where(s => s.UtilizationPercent is not null).Select(s => (s.Timestamp.ToUnixTimeMilliseconds(), (decimal)s.UtilizationPercent!.Value)));
        ulong up = 0;
        UInt128 weighted = 0;
        for (var i = 0; i < readings.Count; i++)
        {
            var covered = Coverage(readings, i, staleMs).Intersect(epoch);
            if (covered.Length == 0)
            {
                continue;
            }

            var length = (ulong)(covered.Length - covered.OverlapWith(curtailment));
            up += length;
            weighted += (UInt128)(ulong)readings[i].Value * length;
        }

        return (up, weighted);
    }

    /// <summary>Σ counter deltas (mJ) whose later reading is in the epoch; a decrease is a reset.</summary>
    private static UInt128 CounterEnergy(List<GpuSample> samples, MillisecondSpan epoch)
    {
        var readings = Deduplicate(samples.Where(s => s.EnergyMillijoules is not null).Select(s => (s.Timestamp.ToUnixTimeMilliseconds(), (decimal)s.EnergyMillijoules!.Value)));
        UInt128 energy = 0;
        for (var i = 1; i < readings.Count; i++)
        {
            if (readings[i].Time < epoch.Start || readings[i].Time >= epoch.End)
            {
                continue;
            }

            var current = (ulong)readings[i].Value;
            var previous = (ulong)readings[i - 1].Value;
            energy += current >= previous ? current - previous : current;
        }

        return energy;
    }

    /// <summary>Σ watts × covered ms (mJ) by sample-and-hold within the epoch.</summary>
    private static decimal PowerEnergy(List<GpuSample> samples, MillisecondSpan epoch, long staleMs)
    {
        var readings = Deduplicate(samples.Where(s => s.PowerWatts is not null).Select(s => (s.Timestamp.ToUnixTimeMilliseconds(), s.PowerWatts!.Value)));
        decimal energy = 0;
        for (var i = 0; i < readings.Count; i++)
        {
            energy += readings[i].Value * Coverage(readings, i, staleMs).Intersect(epoch).Length;
        }

        return energy;
    }

    private static MillisecondSpan Coverage(List<(long Time, decimal Value)> readings, int i, long staleMs)
    {
        var start = readings[i].Time;
        var end = start + staleMs;
        if (i + 1 < readings.Count)
        {
            end = Math.Min(end, readings[i + 1].Time);
        }

        return new MillisecondSpan(start, end);
    }

    /// <summary>Readings sorted by time, one per millisecond (the lowest value), so input order never matters.</summary>
    private static List<(long Time, decimal Value)> Deduplicate(IEnumerable<(long Time, decimal Value)> readings)
    {
        var sorted = readings.OrderBy(r => r.Time).ThenBy(r => r.Value).ToList();
        var result = new List<(long Time, decimal Value)>(sorted.Count);
        foreach (var reading in sorted)
        {
            if (result.Count == 0 || result[^1].Time != reading.Time)
            {
                result.Add(reading);
            }
        }

        return result;
    }
}
