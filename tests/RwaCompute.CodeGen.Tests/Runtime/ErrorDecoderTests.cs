using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using RwaCompute.CodeGen.Tests.Golden.CodegenFixture;
using RwaCompute.CodeGen.Tests.Infrastructure;
using RwaCompute.Contracts.Runtime;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Runtime;

/// <summary>The generated decoder maps revert data (encoded here by cast) to the typed exceptions.</summary>
public sealed class ErrorDecoderTests
{
    private static readonly CodegenFixtureErrorDecoder Decoder = CodegenFixtureErrorDecoder.Instance;

    [Fact]
    public async Task Decode_CustomErrorWithArguments_TypedExceptionWithArguments()
    {
        var data = await ProcessRunner.CastAsync("calldata", "Fixture_Failed(uint256,address,string)", "42", AnvilFixture.Address, "boom");

        var exception = Assert.IsType<FixtureFailedException>(Decoder.Decode(data));

        Assert.Equal(42, exception.Error.Code);
        Assert.Equal(AnvilFixture.Address, exception.Error.Who, ignoreCase: true);
        Assert.Equal("boom", exception.Error.Reason);
        Assert.Equal("Fixture_Failed(uint256,address,string)", exception.Signature);
        Assert.Equal(data, exception.RevertData);
        Assert.Equal(data[..10], exception.Selector);
        Assert.Contains("Fixture_Failed(code: 42", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_CustomErrorWithStructAndUnnamedArgument_TypedException()
    {
        var tag = "0x" + new string('0', 62) + "07";
        var data = await ProcessRunner.CastAsync("calldata", "Fixture_BadInner((uint64,bytes32,int8),uint256)", $"(7,{tag},-3)", "9");

        var exception = Assert.IsType<FixtureBadInnerException>(Decoder.Decode(data));

        Assert.Equal(7UL, exception.Error.Inner.Amount);
        Assert.Equal((sbyte)-3, exception.Error.Inner.Delta);
        Assert.Equal(9, exception.Error.Arg2);
    }

    [Fact]
    public async Task Decode_ErrorString_ReasonException()
    {
        var data = await ProcessRunner.CastAsync("calldata", "Error(string)", "not allowed");

        var exception = Assert.IsType<ContractRevertReasonException>(Decoder.Decode(data));

        Assert.Equal("not allowed", exception.Reason);
    }

    [Theory]
    [InlineData("0x01", "assertion failed (assert)")]
    [InlineData("0x11", "arithmetic overflow or underflow")]
    [InlineData("0x12", "division or modulo by zero")]
    [InlineData("0x32", "array index out of bounds")]
    [InlineData("0x99", "unknown panic code")]
    public async Task Decode_Panic_PanicExceptionWithCodeMeaning(string code, string meaning)
    {
        var data = await ProcessRunner.CastAsync("calldata", "Panic(uint256)", code);

        var exception = Assert.IsType<ContractPanicException>(Decoder.Decode(data));

        Assert.Equal(Convert.ToInt32(code, 16), (int)exception.Code);
        Assert.Equal(meaning, exception.Meaning);
    }

    [Theory]
    [InlineData("0xdeadbeef0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("0x08c379a0ffff")]
    [InlineData("0x1234")]
    public void Decode_UnknownSelectorOrMalformedPayload_KeepsRawData(string data)
    {
        var exception = Assert.IsType<ContractUnknownRevertException>(Decoder.Decode(data));

        Assert.Equal(data, exception.RevertData);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0x")]
    public void Decode_NoData_UnknownRevertWithEmptyData(string? data) =>
        Assert.Equal("0x", Assert.IsType<ContractUnknownRevertException>(Decoder.Decode(data)).RevertData);

    [Fact]
    public async Task TryTranslate_NethereumCustomErrorException_TypedExceptionWrappingIt()
    {
        var data = await ProcessRunner.CastAsync("calldata", "Fixture_NoArgs()");
        var nethereum = new SmartContractCustomErrorRevertException(data);

        Assert.True(Decoder.TryTranslate(nethereum, out var typed));

        Assert.IsType<FixtureNoArgsException>(typed);
        Assert.Same(nethereum, typed.InnerException);
    }

    [Fact]
    public void TryTranslate_NethereumRevertReason_ReasonException()
    {
        var nethereum = new SmartContractRevertException("nope", "0x08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020" + "0000000000000000000000000000000000000000000000000000000000000004" + "6e6f706500000000000000000000000000000000000000000000000000000000");

        Assert.True(Decoder.TryTranslate(nethereum, out var typed));

        Assert.Equal("nope", Assert.IsType<ContractRevertReasonException>(typed).Reason);
    }

    [Fact]
    public void TryTranslate_NotARevert_ReturnsFalse() =>
        Assert.False(Decoder.TryTranslate(new InvalidOperationException("network down"), out _));
}
