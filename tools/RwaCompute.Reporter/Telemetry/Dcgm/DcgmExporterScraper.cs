using RwaCompute.Reporter.Telemetry.Prometheus;

namespace RwaCompute.Reporter.Telemetry.Dcgm;

/// <summary>
/// Reads every GPU of the host from dcgm-exporter's <c>/metrics</c> endpoint (by default
/// <c>http://127.0.0.1:9400/metrics</c>) over an injected <see cref="HttpClient"/>. Samples without their own
/// timestamp are stamped with the time the response arrived.
/// </summary>
public sealed class DcgmExporterScraper : ITelemetryScraper
{
    private readonly HttpClient httpClient;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan timeout;

    /// <summary>Creates the scraper.</summary>
    /// <param name="httpClient">The client (its lifetime is the caller's).</param>
    /// <param name="metricsUrl">The exporter's metrics URL.</param>
    /// <param name="timeout">How long one scrape may take.</param>
    /// <param name="timeProvider">The clock that stamps samples.</param>
    public DcgmExporterScraper(HttpClient httpClient, Uri metricsUrl, TimeSpan timeout, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(metricsUrl);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (!metricsUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The metrics URL must be absolute.", nameof(metricsUrl));
        }

        this.httpClient = httpClient;
        this.MetricsUrl = metricsUrl;
        this.timeout = timeout;
        this.timeProvider = timeProvider;
    }

    /// <summary>The exporter's metrics URL.</summary>
    public Uri MetricsUrl { get; }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<GpuSample>> ScrapeAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(this.timeout);
        string body;
        try
        {
            using var response = await this.httpClient.GetAsync(this.MetricsUrl, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new TelemetryScrapeException($"{this.MetricsUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new TelemetryScrapeException($"{this.MetricsUrl} could not be scraped: {exception.Message}", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TelemetryScrapeException($"{this.MetricsUrl} did not answer within {this.timeout.TotalSeconds:0.###} s.", exception);
        }

        var scrapedAt = this.timeProvider.GetUtcNow();
        PrometheusExposition exposition;
        try
        {
            exposition = PrometheusTextParser.Parse(body);
        }
        catch (TelemetryFormatException exception)
        {
            throw new TelemetryScrapeException($"{this.MetricsUrl} served a malformed exposition: {exception.Message}", exception);
        }

        var samples = DcgmSampleMapper.ToGpuSamples(exposition, scrapedAt);
        return samples.Count > 0
            ? samples
            : throw new TelemetryScrapeException($"{this.MetricsUrl} exported no {DcgmFields.GpuUtilization}, {DcgmFields.PowerUsage} or {DcgmFields.TotalEnergyConsumption} series with a UUID.");
    }
}
