using RwaCompute.CodeGen.Model;
using RwaCompute.CodeGen.Parsing;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Parsing;

public sealed class SolidityTypeParserTests
{
    [Theory]
    [InlineData("uint256", "uint256", "uint256")]
    [InlineData("uint", "uint256", "uint256")]
    [InlineData("int8", "int8", "int8")]
    [InlineData("bytes32[]", "bytes32[]", "bytes32[]")]
    [InlineData("uint256[2][]", "uint256[2][]", "uint256[2][]")]
    [InlineData("string[]", "string[]", "string[]")]
    [InlineData("address[3]", "address[3]", "address[3]")]
    public void Parse_ElementaryAndArrays_KeepsCanonicalAndAttributeNames(string type, string canonical, string attribute)
    {
        var parsed = SolidityTypeParser.Parse(type, null);

        Assert.Equal(canonical, parsed.CanonicalName);
        Assert.Equal(attribute, parsed.AttributeName);
    }

    [Fact]
    public void Parse_UInt256FixedInDynamic_OuterIsDynamicArrayOfFixedPairs()
    {
        var parsed = Assert.IsType<ArrayType>(SolidityTypeParser.Parse("uint256[2][]", null));

        Assert.Null(parsed.Length);
        var inner = Assert.IsType<ArrayType>(parsed.Element);
        Assert.Equal(2, inner.Length);
        Assert.False(inner.IsDynamic);
        Assert.True(parsed.IsDynamic);
    }

    [Fact]
    public void Parse_TupleArray_UsesComponentsAndTupleAttributeName()
    {
        var tuple = new TupleType(
            [new AbiParameter("a", SolidityTypeParser.Parse("uint64", null), false, null), new AbiParameter("b", SolidityTypeParser.Parse("string", null), false, null)],
            "Lib.Pair");

        var parsed = SolidityTypeParser.Parse("tuple[2][]", tuple);

        Assert.Equal("(uint64,string)[2][]", parsed.CanonicalName);
        Assert.Equal("tuple[2][]", parsed.AttributeName);
    }

    [Theory]
    [InlineData("uint257", "unknown Solidity type 'uint257'")]
    [InlineData("uint7", "unknown Solidity type 'uint7'")]
    [InlineData("bytes33", "unknown Solidity type 'bytes33'")]
    [InlineData("bytes0", "unknown Solidity type 'bytes0'")]
    [InlineData("uint08", "unknown Solidity type 'uint08'")]
    [InlineData("strng", "unknown Solidity type 'strng'")]
    [InlineData("uint256[0]", "invalid fixed array length '0'")]
    [InlineData("uint256[", "malformed array suffix")]
    [InlineData("tuple", "has no \"components\"")]
    [InlineData("function", "unsupported Solidity type 'function'")]
    [InlineData("fixed128x18", "unsupported Solidity type 'fixed128x18'")]
    public void Parse_BadTypes_ThrowsWithTheReason(string type, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => SolidityTypeParser.Parse(type, null));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
