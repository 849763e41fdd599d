using System.Diagnostics;
using System.Text.RegularExpressions;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Infrastructure;

/// <summary>
/// A local anvil node on a free 127.0.0.1 port (anvil picks it: --port 0), started once for the collection and
/// killed at the end. Fails with a clear message if the binary is missing.
/// </summary>
public sealed partial class AnvilFixture : IAsyncLifetime
{
    /// <summary>anvil's default account 0 (the standard test mnemonic).</summary>
    public const string PrivateKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public const string Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    private Process? process;

    public string RpcUrl { get; private set; } = string.Empty;

    public Web3 CreateWeb3()
    {
        var web3 = new Web3(new Account(PrivateKey, 31337), RpcUrl);
        web3.TransactionReceiptPolling.SetPollingRetryIntervalInMilliseconds(10);
        return web3;
    }

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo(RepositoryPaths.Anvil)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", "0", "--chain-id", "31337" })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start anvil.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("anvil exited before listening.");
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                RpcUrl = "http://127.0.0.1:" + match.Groups[1].Value;
                break;
            }
        }

        // Keep draining stdout so anvil never blocks on a full pipe.
        _ = Task.Run(async () =>
        {
            try
            {
                while (await process.StandardOutput.ReadLineAsync() is not null)
                {
                }
            }
            catch (InvalidOperationException)
            {
            }
        });
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        process?.Dispose();
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"Listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
