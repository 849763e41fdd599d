using RwaCompute.Reporter.Telemetry;

namespace RwaCompute.Reporter.Node.Measurement;

/// <summary>The telemetry samples of the last few epochs, in memory (observations are persisted, samples are not).</summary>
public sealed class SampleBuffer
{
    private readonly object gate = new();
    private readonly List<GpuSample> samples = [];
    private readonly TimeSpan retention;
    private readonly TimeProvider time;

    /// <summary>Creates the buffer.</summary>
    /// <param name="retention">How long samples are kept (measured on the clock, not on the samples, so a replay
    /// recorded ahead of time keeps its future samples).</param>
    /// <param name="time">The clock.</param>
    public SampleBuffer(TimeSpan retention, TimeProvider time)
    {
        this.retention = retention > TimeSpan.Zero ? retention : throw new ArgumentOutOfRangeException(nameof(retention));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Adds a sample and drops those older than the retention before now.</summary>
    /// <param name="sample">The sample.</param>
    public void Add(GpuSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        lock (gate)
        {
            samples.Add(sample);
            var horizon = time.GetUtcNow() - retention;
            samples.RemoveAll(s => s.Timestamp < horizon);
        }
    }

    /// <summary>The samples with a timestamp in <c>[from, to)</c>.</summary>
    /// <param name="from">Start (inclusive).</param>
    /// <param name="to">End (exclusive).</param>
    /// <returns>A copy.</returns>
    public IReadOnlyList<GpuSample> Between(DateTimeOffset from, DateTimeOffset to)
    {
        lock (gate)
        {
            return [.. samples.Where(s => s.Timestamp >= from && s.Timestamp < to)];
        }
    }
}
