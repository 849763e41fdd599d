using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Transactions;

/// <summary>The state of one <see cref="TransactionSender.SendBatchAsync"/> call: each call's result once final, and
/// the transactions still to be awaited.</summary>
internal sealed class BatchRun
{
    private readonly object sync = new();

    /// <summary>Creates the state.</summary>
    /// <param name="calls">The batch.</param>
    public BatchRun(IReadOnlyList<TransactionCall> calls)
    {
        Calls = calls;
        Results = new BatchItemResult?[calls.Count];
    }

    /// <summary>The batch.</summary>
    public IReadOnlyList<TransactionCall> Calls { get; }

    /// <summary>Final results by call position (<see langword="null"/> while open).</summary>
    public BatchItemResult?[] Results { get; }

    /// <summary>Earlier attempts found in the journal, to be awaited.</summary>
    public List<(int Index, SentTransaction Sent)> Resumed { get; } = [];

    /// <summary>Transactions the node accepted in this run.</summary>
    public List<(int Index, SentTransaction Sent)> Accepted { get; } = [];

    /// <summary>Transactions whose broadcast's outcome is unknown; still awaited (their receipts may appear).</summary>
    public List<(int Index, SentTransaction Sent, TransactionPossiblySentException Error)> Ambiguous { get; } = [];

    /// <summary>The node's last refusal per call (reported if retries run out).</summary>
    public Dictionary<int, RpcResponseException> LastRejection { get; } = [];

    /// <summary>Records a call's result.</summary>
    /// <param name="index">The call's position.</param>
    /// <param name="outcome">What happened.</param>
    /// <param name="sent">Its transaction, if signed.</param>
    /// <param name="receipt">Its receipt, if mined.</param>
    /// <param name="error">Why it did not succeed.</param>
    public void Set(int index, BatchItemOutcome outcome, SentTransaction? sent, TransactionReceipt? receipt, Exception? error)
    {
        lock (sync)
        {
            Results[index] = new BatchItemResult(index, Calls[index], outcome, sent, receipt, error);
        }
    }

    /// <summary>The results after a cancellation: whatever was broadcast and is not final is possibly sent; the rest
    /// was not sent.</summary>
    /// <param name="cancellation">The cancellation.</param>
    /// <returns>The results.</returns>
    public BatchResult PossiblySentOnCancel(OperationCanceledException cancellation)
    {
        lock (sync)
        {
            var out_ = Accepted.Concat(Resumed).Concat(Ambiguous.Select(a => (a.Index, a.Sent)));
            foreach (var (index, sent) in out_)
            {
                if (Results[index] is null || Results[index]!.Outcome == BatchItemOutcome.NotSent)
                {
                    Results[index] = new BatchItemResult(index, Calls[index], BatchItemOutcome.PossiblySent, sent, null, new TransactionPossiblySentException(sent.Hash, sent.From, sent.Nonce, sent.SignedTransaction, PossiblySentReason.Cancelled, cancellation));
                }
            }

            return ToResultLocked(cancellation);
        }
    }

    /// <summary>The results; a call without one was never sent.</summary>
    /// <returns>The results.</returns>
    public BatchResult ToResult()
    {
        lock (sync)
        {
            return ToResultLocked(null);
        }
    }

    private BatchResult ToResultLocked(Exception? reason) =>
        new(Results.Select((result, index) => result ?? new BatchItemResult(index, Calls[index], BatchItemOutcome.NotSent, null, null, reason)));
}
