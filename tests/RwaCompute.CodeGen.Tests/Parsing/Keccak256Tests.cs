using RwaCompute.CodeGen.Hashing;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Parsing;

public sealed class Keccak256Tests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Topic_KnownInputs_MatchesCastKeccak(string input, string expected) =>
        Assert.Equal(expected, Keccak256.Topic(input));

    [Theory]
    [InlineData('a', 200, "0x96ea54061def936c4be90b518992fdc6f12f535068a256229aca54267b4d084d")]
    [InlineData('b', 136, "0x121b76d0b19f3c2c7632310b92c54cddd59d16a6b5aafe84696426f10e5733bf")]
    [InlineData('c', 135, "0xc05b1ba4c8f046ae743faa70cbe7d4f3f75081d584c7f1bf675dd6e7cc1fc7e8")]
    public void Topic_InputsAroundTheRate_MatchesCastKeccak(char c, int length, string expected) =>
        Assert.Equal(expected, Keccak256.Topic(new string(c, length)));

    [Theory]
    [InlineData("transfer(address,uint256)", "0xa9059cbb")]
    [InlineData("Error(string)", "0x08c379a0")]
    [InlineData("Panic(uint256)", "0x4e487b71")]
    public void Selector_CanonicalSignatures_MatchesKnownSelectors(string signature, string expected) =>
        Assert.Equal(expected, Keccak256.Selector(signature));
}
