using System.Collections.ObjectModel;
using RwaCompute.Reporter.Observations;

namespace RwaCompute.Reporter.Configuration;

/// <summary>
/// Everything the reporter node's measurement and safety layer needs, bound from configuration (the <c>Reporter</c>
/// section by convention) and checked by <see cref="ReporterOptionsValidator"/>.
/// </summary>
/// <example>
/// <code>
/// "Reporter": {
///   "DatabasePath": "/var/lib/rwa-reporter/safety.db",
///   "Source": "DcgmExporter",
///   "DcgmExporter": { "Url": "http://127.0.0.1:9400/metrics", "Timeout": "00:00:05" },
///   "SamplingInterval": "00:00:15",
///   "Staleness": "00:00:45",
///   "Epochs": { "Genesis": "2026-01-01T00:00:00Z", "Length": "01:00:00" },
///   "Pools": [ {
///     "PoolId": "fra-h100-a",
///     "GpuUuids": [ "GPU-5f2b1c3e-8d6a-4b0f-9e27-1a3c5d7e9f01", "…" ],
///     "CurtailmentWindows": [ { "Start": "2026-11-29T17:00:00Z", "End": "2026-11-29T19:00:00Z", "Reason": "grid demand response" } ]
///   } ]
/// }
/// </code>
/// </example>
public sealed class ReporterOptions
{
    /// <summary>The configuration section name used by convention.</summary>
    public const string SectionName = "Reporter";

    /// <summary>The safety database file (observations and the sign guard). Keep it on durable local storage and
    /// never share it between two nodes, nor start a node with a fresh copy: that would forget what it signed.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>Where samples come from.</summary>
    public TelemetrySourceKind Source { get; set; } = TelemetrySourceKind.NvidiaSmi;

    /// <summary>nvidia-smi settings (used when <see cref="Source"/> is <see cref="TelemetrySourceKind.NvidiaSmi"/>).</summary>
    public NvidiaSmiOptions NvidiaSmi { get; set; } = new();

    /// <summary>dcgm-exporter settings (used when <see cref="Source"/> is <see cref="TelemetrySourceKind.DcgmExporter"/>).</summary>
    public DcgmExporterOptions DcgmExporter { get; set; } = new();

    /// <summary>Replay settings (used when <see cref="Source"/> is <see cref="TelemetrySourceKind.Replay"/>).</summary>
    public ReplayOptions Replay { get; set; } = new();

    /// <summary>Time between two readings of a live source (whole milliseconds).</summary>
    public TimeSpan SamplingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a reading counts as fresh; a GPU without a fresher reading is down. At least the sampling
    /// interval (else even perfect sampling shows downtime); a few intervals tolerate a missed scrape.</summary>
    public TimeSpan Staleness { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>The epoch schedule.</summary>
    public EpochOptions Epochs { get; set; } = new();

    /// <summary>The pools this node measures.</summary>
    public Collection<PoolOptions> Pools { get; } = [];

    /// <summary>The calculator these options describe.</summary>
    /// <returns>The calculator.</returns>
    public ObservationCalculator ToCalculator() => new(this.Staleness);
}
