using System.CommandLine;
using System.Globalization;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa tx status &lt;hash&gt;</c> and <c>rwa tx pending</c>: what became of a transaction whose outcome a
/// command could not confirm (the pending-transaction journal beside the manifest lists them). Read-only: nothing is
/// sent; re-running the command that sent a transaction is what resolves it.</summary>
internal static class TransactionCommands
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("tx", "look up transactions: one by hash, or the ones whose outcome a command could not confirm");
        command.Subcommands.Add(CreateStatus(runner));
        command.Subcommands.Add(CreatePending(runner));
        return command;
    }

    private static Command CreateStatus(CommandRunner runner)
    {
        var hash = CliArguments.TransactionHash("hash", "the transaction hash a command printed");
        var command = new Command("status", "show whether a transaction was mined, reverted, is pending, unknown to the node, or replaced") { hash };
        runner.SetAction(command, async invocation =>
        {
            var ct = invocation.CancellationToken;
            var rpc = ChainRpc.ForHttp(invocation.RpcUrl, TimeSpan.FromSeconds(30));
            var chainId = await rpc.ChainIdAsync(ct).ConfigureAwait(false);
            var journaled = await ReadJournalAsync(invocation, chainId, ct).ConfigureAwait(false);
            var value = invocation.Value(hash);
            var entry = journaled.FirstOrDefault(t => string.Equals(t.Hash, value, StringComparison.OrdinalIgnoreCase));
            var status = await new TransactionLookup(rpc).GetStatusAsync(value, entry?.From, entry?.Nonce, ct).ConfigureAwait(false);
            Emit(invocation.Console, View(status, entry));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreatePending(CommandRunner runner)
    {
        var command = new Command("pending", "list the transactions of the pending-transaction journal with their state on the chain");
        runner.SetAction(command, async invocation =>
        {
            var ct = invocation.CancellationToken;
            var rpc = ChainRpc.ForHttp(invocation.RpcUrl, TimeSpan.FromSeconds(30));
            var chainId = await rpc.ChainIdAsync(ct).ConfigureAwait(false);
            var lookup = new TransactionLookup(rpc);
            var views = new List<TransactionStatusView>();
            foreach (var entry in await ReadJournalAsync(invocation, chainId, ct).ConfigureAwait(false))
            {
                views.Add(View(await lookup.GetStatusAsync(entry.Hash, entry.From, entry.Nonce, ct).ConfigureAwait(false), entry));
            }

            var console = invocation.Console;
            if (console.Json)
            {
                console.WriteJson<IReadOnlyList<TransactionStatusView>>(views, CliJsonContext.Default.IReadOnlyListTransactionStatusView);
            }
            else if (views.Count == 0)
            {
                console.Line("no pending transactions: every command's transactions were confirmed.");
            }
            else
            {
                foreach (var view in views)
                {
                    Emit(console, view);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<IReadOnlyList<JournaledTransaction>> ReadJournalAsync(Invocation invocation, long chainId, CancellationToken cancellationToken)
    {
        var path = FileTransactionJournal.PathFor(Path.GetDirectoryName(invocation.ManifestPath(chainId))!, chainId);
        using var journal = new FileTransactionJournal(path, "read");
        return [.. (await journal.ReadAllAsync(cancellationToken).ConfigureAwait(false)).Select(e => e.Transaction).Where(t => t.ChainId == chainId)];
    }

    private static TransactionStatusView View(TransactionStatus status, JournaledTransaction? entry) => new(
        status.Hash,
        JsonNamingPolicyName(status.State),
        status.BlockNumber,
        status.Receipt?.GasUsed?.Value.ToString(CultureInfo.InvariantCulture),
        entry?.From,
        entry?.Nonce.ToString(CultureInfo.InvariantCulture),
        entry?.Description,
        status.ReplacedBy,
        entry is not null);

    private static string JsonNamingPolicyName(TransactionState state) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    private static void Emit(CliConsole console, TransactionStatusView view)
    {
        if (console.Json)
        {
            console.WriteJson(view, CliJsonContext.Default.TransactionStatusView);
            return;
        }

        var what = view.Description is null ? string.Empty : $" ({view.Description}, nonce {view.Nonce})";
        console.Line(view.State switch
        {
            "mined" => $"{view.Hash}{what}: mined in block {view.BlockNumber} (gas {view.GasUsed}).",
            "reverted" => $"{view.Hash}{what}: mined in block {view.BlockNumber} but reverted; its effects did not happen.",
            "pending" => $"{view.Hash}{what}: pending in the node's pool.",
            "replaced" => $"{view.Hash}{what}: replaced — its nonce was used by {view.ReplacedBy}; it will never be mined.",
            "notFound" => $"{view.Hash}{what}: unknown to the node{(view.Journaled ? "; re-run the command that sent it to re-broadcast the same bytes" : string.Empty)}.",
            _ => $"{view.Hash}{what}: its nonce is used but the node cannot tell by which transaction; do not send the operation again.",
        });
    }
}
