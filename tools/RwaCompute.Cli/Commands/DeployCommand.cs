using System.CommandLine;
using System.Globalization;
using Nethereum.Web3;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using RwaCompute.Cli.Signing;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa deploy</c>: the suite through <see cref="SuiteDeployer"/> (deterministic CREATE2, journaled,
/// resumable, verified against the chain), then the admin hand-over it began and what the new admin does next.</summary>
internal static class DeployCommand
{
    public static Command Create(CommandRunner runner)
    {
        var config = CliOptions.ExistingFile("--config", "deploy.json: stablecoin, reporters, quorum, salt, roles, adminDelaySeconds, governance… (see docs/DEPLOYMENT.md)");
        var stablecoin = CliOptions.Address("--stablecoin", "the existing USDC-like stablecoin (overrides the config's)");
        var reporters = CliOptions.Addresses("--reporter", "an oracle reporter address (repeat; overrides the config's)");
        var quorum = new Option<int?>("--quorum") { Description = "oracle signatures required (overrides the config's)" };
        var salt = new Option<string?>("--salt") { Description = "CREATE2 salt namespace (overrides the config's; default rwacompute-v1)" };
        var signer = new SignerArguments();
        var command = new Command("deploy", "deploy the suite (token, oracle, escrow) with deterministic CREATE2 addresses, grant roles, configure reporters and quorum, begin the configured admin hand-over; idempotent and resumable")
        {
            config, stablecoin, reporters, quorum, salt,
        };
        signer.AddTo(command);
        runner.SetAction(command, async invocation =>
        {
            var console = invocation.Console;
            var ct = invocation.CancellationToken;
            var configPath = invocation.Value(config);
            var deployConfig = configPath is null ? new DeployConfig() : await DeployConfig.LoadAsync(configPath, ct).ConfigureAwait(false);
            if (invocation.Value(stablecoin) is { } coin)
            {
                deployConfig = deployConfig with { Stablecoin = coin };
            }

            if (invocation.Value(reporters) is { Length: > 0 } list)
            {
                deployConfig = deployConfig with { Reporters = list };
            }

            if (invocation.Value(quorum) is { } q)
            {
                deployConfig = deployConfig with { Quorum = q };
            }

            if (invocation.Value(salt) is { } s)
            {
                deployConfig = deployConfig with { Salt = s };
            }

            if (deployConfig.Stablecoin is null)
            {
                throw new CliInputException("--stablecoin", "the stablecoin address is required (in --config or as --stablecoin).");
            }

            if (deployConfig.Reporters.Count == 0)
            {
                throw new CliInputException("--reporter", "at least one oracle reporter is required (in --config or as --reporter).");
            }

            deployConfig.Validate();
            var rpcUrl = invocation.RpcUrl;
            var chainId = await ChainRpc.ForHttp(rpcUrl).ChainIdAsync(ct).ConfigureAwait(false);
            var account = await signer.ResolveAsync(invocation.Parse, chainId, ct).ConfigureAwait(false);
            var manifestPath = invocation.ManifestPath(chainId);
            if (!string.Equals(Path.GetFileName(manifestPath), chainId.ToString(CultureInfo.InvariantCulture) + ".json", StringComparison.Ordinal))
            {
                throw new CliInputException("--manifest", $"a deployment manifest is named <chainId>.json ({chainId.ToString(CultureInfo.InvariantCulture)}.json here); use --deployments DIR to choose its directory.");
            }

            var directory = Path.GetDirectoryName(manifestPath)!;
            var web3 = new Web3(account.ToAccount(chainId), rpcUrl.ToString());
            web3.TransactionReceiptPolling.SetPollingRetryIntervalInMilliseconds(10);
            var steps = new StepProgress(console);
            var progress = new DeploymentProgress(steps);
            var manifest = await steps.RunAsync("Deploying", _ => new SuiteDeployer(web3, directory, new ConsoleWarningLogger<SuiteDeployer>(console)).DeployAsync(deployConfig, progress, ct)).ConfigureAwait(false);

            // The hand-over as the chain sees it now (also after a re-run, or once the new admin accepted).
            var reader = await RwaComputeClient.ConnectAsync(new RwaComputeClientOptions { RpcUrl = rpcUrl, Transactions = ChainSession.Transactions }, manifest, cancellationToken: ct).ConfigureAwait(false);
            var states = await reader.Governance.GetAdminStatesAsync(ct).ConfigureAwait(false);
            var chainTime = await ChainTimeAsync(reader, ct).ConfigureAwait(false);
            var timelock = manifest.TimelockAddress is null ? null : await reader.Governance.GetAcceptAdminOperationAsync(cancellationToken: ct).ConfigureAwait(false);

            var transactions = new List<TransactionView>();
            foreach (var (hash, description) in progress.Sent)
            {
                var receipt = await reader.Rpc.GetReceiptAsync(hash, ct).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The node has no receipt for {hash}, which the deployment saw mined.");
                transactions.Add(ViewFactory.Transaction(description, TransactionResult.From(receipt)));
            }

            var view = new DeployView(
                chainId,
                manifestPath,
                Path.Combine(directory, chainId.ToString(CultureInfo.InvariantCulture) + ".journal.jsonl"),
                account.Address,
                progress.TransactionsSent,
                transactions,
                [.. manifest.Contracts.Select(c => new ContractView(c.Key, c.Value.Address, c.Value.TransactionHash, c.Value.BlockNumber, c.Value.External, null))],
                [.. manifest.Roles.Select(r => new RoleView(r.Contract, r.Role, r.Account, true))],
                [.. states.Select(a => ViewFactory.Admin(a, chainTime))],
                NextStep(states, account.Address, timelock));
            if (console.Json)
            {
                console.WriteJson(view, CliJsonContext.Default.DeployView);
            }
            else
            {
                console.Out.Write(Tables.Contracts(view.Contracts));
                console.Out.Write(Tables.Roles(view.Roles));
                console.Out.Write(Tables.Admins(view.Admins));
                if (view.NextStep is not null)
                {
                    console.Line(view.NextStep);
                }

                console.Line($"Manifest: {view.ManifestPath}");
                console.Line($"Journal:  {view.JournalPath}");
                console.Line(view.TransactionsSent == 0
                    ? "Nothing to do: the chain already has everything the manifest lists."
                    : $"{view.TransactionsSent.ToString(CultureInfo.InvariantCulture)} transaction(s) sent by {view.Deployer}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What the new admin must do next, or <see langword="null"/> when no hand-over is pending.</summary>
    private static string? NextStep(IReadOnlyList<AdminState> states, string deployer, TimelockOperationStatus? timelock)
    {
        var pending = states.Where(s => s.HasPendingTransfer).ToList();
        if (pending.Count == 0)
        {
            var admins = states.Select(s => s.Admin).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return admins.Count == 1 && !string.Equals(admins[0], deployer, StringComparison.OrdinalIgnoreCase)
                ? $"Admin hand-over complete: {admins[0]} is the default admin of every contract."
                : null;
        }

        var target = pending[0].PendingAdmin!;
        var after = Tables.Time(pending.Max(s => s.PendingSchedule!.Value)) + " UTC";
        if (timelock is not null && string.Equals(target, timelock.Timelock, StringComparison.OrdinalIgnoreCase))
        {
            return $"Admin hand-over pending to the SuiteTimelock {target} ({deployer} stays admin until it accepts). Next: a proposer runs "
                + $"`rwa admin accept --via-timelock` to schedule the acceptance (timelock delay {timelock.MinDelaySeconds} s); once that delay has passed "
                + $"and the admin delay too (after {after}), an executor runs the same command to execute it. A multisig proposer submits the "
                + "transactions printed by `rwa admin calldata --via-timelock` instead.";
        }

        return $"Admin hand-over pending to {target} ({deployer} stays admin until it accepts). Next: after {after}, {target} runs "
            + "`rwa admin accept` signing as itself, or, for a multisig, submits the transactions printed by `rwa admin calldata`.";
    }

    private static async Task<DateTimeOffset> ChainTimeAsync(RwaComputeClient client, CancellationToken cancellationToken)
    {
        var block = await client.Rpc.GetBlockAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest(), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The node returned no latest block.");
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }
}
