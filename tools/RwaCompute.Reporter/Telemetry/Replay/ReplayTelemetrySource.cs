using System.Runtime.CompilerServices;

namespace RwaCompute.Reporter.Telemetry.Replay;

/// <summary>Replays a recording in the <see cref="GpuSampleJsonLines"/> format, as fast as it is read, and ends with
/// the file. For tests and demos: the samples carry their recorded timestamps, so the observations they produce are
/// the ones the live node would have computed.</summary>
public sealed class ReplayTelemetrySource : ITelemetrySource
{
    private readonly TimeProvider? shiftTo;

    /// <summary>Creates the source.</summary>
    /// <param name="path">The recording.</param>
    /// <param name="shiftTo">When given, every sample is moved by the same amount so that the first one is at this
    /// clock's now (a capture replayed as if live); otherwise the recorded timestamps are kept.</param>
    public ReplayTelemetrySource(string path, TimeProvider? shiftTo = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        this.Path = path;
        this.shiftTo = shiftTo;
    }

    /// <summary>The recording.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public async IAsyncEnumerable<GpuSample> ReadSamplesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(this.Path);
        TimeSpan? shift = null;
        await foreach (var sample in GpuSampleJsonLines.ReadAsync(reader, cancellationToken).ConfigureAwait(false))
        {
            if (this.shiftTo is null)
            {
                yield return sample;
                continue;
            }

            shift ??= this.shiftTo.GetUtcNow() - sample.Timestamp;
            yield return sample with { Timestamp = sample.Timestamp + shift.Value };
        }
    }
}
