namespace RwaCompute.Reporter.Telemetry;

/// <summary>A stream of GPU readings: a live source polls on an interval until cancelled, a replay ends with its file.</summary>
public interface ITelemetrySource
{
    /// <summary>Reads samples as they come. A live source keeps going through failed scrapes (a failed scrape yields
    /// nothing, which the calculator counts as downtime) and ends only when cancelled.</summary>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The samples, in the order the source produced them.</returns>
    IAsyncEnumerable<GpuSample> ReadSamplesAsync(CancellationToken cancellationToken);
}
