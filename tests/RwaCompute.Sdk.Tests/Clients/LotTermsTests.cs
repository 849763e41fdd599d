using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Errors;
using Xunit;

namespace RwaCompute.Sdk.Tests.Clients;

public sealed class LotTermsTests
{
    private static LotTerms Valid => LotIdsTests.KnownTerms;

    [Fact]
    public void ToSpec_ValidTerms_MapsEveryField()
    {
        var spec = Valid.ToSpec();
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", spec.Provider);
        Assert.Equal("0x483130302d53584d352d383047000000", spec.GpuModel.ToHex(true));
        Assert.Equal("0x65752d77657374000000000000000000", spec.Region.ToHex(true));
        Assert.Equal(1_767_225_600UL, spec.StartsAt);
        Assert.Equal(1_769_904_000UL, spec.EndsAt);
        Assert.Equal(new BigInteger(2_500_000), spec.ReferencePrice);
        Assert.Equal((ushort)9_950, spec.SlaUptimeBps);
        Assert.Equal((ushort)10_000, spec.BondCoverageBps);
        Assert.Equal(700U, spec.EnergyWhPerGpuHour);
        Assert.Equal(32, spec.PoolId.Length);
        Assert.Equal(32, spec.MetadataHash.Length);
    }

    [Fact]
    public void ToSpec_LowerCaseProvider_IsChecksummed() =>
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", (Valid with { Provider = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266" }).ToSpec().Provider);

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void ToSpec_WindowNotEndingAfterItStarts_IsRejectedOnEndsAt(int secondsAfterStart)
    {
        var terms = Valid with { EndsAt = Valid.StartsAt.AddSeconds(secondsAfterStart) };
        var ex = Assert.Throws<InputValidationException>(() => terms.ToSpec());
        Assert.Equal(nameof(LotTerms.EndsAt), ex.ParameterName);
    }

    [Fact]
    public void ToSpec_StartBeforeTheUnixEpoch_IsRejected() =>
        Assert.Throws<AmountOutOfRangeException>(() => (Valid with { StartsAt = DateTimeOffset.UnixEpoch.AddSeconds(-1) }).ToSpec());

    [Fact]
    public void ToSpec_SlaAboveTenThousandBps_IsRejected()
    {
        var ex = Assert.Throws<AmountOutOfRangeException>(() => (Valid with { SlaUptimeBps = 10_001 }).ToSpec());
        Assert.Equal(nameof(LotTerms.SlaUptimeBps), ex.ParameterName);
        Assert.Equal(10_000, (int)(Valid with { SlaUptimeBps = 10_000 }).ToSpec().SlaUptimeBps);
    }

    [Fact]
    public void ToSpec_ZeroPrice_IsRejectedLikeTheContractDoes() =>
        Assert.Throws<AmountOutOfRangeException>(() => (Valid with { ReferencePrice = 0 }).ToSpec());

    [Fact]
    public void ToSpec_PriceAboveUint96_IsRejected()
    {
        var ex = Assert.Throws<AmountOutOfRangeException>(() => (Valid with { ReferencePrice = BigInteger.One << 96 }).ToSpec());
        Assert.Equal("uint96", ex.SolidityType);
    }

    [Fact]
    public void ToSpec_ZeroProvider_IsRejected() =>
        Assert.Throws<InvalidAddressException>(() => (Valid with { Provider = "0x0000000000000000000000000000000000000000" }).ToSpec());

    /// <summary>C-2: the token refuses a spec naming no currency (<c>ComputeToken_MissingCurrency</c>); the SDK refuses
    /// it before anything is sent, on the <see cref="LotTerms.Currency"/> field.</summary>
    [Fact]
    public void ToSpec_ZeroCurrency_IsRefusedLikeTheContractDoes()
    {
        var ex = Assert.Throws<InvalidAddressException>(() => (Valid with { Currency = "0x0000000000000000000000000000000000000000" }).ToSpec());
        Assert.Equal(nameof(LotTerms.Currency), ex.ParameterName);
        Assert.Contains("zero address", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSpec_PoolIdNot32Bytes_IsRejected()
    {
        var ex = Assert.Throws<InputValidationException>(() => (Valid with { PoolId = new byte[31] }).ToSpec());
        Assert.Equal(nameof(LotTerms.PoolId), ex.ParameterName);
    }

    [Fact]
    public void ToSpec_GpuModelLongerThan16Bytes_IsRejected()
    {
        var ex = Assert.Throws<InputValidationException>(() => (Valid with { GpuModel = "H100-SXM5-80GB-HBM3" }).ToSpec());
        Assert.Equal(nameof(LotTerms.GpuModel), ex.ParameterName);
    }

    [Fact]
    public void ToSpec_EmptyRegion_IsRejected() =>
        Assert.Throws<InputValidationException>(() => (Valid with { Region = string.Empty }).ToSpec());

    [Fact]
    public void ToSpec_MetadataHashNot32Bytes_IsRejected() =>
        Assert.Throws<InputValidationException>(() => (Valid with { MetadataHash = new byte[20] }).ToSpec());

    [Fact]
    public void MetadataHash_NotGiven_IsRefusedBecauseTheTokenRequiresOne()
    {
        var terms = new LotTerms
        {
            Provider = Valid.Provider,
            PoolId = Valid.PoolId,
            GpuModel = "A100",
            Region = "eu",
            StartsAt = Valid.StartsAt,
            EndsAt = Valid.EndsAt,
            ReferencePrice = 1,
        };
        Assert.Equal(new byte[32], terms.MetadataHash);
        var ex = Assert.Throws<InputValidationException>(() => terms.ToSpec());
        Assert.Equal(nameof(LotTerms.MetadataHash), ex.ParameterName);
        Assert.Contains("zero", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSpec_ZeroMetadataHash_IsRejected()
    {
        var ex = Assert.Throws<InputValidationException>(() => (Valid with { MetadataHash = new byte[32] }).ToSpec());
        Assert.Equal(nameof(LotTerms.MetadataHash), ex.ParameterName);
    }

    [Fact]
    public void HashMetadata_Text_IsTheKeccakOfItsUtf8Bytes()
    {
        // cast keccak "hello" (keccak256 of the UTF-8 bytes).
        Assert.Equal("0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8", LotTerms.HashMetadata("hello").ToHex(true));
        Assert.Equal(LotTerms.HashMetadata("hello"), LotTerms.HashMetadata("hello"u8));
    }

    [Fact]
    public void BondCoverageBps_Default_IsTenThousand() =>
        Assert.Equal((ushort)10_000, new LotTerms { Provider = Valid.Provider, PoolId = Valid.PoolId, GpuModel = "A100", Region = "eu", StartsAt = Valid.StartsAt, EndsAt = Valid.EndsAt, ReferencePrice = 1 }.BondCoverageBps);

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    [InlineData(65_535)]
    public void ToSpec_BondCoverageOutsideOneToTenThousand_IsRejected(int coverage)
    {
        var ex = Assert.Throws<AmountOutOfRangeException>(() => (Valid with { BondCoverageBps = (ushort)coverage }).ToSpec());
        Assert.Equal(nameof(LotTerms.BondCoverageBps), ex.ParameterName);
        Assert.Equal(BigInteger.One, ex.Minimum);
        Assert.Equal(new BigInteger(10_000), ex.Maximum);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5_000)]
    [InlineData(10_000)]
    public void ToSpec_BondCoverageInRange_IsKept(int coverage) =>
        Assert.Equal((ushort)coverage, (Valid with { BondCoverageBps = (ushort)coverage }).ToSpec().BondCoverageBps);
}
