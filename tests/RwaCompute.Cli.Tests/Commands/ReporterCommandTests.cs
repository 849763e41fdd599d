using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary><c>rwa reporter run</c>: a bad config file is a usage error naming every problem, before anything starts.</summary>
public sealed class ReporterCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("rwa-reporter-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Run_MissingConfig_ExitsTwo()
    {
        var result = await CliRun.RunAsync("reporter", "run", "--config", Path.Combine(directory, "none.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--config", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ConfigWithoutPoolsOrChain_ExitsTwoNamingTheProblems()
    {
        var path = Path.Combine(directory, "reporter.json");
        await File.WriteAllTextAsync(path, """{ "Reporter": { "DatabasePath": "" }, "Node": { } }""");

        var result = await CliRun.RunAsync("reporter", "run", "--config", path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("--config", line, StringComparison.Ordinal);
    }
}
