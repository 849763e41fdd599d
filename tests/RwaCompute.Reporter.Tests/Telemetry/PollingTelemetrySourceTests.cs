using Microsoft.Extensions.Time.Testing;
using RwaCompute.Reporter.Telemetry;
using Xunit;

namespace RwaCompute.Reporter.Tests.Telemetry;

public sealed class PollingTelemetrySourceTests
{
    [Fact]
    public async Task Read_ScrapesAtOnceThenOnEveryTick_AndSkipsFailedScrapes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        using var scraper = new CountingScraper(clock, failOn: 2);
        var source = new PollingTelemetrySource(scraper, TimeSpan.FromSeconds(15), clock);
        using var cancellation = new CancellationTokenSource();
        var received = new List<GpuSample>();

        var reading = Task.Run(async () =>
        {
            await foreach (var sample in source.ReadSamplesAsync(cancellation.Token))
            {
                received.Add(sample);
                if (received.Count == 3)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        for (var tick = 0; tick < 3 && !reading.IsCompleted; tick++)
        {
            await scraper.WaitForCallAsync(tick + 1);
            clock.Advance(TimeSpan.FromSeconds(15));
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Equal(4, scraper.Calls);
        Assert.Equal(
            [clock.Start, clock.Start.AddSeconds(30), clock.Start.AddSeconds(45)],
            received.Select(s => s.Timestamp));
    }

    /// <summary>Returns one sample stamped with the fake clock per call; the n-th call fails.</summary>
    private sealed class CountingScraper(FakeTimeProvider clock, int failOn) : ITelemetryScraper, IDisposable
    {
        private readonly SemaphoreSlim called = new(0);

        public void Dispose() => this.called.Dispose();

        public int Calls { get; private set; }

        public async Task WaitForCallAsync(int count)
        {
            while (this.Calls < count)
            {
                await this.called.WaitAsync(TimeSpan.FromSeconds(5));
            }
        }

        public Task<IReadOnlyList<GpuSample>> ScrapeAsync(CancellationToken cancellationToken)
        {
            this.Calls++;
            this.called.Release();
            return this.Calls == failOn
                ? Task.FromException<IReadOnlyList<GpuSample>>(new TelemetryScrapeException("exporter down"))
                : Task.FromResult<IReadOnlyList<GpuSample>>([new GpuSample(clock.GetUtcNow(), "GPU-a", 0, 50, 300m, null)]);
        }
    }
}
