using System.Runtime.CompilerServices;

namespace RwaCompute.Reporter.Telemetry.Replay;

/// <summary>Replays a recording in the <see cref="GpuSampleJsonLines"/> format, as fast as it is read, and ends with
/// the file. For tests and demos: the samples carry their recorded timestamps, so the observations they produce are
/// the ones the live node would have computed.</summary>
public sealed class ReplayTelemetrySource : ITelemetrySource
{
    /// <summary>Creates the source.</summary>
    /// <param name="path">The recording.</param>
    public ReplayTelemetrySource(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        this.Path = path;
    }

    /// <summary>The recording.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public async IAsyncEnumerable<GpuSample> ReadSamplesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(this.Path);
        await foreach (var sample in GpuSampleJsonLines.ReadAsync(reader, cancellationToken).ConfigureAwait(false))
        {
            yield return sample;
        }
    }
}
