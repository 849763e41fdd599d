using System.Numerics;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Validation;
using Xunit;

namespace RwaCompute.Sdk.Tests.Validation;

public sealed class GuardTests
{
    private const string Checksummed = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    [Fact]
    public void Address_LowerCase_ReturnsEip55Checksummed() =>
        Assert.Equal(Checksummed, Guard.Address(Checksummed.ToLowerInvariant(), "to"));

    [Fact]
    public void Address_AllUpperCaseDigits_IsAcceptedWithoutChecksum() =>
        Assert.Equal(Checksummed, Guard.Address("0x" + Checksummed[2..].ToUpperInvariant(), "to"));

    [Fact]
    public void Address_ValidChecksum_IsReturnedUnchanged() =>
        Assert.Equal(Checksummed, Guard.Address(Checksummed, "to"));

    [Fact]
    public void Address_MixedCaseWithWrongChecksum_IsRejectedAsTypo()
    {
        const string typo = "0xf39Fd6e51Aad88F6F4ce6aB8827279cffFb92266"; // one letter's case flipped
        var ex = Assert.Throws<InvalidAddressException>(() => Guard.Address(typo, "recipient"));
        Assert.Equal("recipient", ex.ParameterName);
        Assert.Contains("checksum", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Address_SurroundingWhitespace_IsTrimmed() =>
        Assert.Equal(Checksummed, Guard.Address("  " + Checksummed + "\n", "to"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("f39fd6e51aad88f6f4ce6ab8827279cfffb92266")]
    [InlineData("0xf39fd6e51aad88f6f4ce6ab8827279cfffb9226")]
    [InlineData("0xf39fd6e51aad88f6f4ce6ab8827279cfffb922666")]
    [InlineData("0xg39fd6e51aad88f6f4ce6ab8827279cfffb92266")]
    [InlineData("0x")]
    public void Address_Malformed_ThrowsInvalidAddressNamingTheParameter(string? value)
    {
        var ex = Assert.Throws<InvalidAddressException>(() => Guard.Address(value, "holder"));
        Assert.Equal("holder", ex.ParameterName);
        Assert.Equal(value, ex.Value);
    }

    [Fact]
    public void Address_Zero_IsRejectedUnlessAllowed()
    {
        const string zero = "0x0000000000000000000000000000000000000000";
        Assert.Throws<InvalidAddressException>(() => Guard.Address(zero, "to"));
        Assert.Equal(zero, Guard.Address(zero, "to", allowZero: true));
    }

    [Fact]
    public void Address_VeryLongValue_IsShortenedInTheMessage()
    {
        var ex = Assert.Throws<InvalidAddressException>(() => Guard.Address("0x" + new string('a', 500), "to"));
        Assert.True(ex.Message.Length < 200, ex.Message);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(40)]
    [InlineData(64)]
    [InlineData(96)]
    [InlineData(128)]
    [InlineData(256)]
    public void Amount_AtTheTypesMaximum_IsAcceptedAndOneMoreIsRejected(int bits)
    {
        var max = (BigInteger.One << bits) - 1;
        Assert.Equal(max, Guard.Amount(max, "units", bits));
        var ex = Assert.Throws<AmountOutOfRangeException>(() => Guard.Amount(max + 1, "units", bits));
        Assert.Equal(max, ex.Maximum);
        Assert.Equal(max + 1, ex.Value);
        Assert.Equal("uint" + bits, ex.SolidityType);
        Assert.Equal("units", ex.ParameterName);
    }

    [Fact]
    public void Amount_Zero_IsRejectedUnlessAllowed()
    {
        var ex = Assert.Throws<AmountOutOfRangeException>(() => Guard.Amount(BigInteger.Zero, "units"));
        Assert.Equal(BigInteger.One, ex.Minimum);
        Assert.Equal(BigInteger.Zero, Guard.Amount(BigInteger.Zero, "units", allowZero: true));
    }

    [Fact]
    public void Amount_Negative_IsRejectedEvenWhenZeroIsAllowed() =>
        Assert.Throws<AmountOutOfRangeException>(() => Guard.Amount(BigInteger.MinusOne, "units", allowZero: true));

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(264)]
    public void Amount_WidthThatIsNoSolidityUint_ThrowsArgumentOutOfRange(int bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Amount(BigInteger.One, "units", bits));

    [Fact]
    public void MaxConstants_MatchTheirSolidityTypes()
    {
        Assert.Equal(new BigInteger(65_535), Guard.MaxUInt16);
        Assert.Equal(new BigInteger(1_099_511_627_775), Guard.MaxUInt40);
        Assert.Equal(new BigInteger(ulong.MaxValue), Guard.MaxUInt64);
        Assert.Equal(BigInteger.Parse("79228162514264337593543950335", System.Globalization.CultureInfo.InvariantCulture), Guard.MaxUInt96);
        Assert.Equal(BigInteger.Pow(2, 256) - 1, Guard.MaxUInt256);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Bytes32_NotExactly32Bytes_IsRejected(int length)
    {
        var value = length < 0 ? null : new byte[length];
        var ex = Assert.Throws<InputValidationException>(() => Guard.Bytes32(value, "poolId"));
        Assert.Equal("poolId", ex.ParameterName);
    }

    [Fact]
    public void Bytes32_Exactly32Bytes_IsReturned()
    {
        var value = new byte[32];
        Assert.Same(value, Guard.Bytes32(value, "poolId"));
    }

    [Fact]
    public void SameLength_DifferentLengths_IsRejectedNamingTheSecondList()
    {
        var ex = Assert.Throws<InputValidationException>(() => Guard.SameLength(3, 2, "amounts"));
        Assert.Equal("amounts", ex.ParameterName);
    }

    [Fact]
    public void SameLength_EmptyBatch_IsRejected() =>
        Assert.Throws<InputValidationException>(() => Guard.SameLength(0, 0, "amounts"));

    [Fact]
    public void SameLength_EqualNonEmpty_Passes() => Guard.SameLength(2, 2, "amounts");
}
