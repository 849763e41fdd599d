using System.CommandLine;
using RwaCompute.Cli.Output;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa allow</c>, <c>rwa freeze</c>, <c>rwa pause</c>: the issuer's compliance controls.</summary>
internal static class ComplianceCommands
{
    public static Command CreateAllow(CommandRunner runner)
    {
        var accounts = new Argument<string[]>("address") { Description = "one or more accounts", Arity = ArgumentArity.OneOrMore };
        var remove = new Option<bool>("--remove") { Description = "remove from the allowlist instead" };
        return Operation.Sending(runner, "allow", "add accounts to the allowlist (COMPLIANCE_ROLE)", [accounts, remove], (invocation, signer) =>
        {
            var addresses = invocation.Value(accounts).Select((a, i) => Operation.Address(a, $"address[{i}]")).ToList();
            var allowed = !invocation.Value(remove);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Transaction($"{(allowed ? "allowlisted" : "removed from the allowlist")} {string.Join(", ", addresses)}", addresses.Count == 1
                    ? await session.Client.Token.SetAllowedAsync(addresses[0], allowed, ct).ConfigureAwait(false)
                    : await session.Client.Token.SetAllowedBatchAsync(addresses, allowed, ct).ConfigureAwait(false)));
        });
    }

    public static Command CreateFreeze(CommandRunner runner)
    {
        var account = Operation.Argument("address", "the account");
        var unfreeze = new Option<bool>("--unfreeze") { Description = "lift the freeze instead" };
        return Operation.Sending(runner, "freeze", "freeze an account: it can neither send nor receive units (COMPLIANCE_ROLE)", [account, unfreeze], (invocation, signer) =>
        {
            var address = Operation.Address(invocation.Value(account), "address");
            var frozen = !invocation.Value(unfreeze);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Transaction($"{(frozen ? "froze" : "unfroze")} {address}", await session.Client.Token.SetFrozenAsync(address, frozen, ct).ConfigureAwait(false)));
        });
    }

    public static Command CreatePause(CommandRunner runner)
    {
        var resume = new Option<bool>("--resume") { Description = "lift the pause instead" };
        return Operation.Sending(runner, "pause", "pause every transfer of the token (PAUSER_ROLE)", [resume], (invocation, signer) =>
        {
            var unpause = invocation.Value(resume);
            return Operation.SendAsync(invocation, signer, async (session, ct) => unpause
                ? ViewFactory.Transaction("unpaused the token", await session.Client.Token.UnpauseAsync(ct).ConfigureAwait(false))
                : ViewFactory.Transaction("paused the token", await session.Client.Token.PauseAsync(ct).ConfigureAwait(false)));
        });
    }
}
