using RwaCompute.CodeGen.Emitting;
using RwaCompute.CodeGen.Generation;

namespace RwaCompute.CodeGen.Tests.Infrastructure;

/// <summary>The generator runs the tests compare: the fixture into Golden/, the suite into the SDK.</summary>
public static class FixtureGeneration
{
    public const string GoldenNamespace = "RwaCompute.CodeGen.Tests.Golden";

    public const string SdkNamespace = "RwaCompute.Sdk.Contracts";

    public static readonly string[] SuiteContracts = ["ComputeCapacityToken", "UtilizationOracle", "ComputeEscrow", "SuiteTimelock", "ComputeMarket", "ComputeLending"];

    public static GenerationOptions FixtureOptions => new()
    {
        Artifacts = [RepositoryPaths.FixtureArtifact],
        Namespace = GoldenNamespace,
        SourceRoot = RepositoryPaths.Root,
    };

    public static GenerationOptions SuiteOptions => new()
    {
        Artifacts = [RepositoryPaths.ContractsOut],
        Contracts = SuiteContracts,
        Namespace = SdkNamespace,
        SourceRoot = RepositoryPaths.Root,
    };

    public static IReadOnlyList<GeneratedFile> GenerateFixture() => CodeGenerator.Generate(FixtureOptions);

    /// <summary>The suite's artifacts come from forge build; fail clearly when they are missing.</summary>
    public static void RequireSuiteArtifacts()
    {
        foreach (var contract in SuiteContracts)
        {
            var path = Path.Combine(RepositoryPaths.ContractsOut, contract + ".sol", contract + ".json");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"{path} is missing: build the contracts first (source tools/ci/toolchain.sh && forge build).");
            }
        }
    }
}
