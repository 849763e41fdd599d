using Microsoft.Extensions.Logging;
using RwaCompute.Reporter.Telemetry;
using RwaCompute.Reporter.Telemetry.Dcgm;
using RwaCompute.Reporter.Telemetry.NvidiaSmi;
using RwaCompute.Reporter.Telemetry.Processes;
using RwaCompute.Reporter.Telemetry.Replay;

namespace RwaCompute.Reporter.Configuration;

/// <summary>Builds the telemetry source <see cref="ReporterOptions.Source"/> names, with its settings: nvidia-smi or
/// dcgm-exporter polled every <see cref="ReporterOptions.SamplingInterval"/>, or a replay file.</summary>
public static class TelemetrySourceFactory
{
    /// <summary>Creates the configured source (validate the options first: <see cref="ReporterOptionsValidator"/>).</summary>
    /// <param name="options">The reporter options.</param>
    /// <param name="httpClient">The client dcgm-exporter is scraped with (its lifetime is the caller's).</param>
    /// <param name="processRunner">Runs nvidia-smi.</param>
    /// <param name="timeProvider">The clock of the polling loop and of scrape timestamps.</param>
    /// <param name="loggerFactory">Where scrape problems are logged; none when <see langword="null"/>.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The source kind is unknown.</exception>
    public static ITelemetrySource Create(ReporterOptions options, HttpClient httpClient, IProcessRunner processRunner, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(processRunner);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ITelemetryScraper scraper;
        switch (options.Source)
        {
            case TelemetrySourceKind.Replay:
                return new ReplayTelemetrySource(options.Replay.Path, options.Replay.ShiftToNow ? timeProvider : null);
            case TelemetrySourceKind.NvidiaSmi:
                var smi = options.NvidiaSmi;
                scraper = new NvidiaSmiScraper(
                    processRunner,
                    smi.ExecutablePath,
                    TimeZoneInfo.FindSystemTimeZoneById(smi.TimeZone),
                    smi.Timeout,
                    string.IsNullOrWhiteSpace(smi.Hostname) ? null : smi.Hostname,
                    loggerFactory?.CreateLogger<NvidiaSmiScraper>());
                break;
            case TelemetrySourceKind.DcgmExporter:
                scraper = new DcgmExporterScraper(httpClient, options.DcgmExporter.Url, options.DcgmExporter.Timeout, timeProvider);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Source, "Unknown telemetry source.");
        }

        return new PollingTelemetrySource(scraper, options.SamplingInterval, timeProvider, loggerFactory?.CreateLogger<PollingTelemetrySource>());
    }
}
