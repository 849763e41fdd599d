using Microsoft.Extensions.Time.Testing;
using RwaCompute.Reporter.Configuration;
using RwaCompute.Reporter.Telemetry;
using RwaCompute.Reporter.Telemetry.Dcgm;
using RwaCompute.Reporter.Telemetry.NvidiaSmi;
using RwaCompute.Reporter.Telemetry.Replay;
using RwaCompute.Reporter.Tests.Fakes;
using Xunit;

namespace RwaCompute.Reporter.Tests.Configuration;

public sealed class TelemetrySourceFactoryTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Create_NvidiaSmi_PollsTheConfiguredProgramInTheConfiguredZone()
    {
        var options = ReporterOptionsValidatorTests.Valid();
        options.NvidiaSmi.ExecutablePath = "/opt/nvidia/bin/nvidia-smi";
        options.NvidiaSmi.TimeZone = "Europe/Berlin";
        options.NvidiaSmi.Hostname = "gpu-node-07";
        var runner = new ScriptedProcessRunner().Returns(0, "2026/11/29 13:00:00.000, 0, GPU-a, NVIDIA H100 80GB HBM3, 87, 612.45\n");
        using var http = new HttpClient(StubHttpHandler.Text(string.Empty));

        var source = Assert.IsType<PollingTelemetrySource>(TelemetrySourceFactory.Create(options, http, runner, this.clock));
        var sample = await FirstAsync(source);

        Assert.IsType<NvidiaSmiScraper>(source.Scraper);
        Assert.Equal(options.SamplingInterval, source.Interval);
        Assert.Equal("/opt/nvidia/bin/nvidia-smi", Assert.Single(runner.Runs).FileName);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), sample.Timestamp);
        Assert.Equal("gpu-node-07", sample.Hostname);
    }

    [Fact]
    public async Task Create_DcgmExporter_ScrapesTheConfiguredUrl()
    {
        var options = ReporterOptionsValidatorTests.Valid();
        options.Source = TelemetrySourceKind.DcgmExporter;
        options.DcgmExporter.Url = new Uri("http://127.0.0.1:19400/metrics");
        var handler = StubHttpHandler.Text(CaptureFiles.Read(CaptureFiles.DcgmScrape1));
        using var http = new HttpClient(handler);

        var source = Assert.IsType<PollingTelemetrySource>(TelemetrySourceFactory.Create(options, http, new ScriptedProcessRunner(), this.clock));
        var sample = await FirstAsync(source);

        Assert.IsType<DcgmExporterScraper>(source.Scraper);
        Assert.Equal([options.DcgmExporter.Url], handler.Requests);
        Assert.Equal(this.clock.GetUtcNow(), sample.Timestamp);
    }

    [Fact]
    public async Task Create_Replay_ReadsTheConfiguredFile()
    {
        var options = ReporterOptionsValidatorTests.Valid();
        options.Source = TelemetrySourceKind.Replay;
        options.Replay.Path = CaptureFiles.PathOf(CaptureFiles.Replay);
        using var http = new HttpClient(StubHttpHandler.Text(string.Empty));

        var source = Assert.IsType<ReplayTelemetrySource>(TelemetrySourceFactory.Create(options, http, new ScriptedProcessRunner(), this.clock));

        Assert.Equal(CaptureFiles.Uuids[0], (await FirstAsync(source)).GpuUuid);
    }

    private static async Task<GpuSample> FirstAsync(ITelemetrySource source)
    {
        using var cancellation = new CancellationTokenSource();
        await foreach (var sample in source.ReadSamplesAsync(cancellation.Token))
        {
            await cancellation.CancelAsync();
            return sample;
        }

        throw new InvalidOperationException("The source yielded nothing.");
    }
}
