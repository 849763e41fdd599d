using RwaCompute.CodeGen.Model;
using RwaCompute.CodeGen.Naming;
using RwaCompute.CodeGen.Parsing;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Naming;

public sealed class OverloadNamingTests
{
    private static AbiFunction Function(string name, params string[] types) => new(
        name,
        [.. types.Select((t, i) => new AbiParameter("p" + i, SolidityTypeParser.Parse(t, null), false, null))],
        [],
        StateMutability.NonPayable,
        Documentation.None);

    [Fact]
    public void BaseNames_FewestParametersUnique_KeepsPlainNameOthersGetTypeSuffixes()
    {
        var three = Function("safeTransferFrom", "address", "address", "uint256");
        var five = Function("safeTransferFrom", "address", "address", "uint256", "uint256", "bytes");

        var names = OverloadNaming.BaseNames([five, three], f => f.Name, f => f.Inputs);

        Assert.Equal("SafeTransferFrom", names[three]);
        Assert.Equal("SafeTransferFromAddressAddressUint256Uint256Bytes", names[five]);
    }

    [Fact]
    public void BaseNames_TieOnFewestParameters_AllTiedGetSuffixes()
    {
        var byId = Function("lookup", "uint256");
        var byKey = Function("lookup", "bytes32");

        var names = OverloadNaming.BaseNames([byId, byKey], f => f.Name, f => f.Inputs);

        Assert.Equal("LookupUint256", names[byId]);
        Assert.Equal("LookupBytes32", names[byKey]);
    }

    [Fact]
    public void BaseNames_DoNotDependOnAbiOrder()
    {
        var a = Function("deposit", "uint256");
        var b = Function("deposit", "uint256", "address");
        var c = Function("deposit", "address", "uint256", "bytes");

        var forward = OverloadNaming.BaseNames([a, b, c], f => f.Name, f => f.Inputs);
        var backward = OverloadNaming.BaseNames([c, b, a], f => f.Name, f => f.Inputs);

        Assert.Equal(forward.OrderBy(p => p.Value), backward.OrderBy(p => p.Value));
    }

    [Theory]
    [InlineData("uint256[2][]", "Uint256Array2Array")]
    [InlineData("address[]", "AddressArray")]
    [InlineData("bytes32", "Bytes32")]
    [InlineData("int8", "Int8")]
    public void TypeToken_Arrays_AppendArrayAndFixedLength(string type, string expected) =>
        Assert.Equal(expected, OverloadNaming.TypeToken(SolidityTypeParser.Parse(type, null)));

    [Fact]
    public void TypeToken_Tuple_UsesTheStructName() =>
        Assert.Equal("LotSpec", OverloadNaming.TypeToken(new TupleType([], "IComputeCapacityToken.LotSpec")));
}
