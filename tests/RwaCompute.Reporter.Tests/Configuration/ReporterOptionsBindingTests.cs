using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RwaCompute.Reporter.Configuration;
using Xunit;

namespace RwaCompute.Reporter.Tests.Configuration;

public sealed class ReporterOptionsBindingTests
{
    [Fact]
    public void AddReporterOptions_BindsEverySettingFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reporter:DatabasePath"] = "/var/lib/rwa-reporter/safety.db",
            ["Reporter:Source"] = "DcgmExporter",
            ["Reporter:DcgmExporter:Url"] = "http://127.0.0.1:9400/metrics",
            ["Reporter:DcgmExporter:Timeout"] = "00:00:03",
            ["Reporter:NvidiaSmi:TimeZone"] = "Europe/Berlin",
            ["Reporter:SamplingInterval"] = "00:00:10",
            ["Reporter:Staleness"] = "00:00:30",
            ["Reporter:Epochs:Genesis"] = "2026-01-01T00:00:00Z",
            ["Reporter:Epochs:Length"] = "00:15:00",
            ["Reporter:Pools:0:PoolId"] = "fra-h100-a",
            ["Reporter:Pools:0:GpuUuids:0"] = "GPU-5f2b1c3e-8d6a-4b0f-9e27-1a3c5d7e9f01",
            ["Reporter:Pools:0:GpuUuids:1"] = "GPU-0c7d4a91-3e5f-4c2b-8a16-7f9e0b2d4c63",
            ["Reporter:Pools:0:CurtailmentWindows:0:Start"] = "2026-11-29T17:00:00Z",
            ["Reporter:Pools:0:CurtailmentWindows:0:End"] = "2026-11-29T19:00:00Z",
            ["Reporter:Pools:0:CurtailmentWindows:0:Reason"] = "grid demand response",
            ["Reporter:Pools:1:PoolId"] = "ams-h100-b",
            ["Reporter:Pools:1:GpuUuids:0"] = "GPU-a41e8f3b-6c2d-4e9a-b5f7-2d8c1e0a6b94",
        }).Build();
        using var provider = new ServiceCollection().AddReporterOptions(configuration).Services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ReporterOptions>>().Value;

        Assert.Equal(TelemetrySourceKind.DcgmExporter, options.Source);
        Assert.Equal(new Uri("http://127.0.0.1:9400/metrics"), options.DcgmExporter.Url);
        Assert.Equal(TimeSpan.FromSeconds(3), options.DcgmExporter.Timeout);
        Assert.Equal("Europe/Berlin", options.NvidiaSmi.TimeZone);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Staleness);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), options.Epochs.Genesis);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Epochs.Length);
        Assert.Equal(2, options.Pools.Count);
        Assert.Equal(2, options.Pools[0].GpuUuids.Count);
        var window = Assert.Single(options.Pools[0].CurtailmentWindows);
        Assert.Equal(TimeSpan.FromHours(2), window.End - window.Start);
        Assert.Equal("grid demand response", window.Reason);
        Assert.Equal("ams-h100-b", options.Pools[1].ToDefinition().PoolId.ToString());
    }

    [Fact]
    public void AddReporterOptions_AnInvalidConfiguration_FailsWithEveryReason()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reporter:Staleness"] = "00:00:01",
        }).Build();
        using var provider = new ServiceCollection().AddReporterOptions(configuration).Services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ReporterOptions>>().Value);

        Assert.Contains(exception.Failures, f => f.Contains("DatabasePath", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.Contains("Staleness", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.Contains("at least one pool", StringComparison.Ordinal));
    }

    [Fact]
    public void AddReporterOptions_RegistersTheValidatorOnce()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();

        services.AddReporterOptions(configuration);
        services.AddReporterOptions(configuration);

        Assert.Single(services, d => d.ImplementationType == typeof(ReporterOptionsValidator));
    }
}
