using RwaCompute.Reporter.Telemetry;
using RwaCompute.Reporter.Telemetry.Prometheus;
using RwaCompute.Reporter.Tests.Fakes;
using Xunit;

namespace RwaCompute.Reporter.Tests.Telemetry;

public sealed class PrometheusTextParserTests
{
    [Fact]
    public void Parse_EdgeCaseCapture_ReadsEveryConstruct()
    {
        var exposition = PrometheusTextParser.Parse(CaptureFiles.Read(CaptureFiles.PrometheusEdgeCases));

        Assert.Equal(11, exposition.Samples.Count);
        Assert.Equal("gauge", exposition.Types["DCGM_FI_DEV_GPU_UTIL"]);
        Assert.Equal("counter", exposition.Types["DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION"]);

        var escaped = exposition.Samples[0];
        Assert.Equal("rack \"A\"\\row 3\nslot 7", escaped.Label("Hostname"));
        Assert.Equal(87m, escaped.Value);
        Assert.Equal(1795953600123L, escaped.TimestampMilliseconds);

        var nan = exposition.Samples[1];
        Assert.Equal("NaN", nan.RawValue);
        Assert.Null(nan.Value);
        Assert.Null(nan.TimestampMilliseconds);

        var spaced = exposition.Samples[2];
        Assert.Equal("2", spaced.Label("gpu"));
        Assert.Equal("GPU-a41e8f3b-6c2d-4e9a-b5f7-2d8c1e0a6b94", spaced.Label("UUID"));
        Assert.Equal(55.9m, spaced.Value);

        Assert.Equal(612.45m, exposition.Samples[5].Value);
        Assert.Null(exposition.Samples[6].Value);
        Assert.Equal(-3m, exposition.Samples[7].Value);
        var bare = exposition.Samples[^1];
        Assert.Equal("process_start_time_seconds", bare.Name);
        Assert.Empty(bare.Labels);
        Assert.Equal(1795953600m, bare.Value);
    }

    [Fact]
    public void Parse_EmptyOrCommentsOnly_HasNoSample()
    {
        Assert.Empty(PrometheusTextParser.Parse(string.Empty).Samples);
        Assert.Empty(PrometheusTextParser.Parse("# HELP x y\n# TYPE x gauge\n\n   \n# just a comment\n").Samples);
    }

    [Fact]
    public void Parse_NegativeTimestampAndLabelOrder_AreKept()
    {
        var sample = Assert.Single(PrometheusTextParser.Parse("m{b=\"2\",a=\"1\"} 1 -5\n").Samples);

        Assert.Equal(["b", "a"], sample.Labels.Select(l => l.Key));
        Assert.Equal(-5L, sample.TimestampMilliseconds);
        Assert.Null(sample.Label("c"));
    }

    [Theory]
    [InlineData("m{a=\"1\"", "expected ',' or '}'")]
    [InlineData("m{a=\"1} 2", "unterminated")]
    [InlineData("m{a=1} 2", "expected '\"'")]
    [InlineData("m{a=\"\\t\"} 2", "unknown escape")]
    [InlineData("m", "has no value")]
    [InlineData("m twelve", "not a number")]
    [InlineData("m 1 1.5", "integer milliseconds")]
    [InlineData("m 1 2 3", "unexpected text")]
    [InlineData("{a=\"1\"} 2", "expected a metric name")]
    [InlineData("m{1a=\"1\"} 2", "expected a label name")]
    public void Parse_MalformedLine_RejectsTheExpositionWithItsLineNumber(string line, string message)
    {
        var exception = Assert.Throws<TelemetryFormatException>(() => PrometheusTextParser.Parse("# TYPE ok gauge\nok 1\n" + line + "\n"));

        Assert.Equal(3, exception.LineNumber);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ARealDcgmScrape_ReadsAllSeries()
    {
        var exposition = PrometheusTextParser.Parse(CaptureFiles.Read(CaptureFiles.DcgmScrape1));

        Assert.Equal(15 * 8, exposition.Samples.Count);
        Assert.Equal(15, exposition.Types.Count);
        Assert.All(exposition.Samples, s => Assert.Equal("550.54.15", s.Label("DCGM_FI_DRIVER_VERSION")));
    }
}
