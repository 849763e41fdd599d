using System.Text.Json;

namespace RwaCompute.Reporter.Telemetry.Replay;

/// <summary>
/// The replay format: JSON Lines, one <see cref="GpuSample"/> per line, camelCase, absent fields omitted or null:
/// <code>
/// {"timestamp":"2026-11-29T12:00:00.123+00:00","gpuUuid":"GPU-5f2b…","gpuIndex":0,"utilizationPercent":87,"powerWatts":612.45,"modelName":"NVIDIA H100 80GB HBM3"}
/// {"timestamp":"2026-11-29T12:00:30+00:00","gpuUuid":"GPU-5f2b…","gpuIndex":0,"utilizationPercent":91,"powerWatts":655.1,"energyMillijoules":3093415622}
/// </code>
/// Blank lines are skipped. Numbers are exact decimals (power) and integers (utilization, energy): a recording
/// replays to the same observation it was recorded for.
/// </summary>
public static class GpuSampleJsonLines
{
    /// <summary>Reads samples from a JSON Lines reader, in file order.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The samples.</returns>
    /// <exception cref="TelemetryFormatException">A line is not a sample.</exception>
    public static async IAsyncEnumerable<GpuSample> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Deserialize(line, lineNumber);
            }
        }
    }

    /// <summary>Writes one sample as one line.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="sample">The sample.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the line is written.</returns>
    public static async Task WriteAsync(TextWriter writer, GpuSample sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(sample);
        var line = JsonSerializer.Serialize(sample, ReplayJsonContext.Default.GpuSample);
        await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    private static GpuSample Deserialize(string line, int lineNumber)
    {
        GpuSample? sample;
        try
        {
            sample = JsonSerializer.Deserialize(line, ReplayJsonContext.Default.GpuSample);
        }
        catch (JsonException exception)
        {
            throw new TelemetryFormatException(lineNumber, $"not a sample: {exception.Message}");
        }

        return sample is null || string.IsNullOrEmpty(sample.GpuUuid) || sample.Timestamp == default
            ? throw new TelemetryFormatException(lineNumber, "a sample needs a timestamp and a gpuUuid.")
            : sample;
    }
}
