using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RwaCompute.Reporter.Telemetry;

/// <summary>
/// A live source: runs a scraper at once and then on every tick of a fixed interval (a <see cref="PeriodicTimer"/> on
/// the given <see cref="TimeProvider"/>, so ticks do not drift with the scrape's duration and tests can drive the
/// clock). A failed scrape is logged and yields nothing for that tick: the missing samples become downtime in the
/// observation, which is the honest reading of "could not measure".
/// </summary>
public sealed partial class PollingTelemetrySource : ITelemetrySource
{
    private readonly ITelemetryScraper scraper;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    /// <summary>Creates the source.</summary>
    /// <param name="scraper">What one reading runs.</param>
    /// <param name="interval">Time between readings.</param>
    /// <param name="timeProvider">The clock (<see cref="TimeProvider.System"/> in production).</param>
    /// <param name="logger">Where failed scrapes are reported; none when <see langword="null"/>.</param>
    public PollingTelemetrySource(ITelemetryScraper scraper, TimeSpan interval, TimeProvider timeProvider, ILogger<PollingTelemetrySource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(scraper);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        this.scraper = scraper;
        this.Interval = interval;
        this.timeProvider = timeProvider;
        this.logger = logger ?? NullLogger<PollingTelemetrySource>.Instance;
    }

    /// <summary>Time between readings.</summary>
    public TimeSpan Interval { get; }

    /// <summary>What one reading runs.</summary>
    public ITelemetryScraper Scraper => this.scraper;

    /// <inheritdoc/>
    public async IAsyncEnumerable<GpuSample> ReadSamplesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(this.Interval, this.timeProvider);
        do
        {
            IReadOnlyList<GpuSample> samples;
            try
            {
                samples = await this.scraper.ScrapeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TelemetryScrapeException exception)
            {
                this.LogScrapeFailed(exception);
                samples = [];
            }

            foreach (var sample in samples)
            {
                yield return sample;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Telemetry scrape failed; this interval counts as downtime.")]
    private partial void LogScrapeFailed(Exception exception);
}
