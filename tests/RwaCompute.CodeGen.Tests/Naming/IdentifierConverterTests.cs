using RwaCompute.CodeGen.Naming;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Naming;

public sealed class IdentifierConverterTests
{
    [Theory]
    [InlineData("lotId", "LotId")]
    [InlineData("_bump", "Bump")]
    [InlineData("__x", "X")]
    [InlineData("reporters_", "Reporters")]
    [InlineData("DOMAIN_SEPARATOR", "DomainSeparator")]
    [InlineData("MAX_BPS", "MaxBps")]
    [InlineData("URI", "Uri")]
    [InlineData("CLASH", "Clash")]
    [InlineData("ComputeToken_UnknownLot", "ComputeTokenUnknownLot")]
    [InlineData("ERC1155InvalidReceiver", "ERC1155InvalidReceiver")]
    [InlineData("eip712Domain", "Eip712Domain")]
    [InlineData("foo_bar", "FooBar")]
    [InlineData("price$", "Price")]
    [InlineData("_1st", "N1st")]
    public void ToPascalCase_SolidityNames_GivesFrameworkDesignGuidelinesNames(string solidity, string expected) =>
        Assert.Equal(expected, IdentifierConverter.ToPascalCase(solidity));

    [Theory]
    [InlineData("_")]
    [InlineData("$")]
    [InlineData("__")]
    public void ToPascalCase_NothingLeft_ReturnsNull(string solidity) =>
        Assert.Null(IdentifierConverter.ToPascalCase(solidity));

    [Theory]
    [InlineData("LotId", "lotId")]
    [InlineData("Id", "id")]
    [InlineData("URLPath", "urlPath")]
    [InlineData("ERC1155InvalidReceiver", "erc1155InvalidReceiver")]
    [InlineData("Params", "params")]
    public void ToCamelCase_PascalNames_LowersTheLeadingWord(string pascal, string expected) =>
        Assert.Equal(expected, IdentifierConverter.ToCamelCase(pascal));

    [Theory]
    [InlineData("params", "@params")]
    [InlineData("object", "@object")]
    [InlineData("namespace", "@namespace")]
    [InlineData("base", "@base")]
    [InlineData("event", "@event")]
    [InlineData("string", "@string")]
    [InlineData("await", "@await")]
    [InlineData("value", "value")]
    [InlineData("amount", "amount")]
    public void Escape_CSharpKeywords_PrefixesAt(string name, string expected) =>
        Assert.Equal(expected, CSharpKeywords.Escape(name));
}
