using System.CommandLine;
using System.Globalization;
using Nethereum.Web3;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Signing;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa deploy</c>: the suite through <see cref="SuiteDeployer"/> (deterministic CREATE2, journaled,
/// resumable, verified against the chain).</summary>
internal static class DeployCommand
{
    public static Command Create(CommandRunner runner)
    {
        var config = new Option<string?>("--config") { Description = "deploy.json: stablecoin, reporters, quorum, salt, roles… (see docs/DEPLOYMENT.md)" };
        var stablecoin = new Option<string?>("--stablecoin") { Description = "the existing USDC-like stablecoin (overrides the config's)" };
        var reporters = new Option<string[]>("--reporter") { Description = "an oracle reporter address (repeat; overrides the config's)", AllowMultipleArgumentsPerToken = true };
        var quorum = new Option<int?>("--quorum") { Description = "oracle signatures required (overrides the config's)" };
        var salt = new Option<string?>("--salt") { Description = "CREATE2 salt namespace (overrides the config's; default rwacompute-v1)" };
        var signer = new SignerArguments();
        var command = new Command("deploy", "deploy the suite (token, oracle, escrow) with deterministic CREATE2 addresses, grant roles, configure reporters and quorum; idempotent and resumable")
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
            var manifest = await steps.RunAsync("Deploying", _ => new SuiteDeployer(web3, directory).DeployAsync(deployConfig, progress, ct)).ConfigureAwait(false);

            var view = new DeployView(
                chainId,
                manifestPath,
                Path.Combine(directory, chainId.ToString(CultureInfo.InvariantCulture) + ".journal.jsonl"),
                account.Address,
                progress.TransactionsSent,
                [.. manifest.Contracts.Select(c => new ContractView(c.Key, c.Value.Address, c.Value.TransactionHash, c.Value.BlockNumber, c.Value.External, null))],
                [.. manifest.Roles.Select(r => new RoleView(r.Contract, r.Role, r.Account, true))]);
            if (console.Json)
            {
                console.WriteJson(view, CliJsonContext.Default.DeployView);
            }
            else
            {
                console.Out.Write(Tables.Contracts(view.Contracts));
                console.Out.Write(Tables.Roles(view.Roles));
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
}
