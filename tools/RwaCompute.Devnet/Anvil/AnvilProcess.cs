using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace RwaCompute.Devnet.Anvil;

/// <summary>
/// A local anvil node on 127.0.0.1, started from the repository's node_modules. Dispose stops it (gracefully, so a
/// <see cref="AnvilOptions.StatePath"/> is dumped).
/// </summary>
public sealed partial class AnvilProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process process;

    private AnvilProcess(Process process, int port, AnvilOptions options)
    {
        this.process = process;
        Port = port;
        Options = options;
    }

    /// <summary>The port anvil listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The JSON-RPC URL.</summary>
    public string RpcUrl => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The options it was started with (with the port it actually took).</summary>
    public AnvilOptions Options { get; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The operating-system process id.</summary>
    public int ProcessId => process.Id;

    /// <summary>Starts anvil and waits until it listens.</summary>
    /// <param name="options">How to start it (defaults: a free port, chain 31337, automine).</param>
    /// <param name="cancellationToken">Cancels the start (the process is killed).</param>
    /// <returns>The running node.</returns>
    /// <exception cref="FileNotFoundException">anvil is not installed.</exception>
    /// <exception cref="InvalidOperationException">anvil exited or did not listen in time.</exception>
    public static async Task<AnvilProcess> StartAsync(AnvilOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AnvilOptions();
        var binary = options.BinaryPath ?? AnvilLocator.Locate();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(options))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + binary + ".");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
                if (line is null)
                {
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                    string stderr;
                    lock (errors)
                    {
                        stderr = errors.ToString().Trim();
                    }

                    throw new InvalidOperationException($"anvil exited (code {process.ExitCode}) before listening: {stderr}");
                }

                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    var port = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                    _ = DrainAsync(process);
                    return new AnvilProcess(process, port, options with { Port = port });
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            Kill(process);
            process.Dispose();
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"anvil did not listen within {options.StartTimeout.TotalSeconds:0} s.", ex);
            }

            throw;
        }
    }

    /// <summary>Kills the node at once (SIGKILL): the chain's state since the last dump is lost, as in a crash.</summary>
    public void Kill() => Kill(process);

    /// <summary>Stops the node gracefully (SIGTERM), so anvil dumps <see cref="AnvilOptions.StatePath"/>.</summary>
    /// <param name="cancellationToken">Cancels the wait (the process is then killed).</param>
    /// <returns>Completes when the process has exited.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows() || NativeMethods.Kill(process.Id, SigTerm) != 0)
        {
            Kill(process);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Killed instead.
        }

        process.Dispose();
    }

    private static IEnumerable<string> Arguments(AnvilOptions options)
    {
        yield return "--host";
        yield return "127.0.0.1";
        yield return "--port";
        yield return options.Port.ToString(CultureInfo.InvariantCulture);
        yield return "--chain-id";
        yield return options.ChainId.ToString(CultureInfo.InvariantCulture);
        yield return "--accounts";
        yield return options.Accounts.ToString(CultureInfo.InvariantCulture);
        yield return "--mnemonic";
        yield return AnvilOptions.TestMnemonic;
        if (options.BlockTimeSeconds is { } blockTime)
        {
            yield return "--block-time";
            yield return blockTime.ToString(CultureInfo.InvariantCulture);
        }

        if (options.StatePath is { } state)
        {
            yield return "--state";
            yield return state;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task DrainAsync(Process process)
    {
        // Keep reading stdout so anvil never blocks on a full pipe.
        try
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ObjectDisposedException)
        {
        }
    }

    [GeneratedRegex(@"Listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Kill(int pid, int signal);
    }
}
