using RwaCompute.CodeGen.Cli;
using RwaCompute.CodeGen.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Cli;

/// <summary>The command line: one error line for bad input (a stack trace only with --verbose), --check drift.</summary>
public sealed class CodeGenCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("rwa-codegen-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("""{"abi": [""", "RWACG0101", "Bad.json: invalid JSON at line")]
    [InlineData("""{"abi": [{"type":"function","name":"f","inputs":[{"name":"x","type":"uint257"}]}]}""", "RWACG0111", "Bad.json: $.abi[0].inputs[0].type: unknown Solidity type 'uint257'")]
    [InlineData("""{"bytecode": {"object": "0x6080"}}""", "RWACG0102", "Bad.json: $: missing \"abi\"")]
    [InlineData("""{"abi": [{"type":"event","name":"E","inputs":[{"name":"a","type":"uint8","indexed":true},{"name":"b","type":"uint8","indexed":true},{"name":"c","type":"uint8","indexed":true},{"name":"d","type":"uint8","indexed":true}]}]}""", "RWACG0108", "Bad.json: $.abi[0].inputs: event 'E' has 4 indexed parameters")]
    [InlineData("""{"abi": [{"type":"constructor","inputs":[]},{"type":"constructor","inputs":[]}]}""", "RWACG0105", "Bad.json: $.abi[1]: second constructor")]
    public void Run_MalformedInput_ExitsOneWithExactlyOneErrorLineNamingFileAndPath(string json, string id, string expected)
    {
        File.WriteAllText(Path.Combine(folder, "Bad.json"), json);

        var (exitCode, _, stderr) = Run("--artifacts", Path.Combine(folder, "Bad.json"), "--namespace", "X", "--out", Path.Combine(folder, "out"), "--root", folder);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith($"rwa-codegen: error {id}: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public void Run_MalformedInputVerbose_PrintsTheStackTrace()
    {
        File.WriteAllText(Path.Combine(folder, "Bad.json"), "{}");

        var (exitCode, _, stderr) = Run("--artifacts", Path.Combine(folder, "Bad.json"), "--namespace", "X", "--out", folder, "--verbose");

        Assert.Equal(1, exitCode);
        Assert.Contains("missing \"abi\"", stderr, StringComparison.Ordinal);
        Assert.Contains("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--contracts", "Nope", "contract 'Nope' not found")]
    [InlineData("--namespace", "1Bad.Name", "'1Bad.Name' is not a valid C# namespace")]
    public void Run_BadOptions_OneErrorLine(string option, string value, string expected)
    {
        string[] args = ["--artifacts", RepositoryPaths.FixtureArtifact, "--namespace", "X", "--out", folder];
        var index = Array.IndexOf(args, option);
        args = index >= 0 ? [.. args[..(index + 1)], value, .. args[(index + 2)..]] : [.. args, option, value];

        var (exitCode, _, stderr) = Run(args);

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, Assert.Single(Lines(stderr)), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingRequiredOption_OneErrorLineNotAPageOfHelp()
    {
        var (exitCode, stdout, stderr) = Run("--artifacts", RepositoryPaths.FixtureArtifact, "--out", folder);

        Assert.Equal(1, exitCode);
        Assert.Contains("--namespace", Assert.Single(Lines(stderr)), StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public void Run_Help_PrintsUsageAndSucceeds()
    {
        var (exitCode, stdout, _) = Run("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--check", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnostics_IdsAreUniqueAndWellFormed()
    {
        var ids = RwaCompute.CodeGen.Parsing.CodeGenDiagnostic.All.Select(d => d.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^RWACG[0-9]{4}$", id));
        var documented = File.ReadAllText(Path.Combine(Infrastructure.RepositoryPaths.Root, "docs", "CODEGEN.md"));
        Assert.All(ids, id => Assert.Contains("`" + id + "`", documented, StringComparison.Ordinal));
    }

    [Fact]
    public void Run_MissingInputFile_OneErrorLine()
    {
        var (exitCode, _, stderr) = Run("--artifacts", Path.Combine(folder, "None.json"), "--namespace", "X", "--out", folder, "--root", folder);

        Assert.Equal(1, exitCode);
        Assert.Equal("rwa-codegen: error RWACG0002: None.json: no such file or folder", Assert.Single(Lines(stderr)));
    }

    [Fact]
    public void Run_CheckAfterGenerate_UpToDate()
    {
        var output = Path.Combine(folder, "gen");
        Assert.Equal(0, Run(FixtureArgs(output)).ExitCode);

        var (exitCode, stdout, stderr) = Run([.. FixtureArgs(output), "--check"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("is up to date", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Run_CheckWithDrift_ExitsTwoAndListsModifiedMissingAndStaleFiles()
    {
        var output = Path.Combine(folder, "gen");
        Assert.Equal(0, Run(FixtureArgs(output)).ExitCode);
        File.AppendAllText(Path.Combine(output, "CodegenFixture", "CodegenFixtureService.g.cs"), "// edited\n");
        File.Delete(Path.Combine(output, "CodegenFixture", "CodegenFixtureEvents.g.cs"));
        File.WriteAllText(Path.Combine(output, "CodegenFixture", "Old.g.cs"), "// <auto-generated/>\n");
        File.WriteAllText(Path.Combine(output, "CodegenFixture", "HandWritten.g.cs"), "// mine\n");

        var (exitCode, _, stderr) = Run([.. FixtureArgs(output), "--check"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("modified CodegenFixture/CodegenFixtureService.g.cs", stderr, StringComparison.Ordinal);
        Assert.Contains("missing  CodegenFixture/CodegenFixtureEvents.g.cs", stderr, StringComparison.Ordinal);
        Assert.Contains("stale    CodegenFixture/Old.g.cs", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("HandWritten", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Generate_RewritesDriftDeletesStaleGeneratedFilesKeepsHandWrittenOnes()
    {
        var output = Path.Combine(folder, "gen");
        Assert.Equal(0, Run(FixtureArgs(output)).ExitCode);
        File.WriteAllText(Path.Combine(output, "CodegenFixture", "Old.g.cs"), "// <auto-generated/>\n");
        File.WriteAllText(Path.Combine(output, "CodegenFixture", "Mine.cs"), "// mine\n");

        Assert.Equal(0, Run(FixtureArgs(output)).ExitCode);

        Assert.False(File.Exists(Path.Combine(output, "CodegenFixture", "Old.g.cs")));
        Assert.True(File.Exists(Path.Combine(output, "CodegenFixture", "Mine.cs")));
        Assert.Equal(0, Run([.. FixtureArgs(output), "--check"]).ExitCode);
    }

    private static string[] FixtureArgs(string output) =>
        ["--artifacts", RepositoryPaths.FixtureArtifact, "--namespace", "RwaCompute.CodeGen.Tests.Golden", "--out", output, "--root", RepositoryPaths.Root];

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CodeGenCommand.Run(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
