using RwaCompute.CodeGen.Naming;
using RwaCompute.CodeGen.Parsing;
using RwaCompute.CodeGen.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Naming;

public sealed class ContractBinderTests
{
    private static readonly ContractBinding Fixture = ContractBinder.Bind(
        ArtifactParser.ParseFile(RepositoryPaths.FixtureArtifact, "CodegenFixture.json"),
        "Root");

    private static FunctionBinding FunctionBySignature(string signature) =>
        Fixture.Functions.Single(f => f.Function.Signature == signature);

    [Fact]
    public void Bind_Overloads_AreNamedByParameterTypes()
    {
        Assert.Equal("Deposit", FunctionBySignature("deposit(uint256)").BaseName);
        Assert.Equal("DepositUint256Address", FunctionBySignature("deposit(uint256,address)").BaseName);
        Assert.Equal("DepositAddressUint256Bytes", FunctionBySignature("deposit(address,uint256,bytes)").BaseName);
        Assert.Equal("LookupUint256", FunctionBySignature("lookup(uint256)").BaseName);
        Assert.Equal("LookupBytes32", FunctionBySignature("lookup(bytes32)").BaseName);
        Assert.Equal(["Ping", "PingUint256Address"], Fixture.Events.Where(e => e.Event.Name == "Ping").Select(e => e.BaseName));
    }

    [Fact]
    public void Bind_SameNameAfterPascalCasing_SecondInSignatureOrderGetsTwo()
    {
        Assert.Equal("FooBar", FunctionBySignature("fooBar()").BaseName);
        Assert.Equal("FooBar2", FunctionBySignature("foo_bar()").BaseName);
    }

    [Fact]
    public void Bind_FunctionEventAndErrorSharingAName_GetDistinctKindSuffixes()
    {
        Assert.Equal("ClashFunction", FunctionBySignature("clash(uint256)").MessageClass);
        Assert.Equal("ClashEventDTO", Fixture.Events.Single(e => e.Event.Name == "Clash").DtoClass);
        var error = Fixture.Errors.Single(e => e.Error.Name == "CLASH");
        Assert.Equal("ClashError", error.DtoClass);
        Assert.Equal("ClashException", error.ExceptionClass);
    }

    [Fact]
    public void Bind_LeadingUnderscoreAndNethereumMemberNames_AreRenamedSafely()
    {
        var bump = FunctionBySignature("_bump(uint256,uint256)");

        Assert.Equal("Bump", bump.BaseName);
        Assert.Equal(["Nonce2", "Gas2"], bump.Inputs.Select(p => p.PropertyName));
        Assert.Equal(["nonce", "gas"], bump.Inputs.Select(p => p.ArgumentName));
    }

    [Fact]
    public void Bind_KeywordNames_ArePascalPropertiesAndEscapedArguments()
    {
        var keywords = FunctionBySignature("keywords(uint256,bool,address,string)");

        Assert.Equal(["Params", "Object", "Base", "Namespace"], keywords.Inputs.Select(p => p.PropertyName));
        Assert.Equal(["@params", "@object", "@base", "@namespace"], keywords.Inputs.Select(p => p.ArgumentName));
    }

    [Fact]
    public void Bind_UnnamedParameters_GetPositionalNames()
    {
        var unnamed = FunctionBySignature("unnamed(uint256,bool)");

        Assert.Equal(["Arg1", "Flag"], unnamed.Inputs.Select(p => p.PropertyName));
        Assert.Equal(["ReturnValue1", "ReturnValue2"], unnamed.Outputs.Select(p => p.PropertyName));
        Assert.Equal(ReturnShape.Multiple, unnamed.Shape);
    }

    [Fact]
    public void Bind_TypeMapping_FollowsTheDocumentedTable()
    {
        var outer = Fixture.Structs.Single(s => s.ClassName == "Outer");
        Assert.Equal(
            ["Inner", "List<Inner>", "List<Inner>", "List<List<BigInteger>>", "List<string>", "byte[]"],
            outer.Properties.Select(p => p.CSharpType));
        Assert.Equal(["ulong", "byte[]", "sbyte"], Fixture.Structs.Single(s => s.ClassName == "Inner").Properties.Select(p => p.CSharpType));
        Assert.Equal("ushort", Fixture.ConstructorInputs.Single(p => p.Parameter.Name == "feeBps").CSharpType);
        Assert.Equal("FailureKind", FunctionBySignature("fail(uint8,uint256)").Inputs[0].CSharpType);
        Assert.True(FunctionBySignature("fail(uint8,uint256)").Inputs[0].IsValueType);
    }

    [Fact]
    public void Bind_IndexedReferenceTypes_HoldTopicHashesAsStrings()
    {
        var labelled = Fixture.Events.Single(e => e.Event.Name == "Labelled");

        Assert.All(labelled.Properties.Take(3), p => Assert.True(p.IsHashedTopic));
        Assert.All(labelled.Properties.Take(3), p => Assert.Equal("string", p.CSharpType));
        Assert.Equal("Inner", labelled.Properties[3].CSharpType);
    }

    [Fact]
    public void Bind_ReturnShapes_StructAndNestedArraysGoThroughOutputDtos()
    {
        Assert.Equal(ReturnShape.SingleThroughOutput, FunctionBySignature("outer()").Shape);
        Assert.Equal(ReturnShape.SingleThroughOutput, FunctionBySignature("transpose(uint256[2][])").Shape);
        Assert.Equal(ReturnShape.SingleThroughOutput, FunctionBySignature("inners(uint256)").Shape);
        Assert.Equal(ReturnShape.Multiple, FunctionBySignature("describe(bytes32[],bytes,string[])").Shape);
        Assert.Equal(ReturnShape.OneValue, FunctionBySignature("negate(int8)").Shape);
        Assert.Equal(ReturnShape.None, FunctionBySignature("emitAll(string,bytes,uint256[])").Shape);
    }
}
