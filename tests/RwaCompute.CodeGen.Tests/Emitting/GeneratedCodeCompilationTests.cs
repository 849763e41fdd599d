using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RwaCompute.CodeGen.Emitting;
using RwaCompute.CodeGen.Generation;
using RwaCompute.CodeGen.Parsing;
using RwaCompute.CodeGen.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Emitting;

/// <summary>
/// The generated code compiles on its own with Roslyn: C# 10, nullable enabled, every warning (all warning waves,
/// missing XML docs included) an error, no implicit usings, referencing only the compiled runtime
/// (RwaCompute.Contracts.Runtime) and Nethereum.
/// </summary>
public sealed class GeneratedCodeCompilationTests
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith("RwaCompute.", StringComparison.Ordinal))
            .Append(typeof(RwaCompute.Contracts.Runtime.ContractRevertException).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p))]);

    [Fact]
    public void Compile_FixtureBindings_NoWarningsNoErrors() =>
        AssertCompiles(FixtureGeneration.GenerateFixture());

    [Fact]
    public void Compile_SuiteBindings_NoWarningsNoErrors()
    {
        FixtureGeneration.RequireSuiteArtifacts();

        AssertCompiles(CodeGenerator.Generate(FixtureGeneration.SuiteOptions));
    }

    [Fact]
    public void Compile_PlainAbiWithoutInternalTypes_StructsNamedFromParametersCompile()
    {
        var artifact = JsonNode.Parse(File.ReadAllText(RepositoryPaths.FixtureArtifact))!;
        var abi = artifact["abi"]!.DeepClone();
        StripInternalTypes(abi);

        var contract = ArtifactParser.Parse(abi.ToJsonString(), "abi/CodegenFixture.abi.json");
        var files = CodeGenerator.Generate([contract], "Plain");

        Assert.DoesNotContain(files, f => f.RelativePath.EndsWith("Deployment.g.cs", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Content.Contains("public partial class ValueTuple3 : ValueTuple3Base", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Content.Contains("Eip712Type", StringComparison.Ordinal)); // unnamed tuples have no EIP-712 type
        AssertCompiles(files);
    }

    [Fact]
    public void Compile_EdgeCaseAbi_ReservedNamesIndexedStructsAndTwinStructsCompile()
    {
        const string abi = """
            [
              {"type":"constructor","inputs":[],"stateMutability":"payable"},
              {"type":"fallback","stateMutability":"payable"},
              {"type":"receive","stateMutability":"payable"},
              {"type":"function","name":"foo","stateMutability":"nonpayable","inputs":[
                {"name":"cancellationToken","type":"uint256"},{"name":"blockParameter","type":"address"},{"name":"message","type":"string"},
                {"name":"list","type":"tuple","internalType":"struct Lib.List","components":[{"name":"task","type":"tuple","internalType":"struct Lib.Task","components":[{"name":"id","type":"uint256"}]}]}],
               "outputs":[{"name":"","type":"tuple[]","internalType":"struct A.Info[]","components":[{"name":"a","type":"uint8"}]},
                          {"name":"","type":"tuple","internalType":"struct B.Info","components":[{"name":"b","type":"int256"}]},
                          {"name":"grid","type":"uint256[2][3]"}]},
              {"type":"function","name":"getFooEvents","stateMutability":"view","inputs":[],"outputs":[{"name":"","type":"bool"}]},
              {"type":"function","name":"toString","stateMutability":"pure","inputs":[{"name":"equals","type":"bytes"}],"outputs":[{"name":"","type":"string"}]},
              {"type":"event","name":"Foo","anonymous":false,"inputs":[
                {"name":"list","type":"tuple","indexed":true,"internalType":"struct Lib.List","components":[{"name":"task","type":"tuple","internalType":"struct Lib.Task","components":[{"name":"id","type":"uint256"}]}]},
                {"name":"ids","type":"uint256[]","indexed":true},{"name":"$","type":"uint256","indexed":false}]},
              {"type":"event","name":"Foo","anonymous":true,"inputs":[{"name":"who","type":"address","indexed":true}]},
              {"type":"error","name":"Bad$Thing","inputs":[{"name":"list","type":"tuple","internalType":"struct Lib.List","components":[{"name":"task","type":"tuple","internalType":"struct Lib.Task","components":[{"name":"id","type":"uint256"}]}]}]}
            ]
            """;
        var artifact = "{\"abi\":" + abi + ",\"bytecode\":{\"object\":\"0x6080\"}}";

        var files = CodeGenerator.Generate([ArtifactParser.Parse(artifact, "out/my_token.sol/my_token.json")], "Edge");
        var all = string.Concat(files.Select(f => f.Content));

        Assert.Contains("namespace Edge.MyToken;", all, StringComparison.Ordinal);
        Assert.Contains("public partial class List2 : List2Base", all, StringComparison.Ordinal);
        Assert.Contains("public partial class Task2 : Task2Base", all, StringComparison.Ordinal);
        Assert.Contains("public partial class AInfo : AInfoBase", all, StringComparison.Ordinal);
        Assert.Contains("public partial class BInfo : BInfoBase", all, StringComparison.Ordinal);
        Assert.Contains("FooRequestAsync(BigInteger cancellationToken2, string blockParameter2, string message2, List2 list,", all, StringComparison.Ordinal);
        Assert.Contains("public virtual List2 List { get; set; } = new();", all, StringComparison.Ordinal);
        Assert.Contains("public virtual byte[] Equals2 { get; set; }", all, StringComparison.Ordinal);
        Assert.Contains("GetFooListUint256ArrayUint256EventsAsync(string? list = null, string? ids = null,", all, StringComparison.Ordinal);
        Assert.Contains("public partial class BadThingException", all, StringComparison.Ordinal);
        AssertCompiles(files);
    }

    [Fact]
    public void Compile_InterfaceArtifactWithoutBytecode_ServiceWithoutDeployment()
    {
        var path = Path.Combine(RepositoryPaths.ContractsOut, "IComputeEscrow.sol", "IComputeEscrow.json");
        Assert.True(File.Exists(path), $"{path} is missing: build the contracts first (forge build).");

        var files = CodeGenerator.Generate([ArtifactParser.ParseFile(path, "contracts/out/IComputeEscrow.sol/IComputeEscrow.json")], "Interfaces");

        Assert.DoesNotContain(files, f => f.RelativePath.EndsWith("Deployment.g.cs", StringComparison.Ordinal));
        AssertCompiles(files);
    }

    [Fact]
    public void Compile_BindingsWithUserPartials_ExtendWithoutEditing()
    {
        const string extension = """
            #nullable enable
            using System.Numerics;
            using System.Threading;
            using System.Threading.Tasks;

            namespace RwaCompute.CodeGen.Tests.Golden.CodegenFixture
            {
                /// <summary>A hand-written extension living beside the generated code.</summary>
                public partial class CodegenFixtureService
                {
                    /// <summary>Doubles a value through the contract.</summary>
                    /// <param name="value">The value.</param>
                    /// <param name="cancellationToken">Cancels the wait.</param>
                    /// <returns>Twice the value.</returns>
                    public async Task<BigInteger> TwiceAsync(BigInteger value, CancellationToken cancellationToken = default) =>
                        await ClashQueryAsync(value, null, cancellationToken).ConfigureAwait(false) * 2;
                }
            }
            """;

        AssertCompiles([.. FixtureGeneration.GenerateFixture(), new GeneratedFile("Extension.cs", extension)]);
    }

    private static void StripInternalTypes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("internalType");
                foreach (var (_, child) in obj.ToList())
                {
                    StripInternalTypes(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    StripInternalTypes(child);
                }

                break;
        }
    }

    private static void AssertCompiles(IReadOnlyList<GeneratedFile> files)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp10, DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create(
            "GeneratedBindings",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Content, parseOptions, path: f.RelativePath)),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                warningLevel: 9999,

                // As the .NET SDK does by default: assembly-version unification notes, not code problems.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

        using var peStream = new MemoryStream();
        using var xmlStream = new MemoryStream();
        var result = compilation.Emit(peStream, xmlDocumentationStream: xmlStream);

        var problems = result.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(result.Success && problems.Count == 0, "Generated code does not compile cleanly:\n" + string.Join('\n', problems.Take(40)));
    }
}
