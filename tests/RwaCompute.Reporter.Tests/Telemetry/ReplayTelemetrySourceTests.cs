using RwaCompute.Reporter.Telemetry;
using RwaCompute.Reporter.Telemetry.NvidiaSmi;
using RwaCompute.Reporter.Telemetry.Replay;
using RwaCompute.Reporter.Tests.Fakes;
using Xunit;

namespace RwaCompute.Reporter.Tests.Telemetry;

public sealed class ReplayTelemetrySourceTests
{
    [Fact]
    public async Task Read_TheCapture_YieldsItsSamplesInFileOrder()
    {
        var source = new ReplayTelemetrySource(CaptureFiles.PathOf(CaptureFiles.Replay));

        var samples = await ToListAsync(source.ReadSamplesAsync(CancellationToken.None));

        Assert.Equal(4, samples.Count);
        Assert.Equal(new GpuSample(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), CaptureFiles.Uuids[0], 0, 90, 650.5m, 1_000_000_000, "NVIDIA H100 80GB HBM3", "gpu-node-07"), samples[0]);
        Assert.Equal(1_019_515_000UL, samples[2].EnergyMillijoules);
        Assert.Null(samples[3].UtilizationPercent);
        Assert.Null(samples[3].PowerWatts);
        Assert.Null(samples[3].ModelName);
    }

    [Fact]
    public async Task Read_ShiftedToNow_MovesEverySampleByTheSameAmountSoTheFirstIsNow()
    {
        var now = new DateTimeOffset(2027, 3, 1, 8, 30, 0, TimeSpan.Zero);
        var recorded = await ToListAsync(new ReplayTelemetrySource(CaptureFiles.PathOf(CaptureFiles.Replay)).ReadSamplesAsync(CancellationToken.None));

        var shifted = await ToListAsync(new ReplayTelemetrySource(CaptureFiles.PathOf(CaptureFiles.Replay), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now)).ReadSamplesAsync(CancellationToken.None));

        Assert.Equal(now, shifted[0].Timestamp);
        Assert.All(recorded.Zip(shifted), pair => Assert.Equal(pair.First with { Timestamp = pair.Second.Timestamp }, pair.Second));
        Assert.All(recorded.Zip(shifted), pair => Assert.Equal(now - recorded[0].Timestamp, pair.Second.Timestamp - pair.First.Timestamp));
    }

    [Fact]
    public async Task WriteThenRead_RoundTripsEverySampleExactly()
    {
        var original = NvidiaSmiCsvParser.Parse(CaptureFiles.Read(CaptureFiles.NvidiaSmi8xH100), TimeZoneInfo.Utc).Samples
            .Append(new GpuSample(DateTimeOffset.FromUnixTimeMilliseconds(1), "GPU-x", null, null, 0.01m, ulong.MaxValue))
            .ToList();
        using var writer = new StringWriter();
        foreach (var sample in original)
        {
            await GpuSampleJsonLines.WriteAsync(writer, sample, CancellationToken.None);
        }

        using var reader = new StringReader(writer.ToString());
        var replayed = await ToListAsync(GpuSampleJsonLines.ReadAsync(reader, CancellationToken.None));

        Assert.Equal(original, replayed);
        Assert.DoesNotContain("energyMillijoules", writer.ToString().Split('\n')[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"timestamp\":\"2026-11-29T12:00:00Z\"}", "gpuUuid")]
    [InlineData("{\"gpuUuid\":\"GPU-a\"}", "timestamp")]
    [InlineData("{\"timestamp\":\"2026-11-29T12:00:00Z\",\"gpuUuid\":\"GPU-a\",\"utilizationPercent\":300}", "not a sample")]
    [InlineData("{\"timestamp\":\"2026-11-29T12:00:00Z\",\"gpuUuid\":\"GPU-a\",\"powerWatts\":\"650\"}", "not a sample")]
    [InlineData("nvidia-smi output", "not a sample")]
    public async Task Read_ALineThatIsNotASample_FailsWithItsLineNumber(string line, string message)
    {
        using var reader = new StringReader("{\"timestamp\":\"2026-11-29T12:00:00Z\",\"gpuUuid\":\"GPU-a\"}\n\n" + line + "\n");

        var exception = await Assert.ThrowsAsync<TelemetryFormatException>(() => ToListAsync(GpuSampleJsonLines.ReadAsync(reader, CancellationToken.None)));

        Assert.Equal(3, exception.LineNumber);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    private static async Task<List<GpuSample>> ToListAsync(IAsyncEnumerable<GpuSample> samples)
    {
        var list = new List<GpuSample>();
        await foreach (var sample in samples)
        {
            list.Add(sample);
        }

        return list;
    }
}
