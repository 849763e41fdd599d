using System.Diagnostics;

namespace RwaCompute.CodeGen.Tests.Infrastructure;

/// <summary>Runs a tool to completion with a timeout and captures its output.</summary>
public static class ProcessRunner
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish within {timeout}.");
        }

        return (process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }

    /// <summary>Runs the native cast binary; fails on a non-zero exit.</summary>
    public static async Task<string> CastAsync(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunAsync(RepositoryPaths.Cast, arguments, TimeSpan.FromSeconds(30));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"cast {string.Join(' ', arguments)} exited {exitCode}: {stderr}");
        }

        return stdout;
    }
}
