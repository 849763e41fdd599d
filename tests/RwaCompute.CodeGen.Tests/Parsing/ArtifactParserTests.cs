using RwaCompute.CodeGen.Model;
using RwaCompute.CodeGen.Parsing;
using RwaCompute.CodeGen.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Parsing;

public sealed class ArtifactParserTests
{
    [Fact]
    public void ParseFile_ForgeArtifact_ReadsEveryKindAndSortsByNameThenSignature()
    {
        var contract = ArtifactParser.ParseFile(RepositoryPaths.FixtureArtifact, "Fixtures/CodegenFixture.json");

        Assert.Equal("CodegenFixture", contract.Name);
        Assert.NotNull(contract.Constructor);
        Assert.Equal(StateMutability.Payable, contract.Constructor!.StateMutability);
        Assert.StartsWith("0x", contract.Bytecode, StringComparison.Ordinal);
        Assert.Equal(
            ["deposit(address,uint256,bytes)", "deposit(uint256)", "deposit(uint256,address)"],
            contract.Functions.Where(f => f.Name == "deposit").Select(f => f.Signature));
        Assert.True(contract.Events.Single(e => e.Name == "Raw").Anonymous);
        Assert.Contains(contract.Errors, e => e.Signature == "Fixture_Failed(uint256,address,string)");
        Assert.Equal(contract.Functions.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Signature, StringComparer.Ordinal), contract.Functions);
    }

    [Fact]
    public void ParseFile_ForgeArtifact_ReadsNatSpecNotices()
    {
        var contract = ArtifactParser.ParseFile(RepositoryPaths.FixtureArtifact, "Fixtures/CodegenFixture.json");

        var fail = contract.Functions.Single(f => f.Name == "fail");
        Assert.Equal("Reverts with the kind of failure asked for.", fail.Documentation.Notice);
        Assert.Equal("Thrown without arguments by `fail(CustomWithoutArgs)`.", contract.Errors.Single(e => e.Name == "Fixture_NoArgs").Documentation.Notice);
    }

    [Fact]
    public void Parse_NestedTuple_KeepsStructNamesFromInternalType()
    {
        var contract = ArtifactParser.ParseFile(RepositoryPaths.FixtureArtifact, "Fixtures/CodegenFixture.json");

        var outer = Assert.IsType<TupleType>(contract.Functions.Single(f => f.Name == "setOuter").Inputs[0].Type);
        Assert.Equal("CodegenFixture.Outer", outer.StructName);
        var items = Assert.IsType<ArrayType>(outer.Components[1].Type);
        Assert.Equal("CodegenFixture.Inner", Assert.IsType<TupleType>(items.Element).StructName);
        Assert.Equal("uint256[2][]", outer.Components[3].Type.CanonicalName);
    }

    [Fact]
    public void Parse_PlainAbiArray_HasNoBytecode()
    {
        const string abi = """[{"type":"function","name":"f","inputs":[{"name":"x","type":"uint256"}],"outputs":[],"stateMutability":"nonpayable"}]""";

        var contract = ArtifactParser.Parse(abi, "abi/Thing.abi.json");

        Assert.Equal("Thing", contract.Name);
        Assert.Null(contract.Bytecode);
        Assert.Equal("f(uint256)", Assert.Single(contract.Functions).Signature);
    }

    [Fact]
    public void Parse_HardhatArtifact_ReadsStringBytecodeAndContractName()
    {
        const string artifact = """{"contractName":"Counter","abi":[],"bytecode":"0x6001"}""";

        var contract = ArtifactParser.Parse(artifact, "artifacts/whatever.json");

        Assert.Equal("Counter", contract.Name);
        Assert.Equal("0x6001", contract.Bytecode);
    }

    [Fact]
    public void Parse_EmptyBytecode_IsNotDeployable()
    {
        var contract = ArtifactParser.Parse("""{"abi":[],"bytecode":{"object":"0x"}}""", "out/I.sol/IThing.json");

        Assert.Null(contract.Bytecode);
    }

    [Theory]
    [InlineData("""{"abi": [}""", null, "invalid JSON at line 1")]
    [InlineData("""{"bytecode": {"object": "0x00"}}""", "$", "missing \"abi\"")]
    [InlineData("""{"abi": {}}""", "$.abi", "\"abi\" must be an array")]
    [InlineData("42", "$", "missing \"abi\"")]
    [InlineData("""{"abi": [{"type":"function","name":"f","inputs":[{"name":"x","type":"uint257"}]}]}""", "$.abi[0].inputs[0].type", "unknown Solidity type 'uint257'")]
    [InlineData("""{"abi": [{"type":"function","inputs":[]}]}""", "$.abi[0]", "missing \"name\"")]
    [InlineData("""{"abi": [{"type":"function","name":"f","inputs":[{"name":"x"}]}]}""", "$.abi[0].inputs[0]", "missing \"type\"")]
    [InlineData("""{"abi": [{"type":"function","name":"f","inputs":[{"name":"s","type":"tuple"}]}]}""", "$.abi[0].inputs[0]", "needs a \"components\" array")]
    [InlineData("""{"abi": [{"type":"gizmo","name":"f"}]}""", "$.abi[0].type", "unknown ABI entry type 'gizmo'")]
    [InlineData("""{"abi": [{"type":"function","name":"f","stateMutability":"sleepy"}]}""", "$.abi[0].stateMutability", "unknown stateMutability 'sleepy'")]
    [InlineData("""{"abi": [{"type":"function","name":"f"},{"type":"function","name":"f"}]}""", "$.abi", "function 'f()' appears twice")]
    [InlineData("""{"abi": [], "bytecode": {"object": "0xZZ"}}""", "$.bytecode.object", "bytecode is not hex")]
    public void Parse_MalformedInput_NamesFileAndJsonPath(string json, string? jsonPath, string problem)
    {
        var ex = Assert.Throws<CodeGenInputException>(() => ArtifactParser.Parse(json, "out/Bad.sol/Bad.json"));

        Assert.Equal("out/Bad.sol/Bad.json", ex.File);
        Assert.Equal(jsonPath, ex.JsonPath);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("out/Bad.sol/Bad.json: " + (jsonPath is null ? string.Empty : jsonPath + ": "), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Parse_InputHash_IgnoresFormattingAndForgeBuildIds()
    {
        const string compact = """{"abi":[{"type":"function","name":"f","inputs":[],"outputs":[],"stateMutability":"view"}],"bytecode":{"object":"0x60"},"id":3}""";
        const string spaced = """
        {
          "id": 99,
          "abi": [ { "type": "function", "name": "f", "inputs": [], "outputs": [], "stateMutability": "view" } ],
          "bytecode": { "object": "0x60" }
        }
        """;

        Assert.Equal(ArtifactParser.Parse(compact, "A.json").InputSha256, ArtifactParser.Parse(spaced, "A.json").InputSha256);
        Assert.NotEqual(
            ArtifactParser.Parse(compact, "A.json").InputSha256,
            ArtifactParser.Parse(compact.Replace("0x60", "0x61", StringComparison.Ordinal), "A.json").InputSha256);
    }
}
