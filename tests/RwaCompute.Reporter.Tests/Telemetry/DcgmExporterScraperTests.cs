using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using RwaCompute.Reporter.Telemetry;
using RwaCompute.Reporter.Telemetry.Dcgm;
using RwaCompute.Reporter.Tests.Fakes;
using Xunit;

namespace RwaCompute.Reporter.Tests.Telemetry;

public sealed class DcgmExporterScraperTests
{
    private static readonly Uri Url = new("http://127.0.0.1:9400/metrics");

    // No proxy: an HTTP_PROXY in the environment must not route a loopback scrape elsewhere.
    private static HttpClient LoopbackClient() => new(new SocketsHttpHandler { UseProxy = false });
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Scrape_ReadsTheExporterAndStampsSamplesWithTheScrapeTime()
    {
        var handler = StubHttpHandler.Text(CaptureFiles.Read(CaptureFiles.DcgmScrape1));
        using var http = new HttpClient(handler);
        var scraper = new DcgmExporterScraper(http, Url, TimeSpan.FromSeconds(5), this.clock);

        var samples = await scraper.ScrapeAsync(CancellationToken.None);

        Assert.Equal([Url], handler.Requests);
        Assert.Equal(8, samples.Count);
        Assert.All(samples, s => Assert.Equal(this.clock.GetUtcNow(), s.Timestamp));
    }

    [Fact]
    public async Task Scrape_ErrorStatus_IsAScrapeFailure()
    {
        using var http = new HttpClient(StubHttpHandler.Text("DCGM not ready", HttpStatusCode.ServiceUnavailable));
        var scraper = new DcgmExporterScraper(http, Url, TimeSpan.FromSeconds(5), this.clock);

        var exception = await Assert.ThrowsAsync<TelemetryScrapeException>(() => scraper.ScrapeAsync(CancellationToken.None));

        Assert.Contains("503", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_MalformedExposition_IsAScrapeFailure()
    {
        using var http = new HttpClient(StubHttpHandler.Text("DCGM_FI_DEV_GPU_UTIL{gpu=\"0\" 5\n"));
        var scraper = new DcgmExporterScraper(http, Url, TimeSpan.FromSeconds(5), this.clock);

        var exception = await Assert.ThrowsAsync<TelemetryScrapeException>(() => scraper.ScrapeAsync(CancellationToken.None));

        Assert.IsType<TelemetryFormatException>(exception.InnerException);
    }

    [Fact]
    public async Task Scrape_NoGpuSeries_IsAScrapeFailure()
    {
        using var http = new HttpClient(StubHttpHandler.Text("# exporter up, DCGM lost every GPU\n"));
        var scraper = new DcgmExporterScraper(http, Url, TimeSpan.FromSeconds(5), this.clock);

        await Assert.ThrowsAsync<TelemetryScrapeException>(() => scraper.ScrapeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Scrape_ExporterHangs_TimesOutAsAScrapeFailure()
    {
        var handler = new StubHttpHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var http = new HttpClient(handler);
        var scraper = new DcgmExporterScraper(http, Url, TimeSpan.FromMilliseconds(100), TimeProvider.System);

        var exception = await Assert.ThrowsAsync<TelemetryScrapeException>(() => scraper.ScrapeAsync(CancellationToken.None));

        Assert.Contains("did not answer", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_CallerCancels_PropagatesCancellation()
    {
        var handler = new StubHttpHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var http = new HttpClient(handler);
        var scraper = new DcgmExporterScraper(http, Url, TimeSpan.FromSeconds(30), TimeProvider.System);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scraper.ScrapeAsync(cancellation.Token));
    }

    [Fact]
    public async Task Scrape_NothingListening_IsAScrapeFailure()
    {
        // A port on 127.0.0.1 that was free a moment ago: connection refused.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var http = LoopbackClient();
        var scraper = new DcgmExporterScraper(http, new Uri($"http://127.0.0.1:{port}/metrics"), TimeSpan.FromSeconds(5), this.clock);

        var exception = await Assert.ThrowsAsync<TelemetryScrapeException>(() => scraper.ScrapeAsync(CancellationToken.None));

        Assert.IsType<HttpRequestException>(exception.InnerException);
    }

    [Fact]
    public async Task Scrape_ARealHttpExporterOnLoopback_Works()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var body = Encoding.UTF8.GetBytes(CaptureFiles.Read(CaptureFiles.DcgmScrape2));
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var request = new StringBuilder();
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    break;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            var header = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(header);
            await stream.WriteAsync(body);
            return request.ToString();
        });
        using var http = LoopbackClient();
        var scraper = new DcgmExporterScraper(http, new Uri($"http://127.0.0.1:{port}/metrics"), TimeSpan.FromSeconds(10), this.clock);

        var samples = await scraper.ScrapeAsync(CancellationToken.None);

        Assert.StartsWith("GET /metrics HTTP/1.1", await server, StringComparison.Ordinal);
        Assert.Equal(8, samples.Count);
        Assert.Equal(3_093_415_622UL + (600UL * 30_000), samples[0].EnergyMillijoules);
    }
}
