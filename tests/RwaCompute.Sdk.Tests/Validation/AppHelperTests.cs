using System.Numerics;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Validation;
using Xunit;
using TokenAccessError = RwaCompute.Sdk.Contracts.ComputeCapacityToken.AccessControlUnauthorizedAccountError;
using TokenAccessException = RwaCompute.Sdk.Contracts.ComputeCapacityToken.AccessControlUnauthorizedAccountException;

namespace RwaCompute.Sdk.Tests.Validation;

/// <summary>The helpers apps used to rewrite: exact stablecoin amounts, pool ids from labels, role names.</summary>
public sealed class AppHelperTests
{
    [Theory]
    [InlineData("12.5", 6, "12500000")]
    [InlineData("0.000001", 6, "1")]
    [InlineData("1000", 6, "1000000000")]
    [InlineData("  7 ", 0, "7")]
    [InlineData("1.5", 18, "1500000000000000000")]
    [InlineData("0", 6, "0")]
    public void Parse_DecimalText_GivesExactBaseUnits(string text, int decimals, string expected) =>
        Assert.Equal(BigInteger.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TokenAmount.Parse(text, decimals));

    [Theory]
    [InlineData("1.0000001")]
    [InlineData("-1")]
    [InlineData("1,000")]
    [InlineData("1_000")]
    [InlineData("1e6")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("")]
    public void Parse_AnythingElse_IsRefusedNamingTheParameter(string text)
    {
        var error = Assert.Throws<InputValidationException>(() => TokenAmount.Parse(text, 6, "price"));
        Assert.Equal("price", error.ParameterName);
    }

    [Fact]
    public void Parse_BeyondUint256_IsRefused() =>
        Assert.False(TokenAmount.TryParse((BigInteger.One << 256).ToString(System.Globalization.CultureInfo.InvariantCulture), 0, out _, out var reason) || reason is null);

    [Theory]
    [InlineData("12500000", 6, "12.5")]
    [InlineData("1", 6, "0.000001")]
    [InlineData("3000000", 6, "3")]
    [InlineData("-2500000", 6, "-2.5")]
    [InlineData("123456789012345678901234567890", 18, "123456789012.34567890123456789")]
    public void Format_BaseUnits_GivesExactTextWithoutSeparators(string units, int decimals, string expected) =>
        Assert.Equal(expected, TokenAmount.Format(BigInteger.Parse(units, System.Globalization.CultureInfo.InvariantCulture), decimals));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(999_999)]
    [InlineData(123_456_789_012)]
    public void FormatThenParse_RoundTrips(long units) =>
        Assert.Equal(new BigInteger(units), TokenAmount.Parse(TokenAmount.Format(units, 6), 6));

    [Fact]
    public void PoolId_FromALabel_RoundTripsToTheLabel()
    {
        var id = PoolIds.FromLabel("eu-west-h100-b");

        Assert.Equal(32, id.Length);
        Assert.Equal("eu-west-h100-b", PoolIds.ToLabel(id));
        Assert.Equal(id, PoolIds.FromLabel("0x" + Convert.ToHexStringLower(id)));
    }

    [Fact]
    public void PoolId_NotText_IsShownAsHex() =>
        Assert.Equal("0x" + new string('f', 64), PoolIds.ToLabel(Enumerable.Repeat((byte)0xff, 32).ToArray()));

    [Fact]
    public void RoleNames_RoundTripThroughTheirIds()
    {
        foreach (var name in Roles.Known)
        {
            Assert.Equal(name, Roles.NameOf(Roles.Id(name)));
        }

        Assert.Contains(Roles.Pauser, Roles.Known);
        Assert.Equal("0x" + new string('a', 64), Roles.NameOf(Enumerable.Repeat((byte)0xaa, 32).ToArray()));
    }

    [Fact]
    public void AccessError_NamesTheRole_NotItsHash()
    {
        var error = new TokenAccessException(new TokenAccessError { Account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", NeededRole = Roles.Id(Roles.Pauser) }, "0x", null);

        Assert.Contains("lacks PAUSER_ROLE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(Roles.Id(Roles.Pauser)), error.Message, StringComparison.Ordinal);
    }
}
