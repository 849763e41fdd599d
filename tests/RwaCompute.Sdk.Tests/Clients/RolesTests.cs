using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Errors;
using Xunit;

namespace RwaCompute.Sdk.Tests.Clients;

public sealed class RolesTests
{
    [Fact]
    public void Id_DefaultAdmin_IsZero() => Assert.Equal(new byte[32], Roles.Id(Roles.DefaultAdmin));

    [Theory]
    [InlineData("REGISTRAR_ROLE", "0xedcc084d3dcd65a1f7f23c65c46722faca6953d28e43150a467cf43e5c309238")] // cast keccak REGISTRAR_ROLE
    [InlineData("ESCROW_ROLE", "0x2fdac322ee704ce09f0773f7f3f92eb98d5e7c836ee9c056cccd5f61041e5e3f")]
    [InlineData("RISK_ROLE", "0xbb4cf8e50e81e9742807782b2bc5c27c5a943f214ee0b993943eff5a774e555b")]
    public void Id_RoleName_IsKeccakOfTheName(string name, string expected) =>
        Assert.Equal(expected, Roles.Id(name).ToHex(true));

    [Fact]
    public void Id_Hex32_IsTakenAsTheId()
    {
        const string hex = "0xedcc084d3dcd65a1f7f23c65c46722faca6953d28e43150a467cf43e5c309238";
        Assert.Equal(hex, Roles.Id(hex).ToHex(true));
        Assert.Equal(hex, Roles.Id(hex.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)).ToHex(true));
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("0xzzcc084d3dcd65a1f7f23c65c46722faca6953d28e43150a467cf43e5c309238")]
    [InlineData("")]
    [InlineData("  ")]
    public void Id_EmptyOrMalformedHex_IsRejected(string role) =>
        Assert.Throws<InputValidationException>(() => Roles.Id(role));
}
