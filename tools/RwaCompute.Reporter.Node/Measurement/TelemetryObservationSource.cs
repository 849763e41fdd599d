using RwaCompute.Reporter.Configuration;
using RwaCompute.Reporter.Epochs;
using RwaCompute.Reporter.Observations;
using RwaCompute.Reporter.Pools;
using RwaCompute.Reporter.Node.Rounds;
using RwaCompute.Reporter.Safety;
using RwaCompute.Sdk.Oracle;

namespace RwaCompute.Reporter.Node.Measurement;

/// <summary>
/// This node's observations from its GPU telemetry: computed once per pool and closed epoch from the buffered samples,
/// persisted in the safety store before anyone sees them (the store keeps the first, so a restart gives the same
/// values), and reported with the pool's cumulative totals. <c>observedAt</c> is the epoch's end, the same instant on
/// every reporter. Epochs that began before the node started are not observed (no samples then is not downtime).
/// </summary>
public sealed class TelemetryObservationSource : IObservationSource
{
    private readonly IReadOnlyList<PoolDefinition> pools;
    private readonly EpochSchedule schedule;
    private readonly ObservationCalculator calculator;
    private readonly SampleBuffer buffer;
    private readonly SafetyStore store;
    private readonly TimeProvider time;
    private readonly DateTimeOffset startedAt;

    /// <summary>Creates the source.</summary>
    /// <param name="options">The reporter's measurement options (pools, epochs, staleness).</param>
    /// <param name="buffer">The buffered samples.</param>
    /// <param name="store">The safety store.</param>
    /// <param name="time">The clock.</param>
    public TelemetryObservationSource(ReporterOptions options, SampleBuffer buffer, SafetyStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        pools = [.. options.Pools.Select(p => p.ToDefinition())];
        schedule = options.Epochs.ToSchedule();
        calculator = options.ToCalculator();
        this.buffer = buffer ?? throw new ArgumentNullException(nameof(buffer));
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        startedAt = time.GetUtcNow();
        Pools = [.. pools.Select(p => p.PoolId.ToBytes())];
    }

    /// <inheritdoc/>
    public IReadOnlyList<byte[]> Pools { get; }

    /// <inheritdoc/>
    public async Task<UtilizationObservation?> ObserveAsync(byte[] poolId, ulong epoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        var pool = pools.FirstOrDefault(p => p.PoolId.ToBytes().AsSpan().SequenceEqual(poolId));
        if (pool is null)
        {
            return null;
        }

        var persisted = await store.GetObservationAsync(pool.PoolId, epoch, cancellationToken).ConfigureAwait(false);
        if (persisted is null)
        {
            var window = schedule.WindowOf(epoch);
            if (window.End > time.GetUtcNow() || window.Start < startedAt - calculator.Staleness)
            {
                // Not closed yet, or it began before this node was watching: missing samples then are not downtime.
                return null;
            }

            var observation = calculator.Calculate(pool, window, buffer.Between(window.Start - calculator.Staleness, window.End));
            try
            {
                persisted = (await store.RecordObservationAsync(observation, cancellationToken).ConfigureAwait(false)).Persisted;
            }
            catch (ObservationOutOfOrderException)
            {
                // A later epoch is already recorded: this one is past; the chain only wants the latest anyway.
                return null;
            }
        }

        var o = persisted.Observation;
        var totals = persisted.Totals;
        return new UtilizationObservation(o.UtilizationBps, o.UptimeBps, totals.DeliveredGpuHours, totals.EnergyKwh, totals.CurtailedGpuHours, (ulong)o.WindowEnd.ToUnixTimeSeconds());
    }
}
