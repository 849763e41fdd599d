using RwaCompute.CodeGen.Emitting;
using RwaCompute.CodeGen.Generation;
using RwaCompute.CodeGen.Model;
using RwaCompute.CodeGen.Naming;
using RwaCompute.CodeGen.Parsing;
using RwaCompute.CodeGen.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Parsing;

/// <summary>Enums: the ABI names them only through internalType; members and NatSpec come from the compiler's AST,
/// in the contract's own artifact or in the declaring contract's artifact.</summary>
public sealed class EnumResolutionTests
{
    private const string EnumAbi = """
        [{"type":"function","name":"status","stateMutability":"view","inputs":[],
          "outputs":[{"name":"","type":"uint8","internalType":"enum IThing.Status"}]},
         {"type":"function","name":"many","stateMutability":"view","inputs":[{"name":"s","type":"uint8[]","internalType":"enum IThing.Status[]"}],"outputs":[]}]
        """;

    private const string ThingAst = """
        {"nodeType":"SourceUnit","absolutePath":"src/IThing.sol","nodes":[
          {"nodeType":"ContractDefinition","name":"IThing","nodes":[
            {"nodeType":"EnumDefinition","name":"Status","canonicalName":"IThing.Status",
             "documentation":{"nodeType":"StructuredDocumentation","text":"@notice Where a thing is.\n @dev not in the docs"},
             "members":[{"nodeType":"EnumValue","name":"None"},
                        {"nodeType":"EnumValue","name":"in_use","documentation":{"nodeType":"StructuredDocumentation","text":"@notice Taken; see `use`."}}]}]}]}
        """;

    [Fact]
    public void Parse_FixtureWithAst_ReadsMembersAndNatSpec()
    {
        var contract = ArtifactParser.ParseFile(RepositoryPaths.FixtureArtifact, "CodegenFixture.json");

        var failureKind = Assert.Single(contract.Enums);
        Assert.Equal("CodegenFixture.FailureKind", failureKind.CanonicalName);
        Assert.Equal(["CustomWithArgs", "CustomWithoutArgs", "RequireString", "Panic", "Empty"], failureKind.Members.Select(m => m.Name));
        Assert.Equal("Which kind of revert `fail` produces.", failureKind.Notice);
        Assert.Equal("A bare `revert()`.", failureKind.Members[4].Notice);
    }

    [Fact]
    public void Parse_EnumDeclaredElsewhere_StaysUnresolvedUntilItsArtifactIsSearched()
    {
        var contract = ArtifactParser.Parse("{\"abi\":" + EnumAbi + "}", "out/Thing.sol/Thing.json");

        Assert.Equal(["IThing.Status"], contract.ReferencedEnums);
        Assert.Empty(contract.Enums);
        Assert.Equal("byte", ContractBinder.Bind(contract, "Ns").Functions.Single(f => f.Function.Name == "status").Outputs[0].CSharpType);
    }

    [Fact]
    public void Resolve_FromTheDeclaringContractsArtifact_BindsAnEnumWithDocs()
    {
        var folder = Directory.CreateTempSubdirectory("rwa-codegen-enum-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "IThing.sol"));
            File.WriteAllText(Path.Combine(folder.FullName, "IThing.sol", "IThing.json"), "{\"abi\":[],\"ast\":" + ThingAst + "}");
            var parsed = ArtifactParser.Parse("{\"abi\":" + EnumAbi + "}", "out/Thing.sol/Thing.json");

            var contract = EnumResolution.Resolve(parsed, [folder.FullName], new Dictionary<string, IReadOnlyList<EnumDefinition>>());
            var binding = ContractBinder.Bind(contract, "Ns");

            var status = Assert.Single(binding.Enums);
            Assert.Equal("Status", status.ClassName);
            Assert.Equal(["None", "InUse"], status.Members.Select(m => m.Name));
            Assert.Equal("Where a thing is.", status.Definition.Notice);
            Assert.Equal("Status", binding.Functions.Single(f => f.Function.Name == "status").Outputs[0].CSharpType);
            // Enum arrays stay integers (see docs/CODEGEN.md).
            Assert.Equal("List<byte>", binding.Functions.Single(f => f.Function.Name == "many").Inputs[0].CSharpType);
            Assert.NotEqual(parsed.InputSha256, contract.InputSha256);

            var file = Assert.Single(ContractEmitter.Emit(binding), f => f.RelativePath.EndsWith("Enums.g.cs", StringComparison.Ordinal));
            Assert.Contains("/// <summary>Taken; see <c>use</c>.</summary>", file.Content, StringComparison.Ordinal);
            Assert.Contains("InUse = 1,", file.Content, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Generate_Suite_EmitsTheStatusEnumsTheSdkUses()
    {
        FixtureGeneration.RequireSuiteArtifacts();

        var files = CodeGenerator.Generate(FixtureGeneration.SuiteOptions);
        var token = Assert.Single(files, f => f.RelativePath == "ComputeCapacityToken/ComputeCapacityTokenEnums.g.cs").Content;
        var escrow = Assert.Single(files, f => f.RelativePath == "ComputeEscrow/ComputeEscrowEnums.g.cs").Content;
        var lending = Assert.Single(files, f => f.RelativePath == "ComputeLending/ComputeLendingEnums.g.cs").Content;

        Assert.Contains("public enum TransferStatus", token, StringComparison.Ordinal);
        Assert.Contains("InvalidReceiver = 9,", token, StringComparison.Ordinal);
        Assert.Contains("public enum PledgeStatus", lending, StringComparison.Ordinal);
        Assert.DoesNotContain("public enum PledgeStatus", escrow, StringComparison.Ordinal);
        Assert.Contains("public enum RedemptionStatus", escrow, StringComparison.Ordinal);
    }
}
