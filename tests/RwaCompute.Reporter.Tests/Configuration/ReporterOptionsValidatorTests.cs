using RwaCompute.Reporter.Configuration;
using Xunit;

namespace RwaCompute.Reporter.Tests.Configuration;

public sealed class ReporterOptionsValidatorTests
{
    private readonly ReporterOptionsValidator validator = new();

    [Fact]
    public void Validate_AWorkingConfiguration_Succeeds()
    {
        var result = this.validator.Validate(null, Valid());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var options = Valid();
        options.DatabasePath = " ";
        options.Staleness = TimeSpan.FromSeconds(5); // below the 15 s interval
        options.Epochs.Length = TimeSpan.FromMilliseconds(500);
        options.Pools[0].GpuUuids.Add("gpu-5f2b1c3e-8d6a-4b0f-9e27-1a3c5d7e9f01"); // the first GPU again, other case

        var result = this.validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Collection(
            result.Failures!,
            f => Assert.Contains("DatabasePath", f, StringComparison.Ordinal),
            f => Assert.Contains("Staleness", f, StringComparison.Ordinal),
            f => Assert.Contains("Epochs:Length", f, StringComparison.Ordinal),
            f => Assert.Contains("already listed in Pools:0", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Pools_MustBeValidUniqueAndDisjoint()
    {
        var options = Valid();
        options.Pools.Add(Pool("0x6672612d683130302d6100000000000000000000000000000000000000000000", "GPU-5f2b1c3e-8d6a-4b0f-9e27-1a3c5d7e9f01"));
        options.Pools.Add(Pool("0x12", "GPU-other"));
        options.Pools.Add(Pool("empty-pool"));
        var window = new CurtailmentWindowOptions { Start = DateTimeOffset.UnixEpoch.AddHours(2), End = DateTimeOffset.UnixEpoch.AddHours(1) };
        options.Pools[0].CurtailmentWindows.Add(window);

        var failures = this.validator.Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.Contains("Pools:0:CurtailmentWindows:0 ends", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Pools:1:PoolId", StringComparison.Ordinal) && f.Contains("same pool as Pools:0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Pools:1:GpuUuids: GPU-5f2b1c3e", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Pools:2:PoolId", StringComparison.Ordinal) && f.Contains("not 32 bytes", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Pools:3:GpuUuids must list at least one GPU", StringComparison.Ordinal));
        Assert.Equal(5, failures.Count);
    }

    [Fact]
    public void Validate_NoPool_Fails()
    {
        var options = Valid();
        options.Pools.Clear();

        Assert.Contains("at least one pool", this.validator.Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SourceSettings_AreCheckedForTheChosenSourceOnly()
    {
        var smi = Valid();
        smi.NvidiaSmi.TimeZone = "Mars/Olympus_Mons";
        smi.DcgmExporter.Url = new Uri("ftp://127.0.0.1/metrics"); // not used by nvidia-smi: no failure
        var dcgm = Valid();
        dcgm.Source = TelemetrySourceKind.DcgmExporter;
        dcgm.DcgmExporter.Url = new Uri("ftp://127.0.0.1/metrics");
        dcgm.DcgmExporter.Timeout = TimeSpan.Zero;
        var replay = Valid();
        replay.Source = TelemetrySourceKind.Replay;
        var unknown = Valid();
        unknown.Source = (TelemetrySourceKind)42;

        Assert.Equal(["NvidiaSmi:TimeZone 'Mars/Olympus_Mons' is not a time zone known to this host."], this.validator.Validate(null, smi).Failures);
        Assert.Equal(2, this.validator.Validate(null, dcgm).Failures!.Count());
        Assert.Equal(["Replay:Path is required when Source is Replay."], this.validator.Validate(null, replay).Failures);
        Assert.Contains("Source '42'", this.validator.Validate(null, unknown).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TimesMustBeWholeMilliseconds()
    {
        var options = Valid();
        options.SamplingInterval = TimeSpan.FromTicks(150_000_001);
        options.Epochs.Genesis = DateTimeOffset.UnixEpoch.AddTicks(1);

        var failures = this.validator.Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("SamplingInterval", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Epochs:Genesis", StringComparison.Ordinal));
    }

    [Fact]
    public void ToDefinition_And_ToSchedule_CarryTheSettings()
    {
        var options = Valid();
        var window = new CurtailmentWindowOptions { Start = DateTimeOffset.UnixEpoch.AddHours(1), End = DateTimeOffset.UnixEpoch.AddHours(2), Reason = "grid" };
        options.Pools[0].CurtailmentWindows.Add(window);

        var pool = options.Pools[0].ToDefinition();
        var schedule = options.Epochs.ToSchedule();

        Assert.Equal("fra-h100-a", pool.PoolId.ToString());
        Assert.Equal(2, pool.GpuUuids.Count);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddHours(1), Assert.Single(pool.CurtailmentWindows).Start);
        Assert.Equal(TimeSpan.FromHours(1), schedule.Length);
        Assert.Equal(options.Staleness, options.ToCalculator().Staleness);
    }

    internal static ReporterOptions Valid()
    {
        var options = new ReporterOptions { DatabasePath = "/var/lib/rwa-reporter/safety.db" };
        options.Pools.Add(Pool("fra-h100-a", "GPU-5f2b1c3e-8d6a-4b0f-9e27-1a3c5d7e9f01", "GPU-0c7d4a91-3e5f-4c2b-8a16-7f9e0b2d4c63"));
        return options;
    }

    private static PoolOptions Pool(string id, params string[] gpus)
    {
        var pool = new PoolOptions { PoolId = id };
        foreach (var gpu in gpus)
        {
            pool.GpuUuids.Add(gpu);
        }

        return pool;
    }
}
