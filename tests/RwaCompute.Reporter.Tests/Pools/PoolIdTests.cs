using RwaCompute.Reporter.Pools;
using Xunit;

namespace RwaCompute.Reporter.Tests.Pools;

public sealed class PoolIdTests
{
    private const string LabelHex = "0x6672612d683130302d6100000000000000000000000000000000000000000000";

    [Fact]
    public void Parse_LabelAndItsHex_AreTheSamePool()
    {
        var label = PoolId.Parse("fra-h100-a");
        var hex = PoolId.Parse(LabelHex.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal));

        Assert.Equal(label, hex);
        Assert.True(label == hex);
        Assert.Equal(label.GetHashCode(), hex.GetHashCode());
        Assert.Equal(LabelHex, label.Hex);
        Assert.Equal(LabelHex, hex.Hex);
        Assert.Equal("fra-h100-a", hex.ToString());
        Assert.Equal(32, label.ToBytes().Length);
    }

    [Fact]
    public void ToString_NonTextBytes_IsHex()
    {
        var id = PoolId.Parse("0x" + new string('f', 64));

        Assert.Equal("0x" + new string('f', 64), id.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("0x1234", "not 32 bytes")]
    [InlineData("a-label-that-is-longer-than-32-bytes", "at most 32")]
    public void TryParse_InvalidText_SaysWhy(string text, string reason)
    {
        Assert.False(PoolId.TryParse(text, out var id, out var error));
        Assert.Null(id);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => PoolId.Parse(text));
    }
}
