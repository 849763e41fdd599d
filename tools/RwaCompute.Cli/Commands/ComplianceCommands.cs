using System.CommandLine;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Parsing;
using RwaCompute.Cli.Signing;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa account allow|disallow|freeze|unfreeze</c> and <c>rwa token pause|unpause</c>: the issuer's
/// compliance controls. The old spellings <c>rwa allow [--remove]</c>, <c>rwa freeze [--unfreeze]</c> and
/// <c>rwa pause [--resume]</c> stay as hidden aliases for one release.</summary>
internal static class ComplianceCommands
{
    public static Command CreateAccount(CommandRunner runner)
    {
        var account = new Command("account", "an account's compliance state (COMPLIANCE_ROLE): allow, disallow, freeze, unfreeze");
        account.Subcommands.Add(Allowlist(runner, "allow", "add accounts to the allowlist (COMPLIANCE_ROLE)", allowed: true));
        account.Subcommands.Add(Allowlist(runner, "disallow", "remove accounts from the allowlist (COMPLIANCE_ROLE)", allowed: false));
        account.Subcommands.Add(Freeze(runner, "freeze", "freeze an account: it can neither send nor receive units (COMPLIANCE_ROLE)", frozen: true));
        account.Subcommands.Add(Freeze(runner, "unfreeze", "lift an account's freeze (COMPLIANCE_ROLE)", frozen: false));
        return account;
    }

    public static Command CreateToken(CommandRunner runner)
    {
        var token = new Command("token", "the token as a whole (PAUSER_ROLE): pause, unpause");
        token.Subcommands.Add(Pause(runner, "pause", "pause every transfer of the token (PAUSER_ROLE)", paused: true));
        token.Subcommands.Add(Pause(runner, "unpause", "lift the token's pause (PAUSER_ROLE)", paused: false));
        return token;
    }

    /// <summary>Deprecated: <c>rwa allow ADDRESS… [--remove]</c> (hidden; use <c>rwa account allow|disallow</c>).</summary>
    public static Command CreateAllowAlias(CommandRunner runner)
    {
        var accounts = CliArguments.Addresses("address", "one or more accounts");
        var remove = new Option<bool>("--remove") { Description = "remove from the allowlist instead" };
        var command = Operation.Sending(runner, "allow", "deprecated: use 'rwa account allow' or 'rwa account disallow'", [accounts, remove], (invocation, signer) =>
        {
            var allowed = !invocation.Value(remove);
            invocation.Deprecated(allowed ? "rwa allow" : "rwa allow --remove", allowed ? "rwa account allow" : "rwa account disallow");
            return SetAllowedAsync(invocation, signer, invocation.Value(accounts), allowed);
        });
        command.Hidden = true;
        return command;
    }

    /// <summary>Deprecated: <c>rwa freeze ADDRESS [--unfreeze]</c> (hidden; use <c>rwa account freeze|unfreeze</c>).</summary>
    public static Command CreateFreezeAlias(CommandRunner runner)
    {
        var account = CliArguments.Address("address", "the account");
        var unfreeze = new Option<bool>("--unfreeze") { Description = "lift the freeze instead" };
        var command = Operation.Sending(runner, "freeze", "deprecated: use 'rwa account freeze' or 'rwa account unfreeze'", [account, unfreeze], (invocation, signer) =>
        {
            var frozen = !invocation.Value(unfreeze);
            invocation.Deprecated(frozen ? "rwa freeze" : "rwa freeze --unfreeze", frozen ? "rwa account freeze" : "rwa account unfreeze");
            return SetFrozenAsync(invocation, signer, invocation.Value(account), frozen);
        });
        command.Hidden = true;
        return command;
    }

    /// <summary>Deprecated: <c>rwa pause [--resume]</c> (hidden; use <c>rwa token pause|unpause</c>).</summary>
    public static Command CreatePauseAlias(CommandRunner runner)
    {
        var resume = new Option<bool>("--resume") { Description = "lift the pause instead" };
        var command = Operation.Sending(runner, "pause", "deprecated: use 'rwa token pause' or 'rwa token unpause'", [resume], (invocation, signer) =>
        {
            var paused = !invocation.Value(resume);
            invocation.Deprecated(paused ? "rwa pause" : "rwa pause --resume", paused ? "rwa token pause" : "rwa token unpause");
            return SetPausedAsync(invocation, signer, paused);
        });
        command.Hidden = true;
        return command;
    }

    private static Command Allowlist(CommandRunner runner, string name, string description, bool allowed)
    {
        var accounts = CliArguments.Addresses("address", "one or more accounts");
        return Operation.Sending(runner, name, description, [accounts], (invocation, signer) =>
            SetAllowedAsync(invocation, signer, invocation.Value(accounts), allowed));
    }

    private static Command Freeze(CommandRunner runner, string name, string description, bool frozen)
    {
        var account = CliArguments.Address("address", "the account");
        return Operation.Sending(runner, name, description, [account], (invocation, signer) =>
            SetFrozenAsync(invocation, signer, invocation.Value(account), frozen));
    }

    private static Command Pause(CommandRunner runner, string name, string description, bool paused) =>
        Operation.Sending(runner, name, description, [], (invocation, signer) => SetPausedAsync(invocation, signer, paused));

    private static Task<int> SetAllowedAsync(Invocation invocation, SignerArguments signer, string[] addresses, bool allowed) =>
        Operation.SendAsync(invocation, signer, async (session, ct) =>
            ViewFactory.Operation(allowed ? "account.allow" : "account.disallow", $"{(allowed ? "allowlisted" : "removed from the allowlist")} {string.Join(", ", addresses)}", addresses.Length == 1
                ? await session.Client.Token.SetAllowedAsync(addresses[0], allowed, ct).ConfigureAwait(false)
                : await session.Client.Token.SetAllowedBatchAsync(addresses, allowed, ct).ConfigureAwait(false)) with { Accounts = addresses });

    private static Task<int> SetFrozenAsync(Invocation invocation, SignerArguments signer, string address, bool frozen) =>
        Operation.SendAsync(invocation, signer, async (session, ct) =>
            ViewFactory.Operation(frozen ? "account.freeze" : "account.unfreeze", $"{(frozen ? "froze" : "unfroze")} {address}", await session.Client.Token.SetFrozenAsync(address, frozen, ct).ConfigureAwait(false)) with { Account = address });

    private static Task<int> SetPausedAsync(Invocation invocation, SignerArguments signer, bool paused) =>
        Operation.SendAsync(invocation, signer, async (session, ct) => paused
            ? ViewFactory.Operation("token.pause", "paused the token", await session.Client.Token.PauseAsync(ct).ConfigureAwait(false))
            : ViewFactory.Operation("token.unpause", "unpaused the token", await session.Client.Token.UnpauseAsync(ct).ConfigureAwait(false)));
}
