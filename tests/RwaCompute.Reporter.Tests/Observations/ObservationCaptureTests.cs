using RwaCompute.Reporter.Epochs;
using RwaCompute.Reporter.Observations;
using RwaCompute.Reporter.Pools;
using RwaCompute.Reporter.Telemetry;
using RwaCompute.Reporter.Telemetry.Dcgm;
using RwaCompute.Reporter.Telemetry.NvidiaSmi;
using RwaCompute.Reporter.Telemetry.Prometheus;
using RwaCompute.Reporter.Telemetry.Replay;
using RwaCompute.Reporter.Tests.Fakes;
using Xunit;

namespace RwaCompute.Reporter.Tests.Observations;

/// <summary>Observations of the committed captures, end to end from collector output.</summary>
public sealed class ObservationCaptureTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly EpochWindow TenMinutes = new(1, Noon, Noon.AddMinutes(10));
    private static readonly PoolDefinition Node = new(PoolId.Parse("fra-h100-a"), CaptureFiles.Uuids, []);

    [Fact]
    public void NvidiaSmiCapture_GivesTheIndependentlyComputedObservation()
    {
        var samples = NvidiaSmiCsvParser.Parse(CaptureFiles.Read(CaptureFiles.NvidiaSmi8xH100), TimeZoneInfo.Utc).Samples;

        var observation = new ObservationCalculator(TimeSpan.FromSeconds(15)).Calculate(Node, TenMinutes, samples);

        // Captures/expected_nvidia_smi.py (exact fractions, the rules of docs/ORACLE.md). By hand: 8 × 599 750 ms
        // (the first run is at 12:00:00.250) less GPU 3's ~115 s off the bus and GPU 2's ~5 s of unknown
        // utilization = 4 678 000 ± the runs' millisecond jitter.
        Assert.Equal(4_677_998UL, observation.UpGpuMilliseconds);
        Assert.Equal(9_745, observation.UptimeBps);
        Assert.Equal(8_535, observation.UtilizationBps);
        Assert.Equal(3_993_075UL, observation.DeliveredGpuMilliseconds);
        Assert.Equal(2_790_842_789UL, observation.EnergyMillijoules);
        Assert.Equal(8, observation.GpuCount);
    }

    [Fact]
    public void DcgmCaptures_WithACounterResetAndAMissingGpu_GiveTheHandComputedObservation()
    {
        // Scrapes at 12:00:00, 12:00:30 and, after the reboot, 12:05:30; staleness 45 s.
        var samples = Scrape(CaptureFiles.DcgmScrape1, Noon)
            .Concat(Scrape(CaptureFiles.DcgmScrape2, Noon.AddSeconds(30)))
            .Concat(Scrape(CaptureFiles.DcgmScrape3AfterReboot, Noon.AddSeconds(330)));

        var observation = new ObservationCalculator(TimeSpan.FromSeconds(45)).Calculate(Node, TenMinutes, samples);

        // GPUs 0–6: [0, 30 s) + [30, 75 s) + [330, 375 s) = 120 s up; GPU 7 (gone after the reboot): 75 s.
        Assert.Equal((7UL * 120_000) + 75_000, observation.UpGpuMilliseconds);
        Assert.Equal(1_906, observation.UptimeBps); // 915 000 / 4 800 000
        Assert.Equal(8_904, observation.UtilizationBps); // 97 % × 840 000 / 915 000 (GPU 7 idles at 0 %)
        Assert.Equal(814_800UL, observation.DeliveredGpuMilliseconds);

        // Counter deltas: scrape 2 − scrape 1 = W × 30 000 mJ for every GPU; after the reset the new value itself
        // (W × 30 000) for GPUs 0–6. Σ W over 0–6 = 4 410, GPU 7 draws 670 W.
        Assert.Equal((2UL * 4_410 * 30_000) + (670UL * 30_000), observation.EnergyMillijoules);
    }

    [Fact]
    public void StaleDcgmScrape_CountsAsDowntimeNotAsAFreshReading()
    {
        // The exporter keeps serving values it last refreshed at 11:50 (explicit timestamps); scraped every 30 s
        // through the epoch, they are never fresh under a 45 s staleness.
        var stale = "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"" + CaptureFiles.Uuids[0] + "\"} 99 " + Noon.AddMinutes(-10).ToUnixTimeMilliseconds() + "\n";
        var samples = Enumerable.Range(0, 20)
            .SelectMany(i => DcgmSampleMapper.ToGpuSamples(PrometheusTextParser.Parse(stale), Noon.AddSeconds(30 * i)));
        var pool = new PoolDefinition(Node.PoolId, [CaptureFiles.Uuids[0]], []);

        var observation = new ObservationCalculator(TimeSpan.FromSeconds(45)).Calculate(pool, TenMinutes, samples);

        Assert.Equal(0, observation.UptimeBps);
        Assert.Equal(0, observation.UtilizationBps);
        Assert.Equal(0UL, observation.DeliveredGpuMilliseconds);
    }

    [Fact]
    public async Task ReplayedRecording_GivesTheSameObservationAsTheLiveSamples()
    {
        var live = NvidiaSmiCsvParser.Parse(CaptureFiles.Read(CaptureFiles.NvidiaSmi8xH100), TimeZoneInfo.Utc).Samples;
        var path = Path.Combine(Path.GetTempPath(), "rwa-replay-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            await using (var writer = File.CreateText(path))
            {
                foreach (var sample in live)
                {
                    await GpuSampleJsonLines.WriteAsync(writer, sample, CancellationToken.None);
                }
            }

            var replayed = new List<GpuSample>();
            await foreach (var sample in new ReplayTelemetrySource(path).ReadSamplesAsync(CancellationToken.None))
            {
                replayed.Add(sample);
            }

            var calculator = new ObservationCalculator(TimeSpan.FromSeconds(15));
            Assert.Equal(calculator.Calculate(Node, TenMinutes, live), calculator.Calculate(Node, TenMinutes, replayed));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IReadOnlyList<GpuSample> Scrape(string capture, DateTimeOffset at) =>
        DcgmSampleMapper.ToGpuSamples(PrometheusTextParser.Parse(CaptureFiles.Read(capture)), at);
}
