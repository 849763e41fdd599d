using System.ComponentModel;
using RwaCompute.Reporter.Telemetry;
using RwaCompute.Reporter.Telemetry.NvidiaSmi;
using RwaCompute.Reporter.Tests.Fakes;
using Xunit;

namespace RwaCompute.Reporter.Tests.Telemetry;

public sealed class NvidiaSmiScraperTests
{
    private const string Row = "2026/11/29 12:00:00.123, 0, GPU-5f2b1c3e-8d6a-4b0f-9e27-1a3c5d7e9f01, NVIDIA H100 80GB HBM3, 87, 612.45\n";

    [Fact]
    public async Task Scrape_RunsTheQueryAndParsesItsOutput()
    {
        var runner = new ScriptedProcessRunner().Returns(0, Row);
        var scraper = new NvidiaSmiScraper(runner, "/usr/bin/nvidia-smi", TimeZoneInfo.Utc, TimeSpan.FromSeconds(7), "gpu-node-07");

        var samples = await scraper.ScrapeAsync(CancellationToken.None);

        var run = Assert.Single(runner.Runs);
        Assert.Equal("/usr/bin/nvidia-smi", run.FileName);
        Assert.Equal(["--query-gpu=timestamp,index,uuid,name,utilization.gpu,power.draw", "--format=csv,noheader,nounits"], run.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(7), run.Timeout);
        Assert.Equal("gpu-node-07", Assert.Single(samples).Hostname);
    }

    [Fact]
    public async Task Scrape_NonZeroExitWithSomeRows_KeepsTheRows()
    {
        var output = Row + "Unable to determine the device handle for GPU 00000000:5D:00.0: Unknown Error\n";
        var scraper = new NvidiaSmiScraper(new ScriptedProcessRunner().Returns(15, output), "nvidia-smi", TimeZoneInfo.Utc, TimeSpan.FromSeconds(5));

        var samples = await scraper.ScrapeAsync(CancellationToken.None);

        Assert.Equal((byte)87, Assert.Single(samples).UtilizationPercent);
    }

    [Fact]
    public async Task Scrape_EmptyOutput_Fails()
    {
        var runner = new ScriptedProcessRunner().Returns(9, string.Empty, "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.");
        var scraper = new NvidiaSmiScraper(runner, "nvidia-smi", TimeZoneInfo.Utc, TimeSpan.FromSeconds(5));

        var exception = await Assert.ThrowsAsync<TelemetryScrapeException>(() => scraper.ScrapeAsync(CancellationToken.None));

        Assert.Contains("exited with 9", exception.Message, StringComparison.Ordinal);
        Assert.Contains("couldn't communicate with the NVIDIA driver", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_TimeoutOrMissingProgram_IsAScrapeFailure()
    {
        var runner = new ScriptedProcessRunner()
            .Throws(new TimeoutException("'nvidia-smi' did not exit within 5 s and was killed."))
            .Throws(new Win32Exception(2, "No such file or directory"));
        var scraper = new NvidiaSmiScraper(runner, "nvidia-smi", TimeZoneInfo.Utc, TimeSpan.FromSeconds(5));

        var timeout = await Assert.ThrowsAsync<TelemetryScrapeException>(() => scraper.ScrapeAsync(CancellationToken.None));
        var missing = await Assert.ThrowsAsync<TelemetryScrapeException>(() => scraper.ScrapeAsync(CancellationToken.None));

        Assert.IsType<TimeoutException>(timeout.InnerException);
        Assert.Contains("could not be started", missing.Message, StringComparison.Ordinal);
    }
}
