using System.CommandLine;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Signing;

namespace RwaCompute.Cli.Commands;

/// <summary>What the operation commands share: connect-then-send and the result line or JSON. Their arguments and
/// options are typed (Parsing/CliArguments, Parsing/CliOptions): a typo is a parse error, exit code 2, before anything
/// connects.</summary>
internal static class Operation
{
    /// <summary>Connects with a signer, runs the sending body and prints what it did, with every transaction the run
    /// mined (the SDK's automatic approvals, then the action).</summary>
    /// <param name="invocation">The invocation.</param>
    /// <param name="signer">The signer options.</param>
    /// <param name="send">The work: the operation with its action's transaction.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> SendAsync(Invocation invocation, SignerArguments signer, Func<ChainSession, CancellationToken, Task<OperationView>> send)
    {
        var session = await ChainSession.OpenAsync(invocation, signer).ConfigureAwait(false);
        var view = await send(session, invocation.CancellationToken).ConfigureAwait(false);
        var sent = await session.SentTransactionsAsync(invocation, invocation.CancellationToken).ConfigureAwait(false);
        Emit(invocation.Console, sent.Count == 0 ? view : view with { Transactions = sent });
        return ExitCodes.Success;
    }

    /// <summary>Prints an operation: JSON, or one line for people (its summary, the id it created and the action's
    /// transaction).</summary>
    /// <param name="console">The output.</param>
    /// <param name="view">The operation.</param>
    public static void Emit(CliConsole console, OperationView view)
    {
        if (console.Json)
        {
            console.WriteJson(view, CliJsonContext.Default.OperationView);
            return;
        }

        var created = view.Operation switch
        {
            "lot.issue" => view.LotId,
            "offer" => view.OfferId,
            "pledge.request" => view.PledgeId,
            "redeem" => view.RedemptionId,
            _ => null,
        };
        var id = created is null ? string.Empty : $" → id {created}";
        var action = view.Transactions[^1];
        console.Line($"ok: {view.Summary}{id} (block {action.BlockNumber}, tx {action.Hash}, gas {action.GasUsed})");
    }

    /// <summary>Creates a command with signer options and an action.</summary>
    /// <param name="runner">The runner.</param>
    /// <param name="name">The command name.</param>
    /// <param name="description">Its help text.</param>
    /// <param name="symbols">Its arguments and options.</param>
    /// <param name="action">The work, given the signer options.</param>
    /// <returns>The command.</returns>
    public static Command Sending(CommandRunner runner, string name, string description, Symbol[] symbols, Func<Invocation, SignerArguments, Task<int>> action)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case System.CommandLine.Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case System.CommandLine.Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        var signer = new SignerArguments();
        signer.AddTo(command);
        runner.SetAction(command, invocation => action(invocation, signer));
        return command;
    }
}
