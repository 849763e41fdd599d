using RwaCompute.Cli;

namespace RwaCompute.Cli.Tests.Infrastructure;

/// <summary>One in-process run of the rwa command line: its exit code and what it wrote.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None);

    public static async Task<CliRun> RunAsync(string[] args, CancellationToken cancellationToken, TextWriter? stdout = null)
    {
        var output = stdout ?? new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error, cancellationToken);
        return new CliRun(code, output.ToString() ?? string.Empty, error.ToString());
    }

    /// <summary>The non-empty lines of stderr.</summary>
    public IReadOnlyList<string> ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
