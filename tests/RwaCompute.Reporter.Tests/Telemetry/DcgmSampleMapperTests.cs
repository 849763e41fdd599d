using RwaCompute.Reporter.Telemetry.Dcgm;
using RwaCompute.Reporter.Telemetry.Prometheus;
using RwaCompute.Reporter.Tests.Fakes;
using Xunit;

namespace RwaCompute.Reporter.Tests.Telemetry;

public sealed class DcgmSampleMapperTests
{
    private static readonly DateTimeOffset ScrapedAt = new(2026, 11, 29, 12, 0, 5, TimeSpan.Zero);

    [Fact]
    public void ToGpuSamples_ARealScrape_GivesOneSamplePerGpu()
    {
        var samples = DcgmSampleMapper.ToGpuSamples(PrometheusTextParser.Parse(CaptureFiles.Read(CaptureFiles.DcgmScrape1)), ScrapedAt);

        Assert.Equal(CaptureFiles.Uuids, samples.Select(s => s.GpuUuid));
        var gpu3 = samples[3];
        Assert.Equal(3, gpu3.GpuIndex);
        Assert.Equal((byte)97, gpu3.UtilizationPercent);
        Assert.Equal(630.00m, gpu3.PowerWatts);
        Assert.Equal(3_093_415_622UL + (3 * 1_000_000_007UL), gpu3.EnergyMillijoules);
        Assert.Equal("NVIDIA H100 80GB HBM3", gpu3.ModelName);
        Assert.Equal("gpu-node-07", gpu3.Hostname);
        Assert.All(samples, s => Assert.Equal(ScrapedAt, s.Timestamp));
        Assert.Equal((byte)0, samples[7].UtilizationPercent);
    }

    [Fact]
    public void ToGpuSamples_MissingGpu_IsAbsent()
    {
        var samples = DcgmSampleMapper.ToGpuSamples(PrometheusTextParser.Parse(CaptureFiles.Read(CaptureFiles.DcgmScrape3AfterReboot)), ScrapedAt);

        Assert.Equal(CaptureFiles.Uuids[..7], samples.Select(s => s.GpuUuid));
        Assert.Equal(600UL * 30_000, samples[0].EnergyMillijoules);
    }

    [Fact]
    public void ToGpuSamples_EdgeCases_FollowTheFieldRules()
    {
        var samples = DcgmSampleMapper.ToGpuSamples(PrometheusTextParser.Parse(CaptureFiles.Read(CaptureFiles.PrometheusEdgeCases)), ScrapedAt);

        // GPU 3 only has a MIG instance series and gpu="4" has no UUID: neither is a whole-GPU reading.
        Assert.Equal([0, 1, 2], samples.Select(s => s.GpuIndex!.Value));

        var gpu0 = samples[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795953599000), gpu0.Timestamp); // the older of its two timestamps
        Assert.Equal((byte)87, gpu0.UtilizationPercent);
        Assert.Equal(612.45m, gpu0.PowerWatts);
        Assert.Equal(3093415622UL, gpu0.EnergyMillijoules); // the first of two series
        Assert.Equal("rack \"A\"\\row 3\nslot 7", gpu0.Hostname);

        var gpu1 = samples[1];
        Assert.Equal(ScrapedAt, gpu1.Timestamp);
        Assert.Null(gpu1.UtilizationPercent); // NaN
        Assert.Null(gpu1.PowerWatts); // +Inf

        var gpu2 = samples[2];
        Assert.Equal((byte)55, gpu2.UtilizationPercent); // 55.9 truncated
        Assert.Null(gpu2.PowerWatts); // negative
        Assert.Null(gpu2.EnergyMillijoules);
        Assert.Null(gpu2.ModelName);
    }

    [Fact]
    public void ToGpuSamples_StaleTimestamps_AreKeptSoTheCalculatorSeesThemStale()
    {
        var text = "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-x\"} 99 1795953000000\nDCGM_FI_DEV_POWER_USAGE{gpu=\"0\",UUID=\"GPU-x\"} 650 1795953000000\n";

        var sample = Assert.Single(DcgmSampleMapper.ToGpuSamples(PrometheusTextParser.Parse(text), ScrapedAt));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795953000000), sample.Timestamp);
        Assert.Equal(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5), ScrapedAt - sample.Timestamp);
    }

    [Fact]
    public void ToGpuSamples_NoDcgmSeries_IsEmpty()
    {
        Assert.Empty(DcgmSampleMapper.ToGpuSamples(PrometheusTextParser.Parse("up 1\n"), ScrapedAt));
    }
}
