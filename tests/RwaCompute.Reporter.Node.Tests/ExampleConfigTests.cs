using Microsoft.Extensions.Configuration;
using RwaCompute.Devnet;
using RwaCompute.Reporter.Configuration;
using RwaCompute.Reporter.Node.Hosting;
using RwaCompute.Reporter.Node.Options;
using RwaCompute.Reporter.Telemetry.Replay;
using Xunit;

namespace RwaCompute.Reporter.Node.Tests;

/// <summary>The three reporter configs docs/ORACLE.md tells a new user to start against the devnet are valid, name
/// the devnet's reporters as each other's peers, and replay a capture that parses.</summary>
public sealed class ExampleConfigTests
{
    private static readonly string Folder = Path.Combine(FindRoot(), "examples", "reporters-devnet");

    public static TheoryData<int> Reporters => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Reporters))]
    public void Config_IsValidAndNamesTheOtherDevnetReportersAsPeers(int n)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Folder, $"reporter{n}.json")).Build();
        var reporter = new ReporterOptions();
        configuration.GetSection(ReporterOptions.SectionName).Bind(reporter);
        var node = new ReporterNodeOptions();
        configuration.GetSection(ReporterNodeOptions.Section).Bind(node);

        var validation = new ReporterOptionsValidator().Validate(null, reporter);
        Assert.False(validation.Failed, validation.FailureMessage);
        ReporterNodeHost.Validate(node);
        Assert.True(node.FollowChainClock);
        Assert.True(reporter.Replay.ShiftToNow);
        var devnet = DevnetAccounts.Standard.Reporters;
        Assert.Equal(devnet[n - 1].Address, DevnetAccounts.Derive(node.Key.AccountIndex).Address);
        Assert.Equal(
            devnet.Where((_, i) => i != n - 1).Select(r => r.Address).Order(StringComparer.OrdinalIgnoreCase),
            node.Peers.Select(p => p.Address).Order(StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Capture_ParsesAsTenMinutesOfFourGpus()
    {
        using var reader = new StreamReader(Path.Combine(Folder, "telemetry.jsonl"));
        var samples = new List<Telemetry.GpuSample>();
        await foreach (var sample in GpuSampleJsonLines.ReadAsync(reader, default))
        {
            samples.Add(sample);
        }

        Assert.Equal(480, samples.Count);
        Assert.Equal(4, samples.Select(s => s.GpuUuid).Distinct().Count());
        Assert.Equal(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(5), samples[^1].Timestamp - samples[0].Timestamp);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RwaCompute.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RwaCompute.sln not found above the test binaries.");
    }
}
