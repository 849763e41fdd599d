using System.Numerics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.CodeGen.Generation;
using RwaCompute.CodeGen.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Runtime;

/// <summary>
/// OpenZeppelin's TimelockController (the suite's SuiteTimelock) is the first bound contract with <c>bytes[]</c>
/// parameters: its bindings map them to <c>List&lt;byte[]&gt;</c>, <c>bytes32</c> to <c>byte[]</c> and the
/// <c>OperationState</c> enum to <c>byte</c>, compile, and encode <c>scheduleBatch</c> / <c>executeBatch</c> /
/// <c>hashOperationBatch</c> exactly as Foundry's <c>cast calldata</c> does.
/// </summary>
public sealed class TimelockBindingTests
{
    private const string Namespace = "TimelockCheck";
    private const string Target1 = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private const string Target2 = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

    private static readonly Lazy<Assembly> Bindings = new(CompileBindings);

    [Fact]
    public void Generate_SuiteTimelock_BindsBytesArraysBytes32AndTheEnum()
    {
        var functions = Generate().Single(f => f.RelativePath.EndsWith("SuiteTimelockFunctions.g.cs", StringComparison.Ordinal)).Content;

        Assert.Contains("[Parameter(\"bytes[]\", \"payloads\", 3)]", functions, StringComparison.Ordinal);
        Assert.Contains("public virtual List<byte[]> Payloads { get; set; } = new();", functions, StringComparison.Ordinal);
        Assert.Contains("[Parameter(\"bytes32\", \"salt\", 5)]", functions, StringComparison.Ordinal);
        Assert.Contains("[Function(\"getOperationState\", \"uint8\")]", functions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleBatch_BytesArrayAndBytes32_MatchesCast()
    {
        var message = Message("ScheduleBatchFunction", ("Delay", (BigInteger)172_800));

        await AssertSameAsCastAsync(message, "scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)", "172800");
    }

    [Fact]
    public async Task ExecuteAndHashOperationBatch_MatchCast()
    {
        await AssertSameAsCastAsync(Message("ExecuteBatchFunction"), "executeBatch(address[],uint256[],bytes[],bytes32,bytes32)");
        await AssertSameAsCastAsync(Message("HashOperationBatchFunction"), "hashOperationBatch(address[],uint256[],bytes[],bytes32,bytes32)");
    }

    private static IReadOnlyList<RwaCompute.CodeGen.Emitting.GeneratedFile> Generate()
    {
        var artifact = Path.Combine(RepositoryPaths.ContractsOut, "SuiteTimelock.sol", "SuiteTimelock.json");
        Assert.True(File.Exists(artifact), $"{artifact} is missing: build the contracts first (forge build).");
        return CodeGenerator.Generate(new GenerationOptions
        {
            Artifacts = [RepositoryPaths.ContractsOut],
            Contracts = ["SuiteTimelock"],
            Namespace = Namespace,
            SourceRoot = RepositoryPaths.Root,
        });
    }

    /// <summary>A batch of two calls: the second payload is empty and the first spans more than one 32-byte word, so
    /// offsets and padding of <c>bytes[]</c> are exercised.</summary>
    private static FunctionMessage Message(string type, params (string Property, object Value)[] extra)
    {
        var message = (FunctionMessage)Activator.CreateInstance(Bindings.Value.GetType($"{Namespace}.SuiteTimelock.{type}", throwOnError: true)!)!;
        Set(message, "Targets", new List<string> { Target1, Target2 });
        Set(message, "Values", new List<BigInteger> { 0, 7 });
        Set(message, "Payloads", new List<byte[]> { Enumerable.Range(1, 40).Select(i => (byte)i).ToArray(), Array.Empty<byte>() });
        Set(message, "Predecessor", Word(0xaa));
        Set(message, "Salt", Word(0x55));
        foreach (var (property, value) in extra)
        {
            Set(message, property, value);
        }

        return message;
    }

    private static async Task AssertSameAsCastAsync(FunctionMessage message, string signature, params string[] tail)
    {
        var payload = Enumerable.Range(1, 40).Select(i => (byte)i).ToArray().ToHex(true);
        var expected = await ProcessRunner.CastAsync(["calldata", signature, $"[{Target1},{Target2}]", "[0,7]", $"[{payload},0x]", Word(0xaa).ToHex(true), Word(0x55).ToHex(true), .. tail]);

        Assert.Equal(expected, CallData(message).ToHex(true));
    }

    /// <summary><c>GetCallData&lt;T&gt;</c> with the message's runtime type (the binding is loaded at run time).</summary>
    private static byte[] CallData(FunctionMessage message) =>
        (byte[])typeof(FunctionMessageExtensions).GetMethods()
            .Single(m => m.Name == nameof(FunctionMessageExtensions.GetCallData) && m.GetParameters().Length == 1)
            .MakeGenericMethod(message.GetType())
            .Invoke(null, [message])!;

    private static void Set(object target, string property, object value) =>
        target.GetType().GetProperty(property)!.SetValue(target, value);

    private static byte[] Word(byte fill) => Enumerable.Repeat(fill, 32).ToArray();

    private static Assembly CompileBindings()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith("RwaCompute.", StringComparison.Ordinal))
            .Append(typeof(RwaCompute.Contracts.Runtime.ContractRevertException).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "TimelockBindings",
            Generate().Select(f => CSharpSyntaxTree.ParseText(f.Content, new CSharpParseOptions(LanguageVersion.CSharp10), path: f.RelativePath)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(stream.ToArray());
    }
}
