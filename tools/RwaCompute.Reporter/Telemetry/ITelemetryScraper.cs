namespace RwaCompute.Reporter.Telemetry;

/// <summary>One reading of every GPU a collector can see (one nvidia-smi run, one scrape of dcgm-exporter).</summary>
public interface ITelemetryScraper
{
    /// <summary>Takes one reading.</summary>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>One sample per GPU that answered; a GPU that did not answer is absent.</returns>
    /// <exception cref="TelemetryScrapeException">Nothing could be read (the collector failed, timed out, or printed
    /// something that is not its format).</exception>
    Task<IReadOnlyList<GpuSample>> ScrapeAsync(CancellationToken cancellationToken);
}
