using RwaCompute.Reporter.Telemetry.NvidiaSmi;
using RwaCompute.Reporter.Tests.Fakes;
using Xunit;

namespace RwaCompute.Reporter.Tests.Telemetry;

public sealed class NvidiaSmiCsvParserTests
{
    private const string Uuid0 = "GPU-5f2b1c3e-8d6a-4b0f-9e27-1a3c5d7e9f01";

    [Fact]
    public void Parse_ARealRow_ReadsEveryField()
    {
        var result = NvidiaSmiCsvParser.Parse($"2026/11/29 12:00:00.123, 0, {Uuid0}, NVIDIA H100 80GB HBM3, 87, 612.45\n", TimeZoneInfo.Utc, "gpu-node-07");

        var sample = Assert.Single(result.Samples);
        Assert.Empty(result.Errors);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 0, 0, 123, TimeSpan.Zero), sample.Timestamp);
        Assert.Equal(TimeSpan.Zero, sample.Timestamp.Offset);
        Assert.Equal(0, sample.GpuIndex);
        Assert.Equal(Uuid0, sample.GpuUuid);
        Assert.Equal("NVIDIA H100 80GB HBM3", sample.ModelName);
        Assert.Equal((byte)87, sample.UtilizationPercent);
        Assert.Equal(612.45m, sample.PowerWatts);
        Assert.Null(sample.EnergyMillijoules);
        Assert.Equal("gpu-node-07", sample.Hostname);
    }

    [Theory]
    [InlineData("[N/A]")]
    [InlineData("[Not Supported]")]
    [InlineData("[Unknown Error]")]
    [InlineData("[GPU requires reset]")]
    [InlineData("N/A")]
    public void Parse_UnavailableValues_AreNullNotZero(string unavailable)
    {
        var result = NvidiaSmiCsvParser.Parse($"2026/11/29 12:00:00.000, 1, {Uuid0}, {unavailable}, {unavailable}, {unavailable}", TimeZoneInfo.Utc);

        var sample = Assert.Single(result.Samples);
        Assert.Null(sample.UtilizationPercent);
        Assert.Null(sample.PowerWatts);
        Assert.Null(sample.ModelName);
    }

    [Fact]
    public void Parse_ExtraWhitespaceCrLfHeaderAndBlankLines_AreTolerated()
    {
        var output = "timestamp, index, uuid, name, utilization.gpu [%], power.draw [W]\r\n\r\n"
            + $"  2026/11/29 12:00:00.500 ,0 ,  {Uuid0}  ,NVIDIA H100 80GB HBM3,  100 ,   700.00  \r\n\n";

        var result = NvidiaSmiCsvParser.Parse(output, TimeZoneInfo.Utc);

        var sample = Assert.Single(result.Samples);
        Assert.Empty(result.Errors);
        Assert.Equal((byte)100, sample.UtilizationPercent);
        Assert.Equal(700.00m, sample.PowerWatts);
    }

    [Fact]
    public void Parse_EmptyOutput_HasNoSampleAndNoError()
    {
        var result = NvidiaSmiCsvParser.Parse(string.Empty, TimeZoneInfo.Utc);

        Assert.Empty(result.Samples);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Parse_GpuFallenOffTheBus_RejectsOnlyThatLine()
    {
        var output = $"2026/11/29 12:00:00.000, 0, {Uuid0}, NVIDIA H100 80GB HBM3, 87, 612.45\n"
            + "Unable to determine the device handle for GPU 00000000:5D:00.0: Unknown Error\n"
            + "2026/11/29 12:00:00.000, 2, GPU-a41e8f3b-6c2d-4e9a-b5f7-2d8c1e0a6b94, NVIDIA H100 80GB HBM3, 90, 650.00\n";

        var result = NvidiaSmiCsvParser.Parse(output, TimeZoneInfo.Utc);

        Assert.Equal([0, 2], result.Samples.Select(s => s.GpuIndex!.Value));
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.LineNumber);
        Assert.StartsWith("Unable to determine", error.Line, StringComparison.Ordinal);
        Assert.Contains("6 comma-separated fields", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-29 12:00:00.000, 0, GPU-1, H100, 87, 612.45", "timestamp")]
    [InlineData("2026/11/29 12:00:00.000, x, GPU-1, H100, 87, 612.45", "index")]
    [InlineData("2026/11/29 12:00:00.000, 0, [N/A], H100, 87, 612.45", "UUID")]
    [InlineData("2026/11/29 12:00:00.000, 0, GPU-1, H100, 101, 612.45", "outside 0..100")]
    [InlineData("2026/11/29 12:00:00.000, 0, GPU-1, H100, -1, 612.45", "outside 0..100")]
    [InlineData("2026/11/29 12:00:00.000, 0, GPU-1, H100, 87, -5", "negative")]
    [InlineData("2026/11/29 12:00:00.000, 0, GPU-1, H100, 87, 612,45", "fields")]
    [InlineData("2026/11/29 12:00:00.000, 0, GPU-1, H100, 87 %, 612.45 W", "not a number")]
    public void Parse_MalformedRow_IsAnErrorWithItsReason(string line, string reason)
    {
        var result = NvidiaSmiCsvParser.Parse(line, TimeZoneInfo.Utc);

        Assert.Empty(result.Samples);
        Assert.Contains(reason, Assert.Single(result.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FractionalUtilization_IsTruncated()
    {
        var sample = Assert.Single(NvidiaSmiCsvParser.Parse($"2026/11/29 12:00:00.000, 0, {Uuid0}, H100, 87.9, 1", TimeZoneInfo.Utc).Samples);

        Assert.Equal((byte)87, sample.UtilizationPercent);
    }

    [Fact]
    public void Parse_LocalTimestamps_AreConvertedWithTheConfiguredZone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var winter = Assert.Single(NvidiaSmiCsvParser.Parse($"2026/11/29 13:00:00.000, 0, {Uuid0}, H100, 1, 1", berlin).Samples);
        var summer = Assert.Single(NvidiaSmiCsvParser.Parse($"2026/07/01 14:00:00.000, 0, {Uuid0}, H100, 1, 1", berlin).Samples);
        var skipped = NvidiaSmiCsvParser.Parse($"2026/03/29 02:30:00.000, 0, {Uuid0}, H100, 1, 1", berlin);

        Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), winter.Timestamp);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero), summer.Timestamp);
        Assert.Contains("does not exist", Assert.Single(skipped.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_The8xH100Capture_Reads468RowsAnd12ErrorLines()
    {
        var result = NvidiaSmiCsvParser.Parse(CaptureFiles.Read(CaptureFiles.NvidiaSmi8xH100), TimeZoneInfo.Utc);

        // 60 loops × 8 GPUs, less GPU 3's 12 loops off the bus (an error line each).
        Assert.Equal(468, result.Samples.Count);
        Assert.Equal(12, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("00000000:5D:00.0", e.Line, StringComparison.Ordinal));
        Assert.Equal(8, result.Samples.Select(s => s.GpuUuid).Distinct().Count());
        Assert.Equal(3, result.Samples.Count(s => s.PowerWatts is null));
        Assert.Equal(1, result.Samples.Count(s => s.UtilizationPercent is null));
        Assert.All(result.Samples, s => Assert.Equal("NVIDIA H100 80GB HBM3", s.ModelName));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 0, 0, 250, TimeSpan.Zero), result.Samples.Min(s => s.Timestamp));
    }
}
