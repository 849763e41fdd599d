using System.Text.Json.Nodes;
using RwaCompute.CodeGen.Cli;
using RwaCompute.CodeGen.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Sdk;

/// <summary>
/// The SDK's checked-in bindings (sdk/RwaCompute.Sdk/Generated) are exactly what the generator makes from the
/// forge artifacts in contracts/out: a contract change without regenerated bindings fails here. This runs the same
/// command line as CI's --check.
/// </summary>
public sealed class SdkBindingsTests
{
    /// <summary>CI's drift check, relative to the repository root.</summary>
    public static readonly string[] CheckCommand =
    [
        "--artifacts", "contracts/out",
        "--contracts", "ComputeCapacityToken,UtilizationOracle,ComputeEscrow,SuiteTimelock,ComputeMarket,ComputeLending,ComputeCurtailment",
        "--namespace", "RwaCompute.Sdk.Contracts",
        "--out", "sdk/RwaCompute.Sdk/Generated",
        "--check",
    ];

    [Fact]
    public void CheckMode_SdkGeneratedFolder_IsUpToDateWithContractsOut()
    {
        FixtureGeneration.RequireSuiteArtifacts();
        string[] args = [.. CheckCommand.Select(a => a.Contains('/', StringComparison.Ordinal) ? Path.Combine(RepositoryPaths.Root, a) : a), "--root", RepositoryPaths.Root];
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = CodeGenCommand.Run(args, stdout, stderr);

        Assert.True(
            exitCode == 0,
            $"SDK bindings drifted from contracts/out (exit {exitCode}). Regenerate: dotnet run --project tools/RwaCompute.CodeGen.Cli -- {string.Join(' ', CheckCommand.SkipLast(1))}\n{stderr}");
    }

    [Fact]
    public void LiveFixtureArtifact_HasTheSameAbiAsTheGoldenInput()
    {
        var live = Path.Combine(RepositoryPaths.ContractsOut, "CodegenFixture.sol", "CodegenFixture.json");
        Assert.True(File.Exists(live), $"{live} is missing: build the contracts first (source tools/ci/toolchain.sh && forge build).");

        var liveAbi = JsonNode.Parse(File.ReadAllText(live))!["abi"];
        var goldenAbi = JsonNode.Parse(File.ReadAllText(RepositoryPaths.FixtureArtifact))!["abi"];

        Assert.True(
            JsonNode.DeepEquals(liveAbi, goldenAbi),
            "contracts/test/codegen/CodegenFixture.sol changed its ABI: copy contracts/out/CodegenFixture.sol/CodegenFixture.json to "
            + "tests/RwaCompute.CodeGen.Tests/Fixtures/ and refresh Golden/ (RWA_CODEGEN_UPDATE_GOLDEN=1).");
    }
}
