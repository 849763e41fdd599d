namespace RwaCompute.CodeGen.Tests.Infrastructure;

/// <summary>Paths in the repository, found by walking up from the test assembly to the folder holding
/// RwaCompute.sln.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string TestProject => Path.Combine(Root, "tests", "RwaCompute.CodeGen.Tests");

    /// <summary>The golden input: a copy of forge's artifact for contracts/test/codegen/CodegenFixture.sol.</summary>
    public static string FixtureArtifact => Path.Combine(TestProject, "Fixtures", "CodegenFixture.json");

    /// <summary>The committed generator output for <see cref="FixtureArtifact"/>.</summary>
    public static string GoldenFolder => Path.Combine(TestProject, "Golden");

    public static string ContractsOut => Path.Combine(Root, "contracts", "out");

    public static string SdkGeneratedFolder => Path.Combine(Root, "sdk", "RwaCompute.Sdk", "Generated");

    public static string Anvil => Tool("anvil");

    public static string Cast => Tool("cast");

    /// <summary>The native Foundry binary (never the node_modules/.bin launcher, which always exits 0).</summary>
    private static string Tool(string name)
    {
        var path = Path.Combine(Root, "node_modules", "@foundry-rs", $"{name}-linux-amd64", "bin", name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{name} not found at {path}: install the pinned Foundry toolchain with `npm ci` (or `source tools/ci/toolchain.sh`) in {Root}.");
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RwaCompute.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RwaCompute.sln not found above " + AppContext.BaseDirectory);
    }
}
