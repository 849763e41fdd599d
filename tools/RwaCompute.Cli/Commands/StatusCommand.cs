using System.CommandLine;
using System.Globalization;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa status</c>: the chain, the manifest's contracts checked against the chain's code, roles, pause state,
/// the token's bond vault, the escrow's solvency, reporters and quorum, the default admin of each contract with its
/// pending hand-over, and the SuiteTimelock's admin-acceptance operation.</summary>
internal static class StatusCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("status", "show the chain, the deployment (contract code checked against the manifest), roles, pause state, bond vault, escrow solvency, oracle reporters and quorum, default admins and pending hand-overs");
        runner.SetAction(command, async invocation =>
        {
            var ct = invocation.CancellationToken;
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var client = session.Client;
            var block = await client.Rpc.GetBlockAsync(BlockParameter.CreateLatest(), ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The node returned no latest block.");
            var roles = new List<RoleView>();
            foreach (var role in session.Manifest.Roles)
            {
                roles.Add(new RoleView(role.Contract, role.Role, role.Account, await HasRoleAsync(client, role, ct).ConfigureAwait(false)));
            }

            // OpenAsync verified every contract against the chain (code hash, CREATE2 derivation, bond vault = escrow).
            var bondVault = await client.Token.BondVaultAsync(ct).ConfigureAwait(false);
            var solvency = await session.Currencies.SolvencyAsync(await session.Currencies.ListedAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            var chainTime = DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
            var admins = (await client.Governance.GetAdminStatesAsync(ct).ConfigureAwait(false)).Select(a => ViewFactory.Admin(a, chainTime)).ToList();
            var timelock = client.Governance.TimelockAddress is null
                ? null
                : ViewFactory.Timelock(await client.Governance.GetAcceptAdminOperationAsync(cancellationToken: ct).ConfigureAwait(false));
            var view = new StatusView(
                session.RpcUrl.ToString(),
                session.ChainId,
                (long)block.Number.Value,
                chainTime,
                session.ManifestPath,
                session.Manifest.ToolkitVersion,
                [.. session.Manifest.Contracts.Select(c => new ContractView(c.Key, c.Value.Address, c.Value.TransactionHash, c.Value.BlockNumber, c.Value.External, true))],
                roles,
                await client.Token.IsPausedAsync(ct).ConfigureAwait(false),
                bondVault,
                string.Equals(bondVault, client.Escrow.Address, StringComparison.OrdinalIgnoreCase),
                solvency,
                await client.Oracle.ReportersAsync(ct).ConfigureAwait(false),
                await client.Oracle.QuorumAsync(ct).ConfigureAwait(false),
                admins,
                timelock);

            var console = invocation.Console;
            if (console.Json)
            {
                console.WriteJson(view, CliJsonContext.Default.StatusView);
                return ExitCodes.Success;
            }

            console.Out.Write(Tables.KeyValues("Chain", [
                ("RPC", view.RpcUrl),
                ("Chain id", view.ChainId.ToString(CultureInfo.InvariantCulture)),
                ("Block", view.BlockNumber.ToString(CultureInfo.InvariantCulture)),
                ("Chain time (UTC)", Tables.Time(view.ChainTime)),
                ("Manifest", view.ManifestPath),
                ("Toolkit version", view.ToolkitVersion ?? "-"),
                ("Token paused", view.TokenPaused ? "YES" : "no"),
                ("Token bond vault", view.BondVault is null ? "NOT SET" : view.BondVault + (view.BondVaultIsEscrow ? " (the escrow)" : " (NOT the escrow)")),
                .. view.Solvency.Select(s => ($"Escrow in {s.Currency.Symbol ?? s.Currency.Address}", Tables.Solvency(s))),
                ("Oracle reporters", string.Join(", ", view.Reporters)),
                ("Oracle quorum", view.Quorum.ToString(CultureInfo.InvariantCulture)),
                .. TimelockRows(view.Timelock),
            ]));
            console.Out.Write(Tables.Contracts(view.Contracts));
            console.Out.Write(Tables.Roles(view.Roles));
            console.Out.Write(Tables.Admins(view.Admins));
            return ExitCodes.Success;
        });
        return command;
    }

    private static IEnumerable<(string, string)> TimelockRows(TimelockView? timelock)
    {
        if (timelock is null)
        {
            yield break;
        }

        yield return ("Timelock", timelock.Address);
        yield return ("Timelock min delay", timelock.MinDelaySeconds + " s");
        yield return ("Timelock admin acceptance", timelock.AcceptOperationState + (timelock.AcceptOperationReadyAt is { } ready ? " (ready at " + Tables.Time(ready) + " UTC)" : string.Empty));
    }

    private static Task<bool> HasRoleAsync(RwaComputeClient client, RoleGrant role, CancellationToken ct)
    {
        var id = Roles.Id(role.Role);
        return role.Contract switch
        {
            ManifestContractNames.Token => client.Token.Service.HasRoleQueryAsync(id, role.Account, null, ct),
            ManifestContractNames.Escrow => client.Escrow.Service.HasRoleQueryAsync(id, role.Account, null, ct),
            ManifestContractNames.Market => client.Market.Service.HasRoleQueryAsync(id, role.Account, null, ct),
            ManifestContractNames.Lending => client.Lending.Service.HasRoleQueryAsync(id, role.Account, null, ct),
            ManifestContractNames.Oracle => client.Oracle.Service.HasRoleQueryAsync(id, role.Account, null, ct),
            _ => Task.FromResult(false),
        };
    }
}
