using System.CommandLine;
using System.CommandLine.Parsing;
using RwaCompute.Cli.AccessControl;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using RwaCompute.Cli.Signing;
using RwaCompute.Sdk.Clients;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa role list|grant|revoke</c>: the roles of the token, the escrow and the oracle (OpenZeppelin
/// AccessControl), who holds them, and granting or revoking one as an account holding its admin role.</summary>
internal static class RoleCommands
{
    private const string AdminPointer = "DEFAULT_ADMIN_ROLE is never granted or revoked directly (OpenZeppelin AccessControlDefaultAdminRules): "
        + "it is handed over in two steps, begun by rwa deploy with a governance section and completed with rwa admin accept (see rwa admin --help).";

    public static Command Create(CommandRunner runner)
    {
        var role = new Command("role", "the roles of the token, the escrow and the oracle: list their holders, grant, revoke");
        role.Subcommands.Add(CreateList(runner));
        role.Subcommands.Add(CreateChange(runner, grant: true));
        role.Subcommands.Add(CreateChange(runner, grant: false));
        return role;
    }

    private static Command CreateList(CommandRunner runner)
    {
        var contract = CliOptions.Create("--contract", "token, escrow, oracle or all", text =>
                string.Equals(text.Trim(), "all", StringComparison.OrdinalIgnoreCase) ? "all" : ContractOf(text, "--contract").Key)
            .WithDefault("all");
        var command = new Command("list", "every role of the token, the escrow and the oracle: its id, its admin role and its holders (from RoleGranted/RoleRevoked events, checked with hasRole)") { contract };
        runner.SetAction(command, async invocation =>
        {
            var chosen = invocation.Value(contract) ?? "all";
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var ct = invocation.CancellationToken;
            var targets = RoleCatalog.Contracts.Where(c => chosen == "all" || c.Key == chosen).Select(c => RoleTarget.For(session.Client, c)).ToList();
            var holders = await RoleHolders.ReadAsync(session.Client, targets, ct).ConfigureAwait(false);
            var roles = new List<RoleHoldersView>();
            foreach (var target in targets)
            {
                foreach (var item in target.Contract.Roles)
                {
                    var admin = await target.AdminOfAsync(item, ct).ConfigureAwait(false);
                    roles.Add(new RoleHoldersView(target.Contract.Key, target.Address, item.Name, item.IdHex, admin.Name, holders[item]));
                }
            }

            var view = new RoleListView(roles);
            var console = invocation.Console;
            if (console.Json)
            {
                console.WriteJson(view, CliJsonContext.Default.RoleListView);
            }
            else
            {
                console.Out.Write(Tables.RoleHolders(view.Roles));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateChange(CommandRunner runner, bool grant)
    {
        var verb = grant ? "grant" : "revoke";
        var contract = CliArguments.Create("contract", "token, escrow or oracle", text => ContractOf(text, "contract"));
        var roleName = new Argument<string>("role") { Description = "the role: its name as in the contract (REGISTRAR_ROLE) or short (registrar), any case; rwa role list shows them" };
        var account = CliArguments.Address("account", grant ? "the account to grant it to" : "the account to revoke it from");
        var command = Operation.Sending(
            runner,
            verb,
            grant
                ? "grant a role of the token, the escrow or the oracle to an account (the signer needs the role's admin role)"
                : "revoke a role of the token, the escrow or the oracle from an account (the signer needs the role's admin role)",
            [contract, roleName, account],
            (invocation, signer) => ChangeAsync(invocation, signer, RoleOf(invocation.Value(contract), invocation.Value(roleName)), invocation.Value(account), grant));

        // An unknown role or the default admin is a usage error, found while parsing: nothing connects.
        command.Validators.Add(result =>
        {
            // The contract's own parser reports a bad contract (and GetValue would throw): read its token again.
            if (result.GetResult(contract)?.Tokens is not [var token] || RoleCatalog.FindContract(token.Value) is not { } target || result.GetResult(roleName) is null)
            {
                return;
            }

            var name = result.GetValue(roleName) ?? string.Empty;
            var found = RoleCatalog.FindRole(target, name);
            if (found is null)
            {
                var grantable = target.Roles.Where(r => !r.IsDefaultAdmin).Select(r => r.Name).ToList();
                result.AddError(grantable.Count == 0
                    ? $"role: '{name}' is not a role of the {target.Key}, which has no role but DEFAULT_ADMIN_ROLE. {AdminPointer}"
                    : $"role: '{name}' is not a role of the {target.Key}; use one of {string.Join(", ", grantable)} (or its short name, such as {ShortName(grantable[0])}).");
            }
            else if (found.IsDefaultAdmin)
            {
                result.AddError($"role: {AdminPointer}");
            }
        });
        return command;
    }

    private static async Task<int> ChangeAsync(Invocation invocation, SignerArguments signer, SuiteRole role, string account, bool grant)
    {
        var session = await ChainSession.OpenAsync(invocation, signer).ConfigureAwait(false);
        var ct = invocation.CancellationToken;
        var target = RoleTarget.For(session.Client, role.Contract);

        // Preflight, as the contract would: the signer must hold the role's admin role. Name it, and who holds it.
        var admin = await target.AdminOfAsync(role, ct).ConfigureAwait(false);
        if (!await target.HasRoleAsync(admin, session.Account, ct).ConfigureAwait(false))
        {
            var holders = await RoleHolders.ReadAsync(session.Client, [target], ct).ConfigureAwait(false);
            throw new RoleMissingException(session.Account, admin, holders.TryGetValue(admin, out var list) ? list : [], $"to {(grant ? "grant" : "revoke")} {role.Name}");
        }

        var console = invocation.Console;
        if (await target.HasRoleAsync(role, account, ct).ConfigureAwait(false) == grant)
        {
            var unchanged = new RoleChangeView(role.Contract.Key, role.Name, account, false, []);
            if (console.Json)
            {
                console.WriteJson(unchanged, CliJsonContext.Default.RoleChangeView);
            }
            else
            {
                console.Line($"Nothing to do: {account} {(grant ? "already holds" : "does not hold")} {role.Contract.Key} {role.Name} (nothing sent).");
            }

            return ExitCodes.Success;
        }

        var receipt = await session.Client.Transactions.SendAndWaitAsync(target.Call(role, account, grant), ct).ConfigureAwait(false);
        var summary = $"{(grant ? "granted" : "revoked")} {role.Contract.Key} {role.Name} {(grant ? "to" : "from")} {account}";
        var transaction = ViewFactory.Transaction($"{role.Contract.Key}.{(grant ? "grantRole" : "revokeRole")}({role.Name}, {account})", TransactionResult.From(receipt));
        if (console.Json)
        {
            console.WriteJson(new RoleChangeView(role.Contract.Key, role.Name, account, true, [transaction]), CliJsonContext.Default.RoleChangeView);
        }
        else
        {
            console.Line($"ok: {summary} (block {transaction.BlockNumber}, tx {transaction.Hash}, gas {transaction.GasUsed})");
        }

        return ExitCodes.Success;
    }

    private static RoleContract ContractOf(string text, string option) =>
        RoleCatalog.FindContract(text) ?? throw new CliInputException(option, $"'{text}' is not one of {string.Join(", ", RoleCatalog.Contracts.Select(c => c.Key))}.");

    // The validator has refused an unknown name: here it resolves.
    private static SuiteRole RoleOf(RoleContract contract, string name) =>
        RoleCatalog.FindRole(contract, name) ?? throw new CliInputException("role", $"'{name}' is not a role of the {contract.Key}.");

    private static string ShortName(string role) => role[..^"_ROLE".Length].ToLowerInvariant();
}
