namespace RwaCompute.Reporter.Configuration;

/// <summary>Where dcgm-exporter serves its metrics.</summary>
public sealed class DcgmExporterOptions
{
    /// <summary>The metrics URL (dcgm-exporter listens on :9400 by default).</summary>
    public Uri Url { get; set; } = new("http://127.0.0.1:9400/metrics");

    /// <summary>How long one scrape may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
