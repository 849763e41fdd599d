using RwaCompute.Reporter.Epochs;
using RwaCompute.Reporter.Observations;
using RwaCompute.Reporter.Pools;
using RwaCompute.Reporter.Telemetry;
using Xunit;

namespace RwaCompute.Reporter.Tests.Observations;

/// <summary>The calculator against figures computed by hand in each test's comments. Epoch: [12:00, 13:00) of
/// 2026-11-29 UTC, 3 600 000 ms; staleness 60 s unless said otherwise.</summary>
public sealed class ObservationCalculatorTests
{
    private const string A = "GPU-aaaaaaaa-0000-4000-8000-000000000001";
    private const string B = "GPU-bbbbbbbb-0000-4000-8000-000000000002";
    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly EpochWindow Epoch = new(7, Noon, Noon.AddHours(1));
    private static readonly PoolId Pool = PoolId.Parse("fra-h100-a");
    private readonly ObservationCalculator calculator = new(TimeSpan.FromSeconds(60));

    [Fact]
    public void Calculate_FullCoverage_GivesUtilizationUptimeDeliveredAndEnergy()
    {
        // A at 80 % / 500 W and B at 40 % / 300 W, read every 30 s from 11:59:30 to 12:59:30: both covered all hour.
        var samples = Every30s(A, Noon.AddSeconds(-30), Noon.AddMinutes(59).AddSeconds(30), 80, 500m)
            .Concat(Every30s(B, Noon.AddSeconds(-30), Noon.AddMinutes(59).AddSeconds(30), 40, 300m));

        var observation = this.calculator.Calculate(PoolOf(A, B), Epoch, samples);

        Assert.Equal(Pool, observation.PoolId);
        Assert.Equal(7UL, observation.Epoch);
        Assert.Equal(2, observation.GpuCount);
        Assert.Equal(7_200_000UL, observation.UpGpuMilliseconds);
        Assert.Equal(10_000, observation.UptimeBps);
        Assert.Equal(6_000, observation.UtilizationBps); // (80 + 40) / 2 %
        Assert.Equal(4_320_000UL, observation.DeliveredGpuMilliseconds); // (0.8 + 0.4) × 3 600 000
        Assert.Equal(1UL, observation.DeliveredGpuHours); // 1.2 rounded down
        Assert.Equal(2_880_000_000UL, observation.EnergyMillijoules); // 800 W × 3 600 s = 2.88 MJ
        Assert.Equal(0UL, observation.EnergyKwh); // 0.8 kWh rounded down
        Assert.Equal(0UL, observation.CurtailedGpuMilliseconds);
    }

    [Fact]
    public void Calculate_AGapInTheSamples_IsDowntimeNotZeroUtilization()
    {
        // Last reading 12:09:30 stays fresh until 12:10:30; the next is 12:20:00: 570 000 ms down.
        var samples = Every30s(A, Noon, Noon.AddMinutes(9).AddSeconds(30), 80, 500m)
            .Concat(Every30s(A, Noon.AddMinutes(20), Noon.AddMinutes(59).AddSeconds(30), 80, 500m));

        var observation = this.calculator.Calculate(PoolOf(A), Epoch, samples);

        Assert.Equal(3_030_000UL, observation.UpGpuMilliseconds);
        Assert.Equal(8_416, observation.UptimeBps); // 3 030 000 / 3 600 000 = 84.1666… % → floor
        Assert.Equal(8_000, observation.UtilizationBps); // the gap does not dilute utilization
        Assert.Equal(2_424_000UL, observation.DeliveredGpuMilliseconds); // 0.8 × 3 030 000
        Assert.Equal(1_515_000_000UL, observation.EnergyMillijoules); // 500 W × 3 030 s
    }

    [Fact]
    public void Calculate_OnlyAStaleReading_IsAllDowntime()
    {
        var observation = this.calculator.Calculate(PoolOf(A), Epoch, [Sample(A, Noon.AddMinutes(-2), 100, 700m)]);

        Assert.Equal(0UL, observation.UpGpuMilliseconds);
        Assert.Equal(0, observation.UptimeBps);
        Assert.Equal(0, observation.UtilizationBps);
        Assert.Equal(0UL, observation.EnergyMillijoules);
    }

    [Fact]
    public void Calculate_StalenessIsHonouredToTheMillisecond()
    {
        // One reading at 12:00:00, staleness 60 s: exactly [12:00:00, 12:01:00) is covered.
        var observation = this.calculator.Calculate(PoolOf(A), Epoch, [Sample(A, Noon, 50, 100m)]);

        Assert.Equal(60_000UL, observation.UpGpuMilliseconds);
        Assert.Equal(166, observation.UptimeBps); // 60 000 / 3 600 000 = 1.666… %
        Assert.Equal(6_000_000UL, observation.EnergyMillijoules); // 100 W × 60 s
    }

    [Fact]
    public void Calculate_UnavailableUtilization_IsDowntimeButPowerStillCounts()
    {
        // Readings 12:30:00 … 12:34:30 have utilization N/A: 12:29:30 holds to 12:30:30, the next good one is 12:35:00.
        var samples = Every30s(A, Noon, Noon.AddMinutes(59).AddSeconds(30), 90, 600m)
            .Select(s => s.Timestamp >= Noon.AddMinutes(30) && s.Timestamp < Noon.AddMinutes(35) ? s with { UtilizationPercent = null } : s);

        var observation = this.calculator.Calculate(PoolOf(A), Epoch, samples);

        Assert.Equal(3_330_000UL, observation.UpGpuMilliseconds); // 3 600 000 − 270 000
        Assert.Equal(9_250, observation.UptimeBps);
        Assert.Equal(9_000, observation.UtilizationBps);
        Assert.Equal(2_160_000_000UL, observation.EnergyMillijoules); // 600 W all hour: power was readable
    }

    [Fact]
    public void Calculate_AConfiguredGpuThatNeverReports_IsDownAllEpoch()
    {
        var samples = Every30s(A, Noon, Noon.AddMinutes(59).AddSeconds(30), 80, 500m)
            .Append(Sample("GPU-not-in-this-pool", Noon, 100, 700m));

        var observation = this.calculator.Calculate(PoolOf(A, B), Epoch, samples);

        Assert.Equal(5_000, observation.UptimeBps);
        Assert.Equal(8_000, observation.UtilizationBps);
        Assert.Equal(2_880_000UL, observation.DeliveredGpuMilliseconds);
        Assert.Equal(1_800_000_000UL, observation.EnergyMillijoules); // A only; the stranger is ignored
    }

    [Fact]
    public void Calculate_GpuUuidsMatchCaseInsensitively()
    {
        var samples = Every30s(A.ToUpperInvariant(), Noon, Noon.AddMinutes(59).AddSeconds(30), 80, 500m);

        Assert.Equal(10_000, this.calculator.Calculate(PoolOf(A), Epoch, samples).UptimeBps);
    }

    [Fact]
    public void Calculate_Curtailment_IsNeitherUpNorDownAndIsReported()
    {
        // Paused 12:15–12:45; the GPU stopped reporting at 12:14:30 (fresh until 12:15:30) and came back at 12:45:00.
        var samples = Every30s(A, Noon, Noon.AddMinutes(14).AddSeconds(30), 100, 700m)
            .Concat(Every30s(A, Noon.AddMinutes(45), Noon.AddMinutes(59).AddSeconds(30), 100, 700m));
        var pool = PoolOf([A], new CurtailmentWindow(Noon.AddMinutes(15), Noon.AddMinutes(45)));

        var observation = this.calculator.Calculate(pool, Epoch, samples);

        Assert.Equal(1_800_000UL, observation.CurtailedGpuMilliseconds);
        Assert.Equal(0UL, observation.CurtailedGpuHours); // half an hour, floor
        Assert.Equal(1_800_000UL, observation.UpGpuMilliseconds); // the 30 s held into the pause are not up-time
        Assert.Equal(10_000, observation.UptimeBps); // up all the time that was not curtailed
        Assert.Equal(10_000, observation.UtilizationBps);
        Assert.Equal(1_800_000UL, observation.DeliveredGpuMilliseconds);
        Assert.Equal(1_281_000_000UL, observation.EnergyMillijoules); // 700 W × (930 + 900) s: energy is physical
    }

    [Fact]
    public void Calculate_OverlappingCurtailmentWindows_CountTheirUnionInsideTheEpoch()
    {
        // [11:50, 12:10) ∪ [12:05, 12:20) ∪ [12:50, 13:30) → 20 + 10 min inside the epoch, for each of 2 GPUs.
        var pool = PoolOf(
            [A, B],
            new CurtailmentWindow(Noon.AddMinutes(-10), Noon.AddMinutes(10)),
            new CurtailmentWindow(Noon.AddMinutes(5), Noon.AddMinutes(20)),
            new CurtailmentWindow(Noon.AddMinutes(50), Noon.AddMinutes(90)));
        var samples = Every30s(A, Noon, Noon.AddMinutes(59).AddSeconds(30), 50, 400m);

        var observation = this.calculator.Calculate(pool, Epoch, samples);

        Assert.Equal(2UL * 1_800_000, observation.CurtailedGpuMilliseconds);
        Assert.Equal(1_800_000UL, observation.UpGpuMilliseconds); // A outside the windows; B never reported
        Assert.Equal(5_000, observation.UptimeBps); // 1 800 000 / (2 × 1 800 000)
    }

    [Fact]
    public void Calculate_AFullyCurtailedEpoch_HasFullUptimeAndNoUtilization()
    {
        var pool = PoolOf([A, B], new CurtailmentWindow(Noon.AddHours(-1), Noon.AddHours(2)));

        var observation = this.calculator.Calculate(pool, Epoch, []);

        Assert.Equal(10_000, observation.UptimeBps);
        Assert.Equal(0, observation.UtilizationBps);
        Assert.Equal(7_200_000UL, observation.CurtailedGpuMilliseconds);
        Assert.Equal(2UL, observation.CurtailedGpuHours);
    }

    [Fact]
    public void Calculate_EnergyCounter_UsesDeltasCountsResetsFromZeroAndIgnoresPower()
    {
        // Counter readings of A: 11:59:50 = 1 000 000 (baseline), 12:20 = 5 000 000, 12:40 = 300 000 (reboot),
        // 13:00:10 = 900 000 (next epoch). In this epoch: 4 000 000 + 300 000 = 4 300 000 mJ. B has no counter:
        // 250 W for the 60 s its one reading stays fresh = 15 000 000 mJ.
        var samples = new[]
        {
            Sample(A, Noon.AddSeconds(-10), 90, 999m, 1_000_000),
            Sample(A, Noon.AddMinutes(20), 90, 999m, 5_000_000),
            Sample(A, Noon.AddMinutes(40), 90, 999m, 300_000),
            Sample(A, Noon.AddMinutes(60).AddSeconds(10), 90, 999m, 900_000),
            Sample(B, Noon, 10, 250m),
        };

        var observation = this.calculator.Calculate(PoolOf(A, B), Epoch, samples);

        Assert.Equal(4_300_000UL + 15_000_000UL, observation.EnergyMillijoules);
    }

    [Fact]
    public void Calculate_EnergyCounterWithoutABaseline_StartsAtTheFirstReading()
    {
        var samples = new[] { Sample(A, Noon.AddMinutes(10), 90, null, 100), Sample(A, Noon.AddMinutes(20), 90, null, 150) };

        Assert.Equal(50UL, this.calculator.Calculate(PoolOf(A), Epoch, samples).EnergyMillijoules);
    }

    [Fact]
    public void Calculate_CounterDeltasAcrossEpochs_AreCountedExactlyOnce()
    {
        var samples = new[]
        {
            Sample(A, Noon.AddMinutes(50), 90, null, 1_000),
            Sample(A, Noon.AddMinutes(70), 90, null, 3_000), // this delta belongs to the next epoch
            Sample(A, Noon.AddMinutes(130), 90, null, 4_000),
        };
        var next = new EpochWindow(8, Noon.AddHours(1), Noon.AddHours(2));
        var third = new EpochWindow(9, Noon.AddHours(2), Noon.AddHours(3));

        Assert.Equal(0UL, this.calculator.Calculate(PoolOf(A), Epoch, samples).EnergyMillijoules);
        Assert.Equal(2_000UL, this.calculator.Calculate(PoolOf(A), next, samples).EnergyMillijoules);
        Assert.Equal(1_000UL, this.calculator.Calculate(PoolOf(A), third, samples).EnergyMillijoules);
    }

    [Fact]
    public void Calculate_PowerIsSampleAndHoldNotTrapezoid()
    {
        // 100 W at 12:00:00, 300 W at 12:00:30, in a one-minute epoch: 100 × 30 + 300 × 30 = 12 000 J
        // (the trapezoid rule would give 200 × 30 + 300 × 30 = 15 000 J).
        var minute = new EpochWindow(0, Noon, Noon.AddMinutes(1));
        var samples = new[] { Sample(A, Noon, 10, 100m), Sample(A, Noon.AddSeconds(30), 10, 300m) };

        Assert.Equal(12_000_000UL, this.calculator.Calculate(PoolOf(A), minute, samples).EnergyMillijoules);
    }

    [Fact]
    public void Calculate_FractionalMillijoules_AreRoundedDown()
    {
        var minute = new EpochWindow(0, Noon, Noon.AddMinutes(1));

        // 0.0015 W × 60 000 ms = 90 mJ exactly; 0.00001 W × 60 000 ms = 0.6 mJ → 0.
        Assert.Equal(90UL, this.calculator.Calculate(PoolOf(A), minute, [Sample(A, Noon, 1, 0.0015m)]).EnergyMillijoules);
        Assert.Equal(0UL, this.calculator.Calculate(PoolOf(A), minute, [Sample(A, Noon, 1, 0.00001m)]).EnergyMillijoules);
    }

    [Fact]
    public void Calculate_UtilizationIsWeightedByCoverageAndRoundedDown()
    {
        // 100 % held for 1 s (the next reading comes at 12:00:01), then 0 % for the rest of the hour.
        var samples = new[] { Sample(A, Noon, 100, null), Sample(A, Noon.AddSeconds(1), 0, null) }
            .Concat(Every30s(A, Noon.AddSeconds(31), Noon.AddMinutes(59).AddSeconds(31), 0, null));

        var observation = this.calculator.Calculate(PoolOf(A), Epoch, samples);

        Assert.Equal(10_000, observation.UptimeBps);
        Assert.Equal(2, observation.UtilizationBps); // 100 × 1 000 / 3 600 000 % = 2.77… bps → 2
        Assert.Equal(1_000UL, observation.DeliveredGpuMilliseconds);
    }

    [Fact]
    public void Calculate_IsIndependentOfSampleOrderAndOfDuplicateOrder()
    {
        var samples = Every30s(A, Noon.AddSeconds(-30), Noon.AddMinutes(59).AddSeconds(30), 70, 450.25m)
            .Concat(Every30s(B, Noon.AddMinutes(3), Noon.AddMinutes(40), 35, 210.5m))
            .Append(Sample(A, Noon.AddMinutes(10), 10, 100m)) // same millisecond as a 70 % reading: the lower value wins
            .ToList();
        var reversed = Enumerable.Reverse(samples).ToList();
        var shuffled = samples.OrderBy(s => s.Timestamp.Second).ThenByDescending(s => s.GpuUuid, StringComparer.Ordinal).ToList();

        var expected = this.calculator.Calculate(PoolOf(A, B), Epoch, samples);

        Assert.Equal(expected, this.calculator.Calculate(PoolOf(A, B), Epoch, reversed));
        Assert.Equal(expected, this.calculator.Calculate(PoolOf(A, B), Epoch, shuffled));
        Assert.Equal(expected, this.calculator.Calculate(PoolOf(B, A), Epoch, samples));
    }

    [Fact]
    public void Calculate_RejectsAPoolWithoutGpusAndAnEmptyWindow()
    {
        Assert.Throws<ArgumentException>(() => this.calculator.Calculate(PoolOf(), Epoch, []));
        Assert.Throws<ArgumentException>(() => this.calculator.Calculate(PoolOf(A), new EpochWindow(0, Noon, Noon), []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationCalculator(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationCalculator(TimeSpan.FromTicks(15)));
    }

    private static PoolDefinition PoolOf(params string[] gpus) => new(Pool, gpus, []);

    private static PoolDefinition PoolOf(string[] gpus, params CurtailmentWindow[] windows) => new(Pool, gpus, windows);

    private static GpuSample Sample(string gpu, DateTimeOffset at, byte? utilization, decimal? watts, ulong? millijoules = null) =>
        new(at, gpu, 0, utilization, watts, millijoules);

    /// <summary>Readings every 30 s from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    private static IEnumerable<GpuSample> Every30s(string gpu, DateTimeOffset first, DateTimeOffset last, byte utilization, decimal? watts)
    {
        for (var at = first; at <= last; at = at.AddSeconds(30))
        {
            yield return Sample(gpu, at, utilization, watts);
        }
    }
}
