using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RwaCompute.Cli.Devnet;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using RwaCompute.Devnet;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;
using Spectre.Console;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa devnet</c>: anvil on 127.0.0.1, the suite and a test stablecoin, the whole lifecycle, a summary.</summary>
internal static class DevnetCommand
{
    public static Command Create(CommandRunner runner)
    {
        var port = CliOptions.Create("--port", "anvil's port on 127.0.0.1 (0 picks a free one)", Port).WithDefault(8545);
        var keepRunning = new Option<bool>("--keep-running") { Description = "leave the chain up until Ctrl+C" };
        var command = new Command("devnet", "start a local chain (anvil), deploy the suite and a test USDC, run the whole lifecycle (issue, buy, pledge, repay, redeem, refund, oracle reports) and print a summary")
        {
            port, keepRunning,
        };
        runner.SetAction(command, invocation => RunAsync(invocation, invocation.Value(port), invocation.Value(keepRunning)));
        return command;
    }

    /// <summary><c>--port</c>: 0 to 65535.</summary>
    private static int Port(string text) =>
        UnitCount.Parse(text, "--port", allowZero: true) is var port && port <= 65535
            ? (int)port
            : throw new CliInputException("--port", $"'{text}' is not a port (0 to 65535).");

    private static async Task<int> RunAsync(Invocation invocation, int port, bool keepRunning)
    {
        var console = invocation.Console;
        var ct = invocation.CancellationToken;
        var stopwatch = Stopwatch.StartNew();
        var steps = new StepProgress(console);
        await using var anvil = await steps.StepAsync("Started anvil", () => StartAnvilAsync(port, ct)).ConfigureAwait(false);
        var rpcUrl = anvil.RpcUrl;
        var directory = invocation.DeploymentsDirectory;
        var removed = RemoveStaleManifest(directory, anvil.Options.ChainId);
        if (removed is not null)
        {
            steps.Done($"Replaced the manifest of an earlier devnet ({removed})");
        }

        var summary = await steps.RunAsync("Deploying", async progress =>
        {
            var manifest = await DevnetSuite.DeployAsync(rpcUrl, directory, progress: new DeploymentProgress(progress), cancellationToken: ct).ConfigureAwait(false);
            progress.Done("Deployed MockUSDC and funded provider, alice, bob and lender with 100,000 USDC each");
            var admin = await RwaComputeClient.ConnectAsync(
                new RwaComputeClientOptions { RpcUrl = new Uri(rpcUrl), Transactions = ChainSession.Transactions },
                manifest,
                DevnetAccounts.Standard.Admin,
                cancellationToken: ct).ConfigureAwait(false);
            var scenario = new DevnetScenario(admin, new AnvilRpc(rpcUrl), progress, ct);
            await scenario.RunAsync().ConfigureAwait(false);
            var manifestPath = DeploymentManifest.DefaultPath(directory, manifest.ChainId);
            await progress.StepAsync("3 rwa reporter nodes (quorum 2) measured pool eu-west-h100-b from replayed GPU telemetry and agreed on 2 epochs", async () =>
            {
                var reports = await DevnetReporterNodes.RunAsync(admin, rpcUrl, manifestPath, DevnetScenario.NodePoolId, rounds: 2, ct).ConfigureAwait(false);
                foreach (var report in reports)
                {
                    progress.Done($"  epoch {report.Epoch.ToString(CultureInfo.InvariantCulture)}: utilization {report.UtilizationBps / 100.0:0.##}%, uptime {report.UptimeBps / 100.0:0.##}%, signed by {report.SignerCount.ToString(CultureInfo.InvariantCulture)} reporters");
                }
            }).ConfigureAwait(false);
            var view = await scenario.SummarizeAsync(rpcUrl, manifestPath, stopwatch.Elapsed).ConfigureAwait(false);
            return (view, Names: scenario.Actors.ToDictionary(a => a.Signer.Address, a => a.Name, StringComparer.OrdinalIgnoreCase));
        }).ConfigureAwait(false);

        if (console.Json)
        {
            console.WriteJson(summary.view, CliJsonContext.Default.DevnetSummaryView);
        }
        else
        {
            Render(console, summary.view, address => summary.Names.TryGetValue(address, out var name) ? name : Short(address));
        }

        if (!keepRunning)
        {
            return ExitCodes.Success;
        }

        console.ProgressLine($"anvil keeps running at {rpcUrl} (chain {anvil.Options.ChainId.ToString(CultureInfo.InvariantCulture)}). Press Ctrl+C to stop it.");
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            console.ProgressLine("Stopping anvil.");
        }

        return ExitCodes.Success;
    }

    private static void Render(CliConsole console, DevnetSummaryView view, Func<string, string> name)
    {
        var output = console.Out;
        output.WriteLine();
        output.Write(Tables.Lots(view.Lots));
        output.Write(Tables.Holders(view.Holders, view.Lots.Count > 0 ? view.Lots[0].LotId : null));
        output.Write(Tables.EscrowPositions(view.Offers, view.Pledges, view.Redemptions, name));
        output.Write(Tables.Utilization(view.Utilization));
        output.WriteLine();
        foreach (var solvency in view.Solvency)
        {
            output.WriteLine($"Escrow:   {Tables.Solvency(solvency)}");
        }

        foreach (var price in view.Prices.Where(p => p.LastPrice is not null))
        {
            output.WriteLine($"Market:   {price.GpuModel} in {price.Region}: last trade {Tables.Money(price.LastPrice!, price.Currency)}/GPU-h, time-weighted average {Tables.Money(price.AveragePrice!, price.Currency)}/GPU-h");
        }

        foreach (var lot in view.Lots.Where(l => l.Interruptible is not null))
        {
            var flex = lot.Interruptible!;
            var money = (string amount) => lot.Currency is { } c ? Tables.Money(amount, c) : amount;
            output.WriteLine($"Curtail:  lot {lot.LotId[..12]}… interruptible ({Tables.Bps(flex.MaxCurtailBps)} curtailable, worst case {money(flex.WorstCaseValue)}/GPU-h): {Tables.Number(flex.AttributedHours)} GPU-hours curtailed, {money(flex.RefundPerUnit)} refunded per unit{(flex.Finalized ? " (final)" : string.Empty)}");
        }

        output.WriteLine($"RPC:      {view.RpcUrl} (chain {view.ChainId.ToString(CultureInfo.InvariantCulture)})");
        output.WriteLine($"Manifest: {view.ManifestPath}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {view.ElapsedMilliseconds / 1000.0:F1} s."));
    }

    private static string Short(string address) => address.Length > 12 ? address[..8] + "…" + address[^4..] : address;

    private static async Task<AnvilProcess> StartAnvilAsync(int port, CancellationToken cancellationToken)
    {
        if (port != 0 && !IsFree(port))
        {
            throw new AnvilUnavailableException($"port {port.ToString(CultureInfo.InvariantCulture)} on 127.0.0.1 is already in use (another anvil?); stop it, choose --port N, or use --port 0 to pick a free port.");
        }

        try
        {
            return await AnvilProcess.StartAsync(new AnvilOptions { Port = port }, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException ex)
        {
            throw new AnvilUnavailableException(ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new AnvilUnavailableException("anvil did not start: " + ex.Message, ex);
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string? RemoveStaleManifest(string directory, long chainId)
    {
        // The chain was just started: a manifest for its chain id describes an earlier devnet that no longer exists.
        var manifest = DeploymentManifest.DefaultPath(directory, chainId);
        var journal = Path.Combine(directory, chainId.ToString(CultureInfo.InvariantCulture) + ".journal.jsonl");
        var found = File.Exists(manifest) ? manifest : null;
        foreach (var path in new[] { manifest, journal })
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        return found;
    }
}
