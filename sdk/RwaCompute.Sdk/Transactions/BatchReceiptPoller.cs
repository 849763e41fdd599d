using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// Waits for the receipts of many transactions of one account at once. It follows the chain block by block — one
/// <c>eth_blockNumber</c> per poll, then every new block's receipts with <c>eth_getBlockReceipts</c> in JSON-RPC
/// batches — so each receipt is fetched once, however many transactions are outstanding; on a node without
/// <c>eth_getBlockReceipts</c> it polls the outstanding hashes with batched <c>eth_getTransactionReceipt</c> instead.
/// When none of the outstanding transactions has been found for <see cref="TransactionOptions.DroppedAfter"/>, it asks
/// the chain why, like <see cref="ReceiptWaiter"/> does for one transaction: a nonce already used is looked up (mined in
/// a block it skipped after a reorg, or replaced), and the highest outstanding transaction is diagnosed (a nonce gap
/// refilled from the <see cref="NonceManager"/>'s kept bytes, a dropped transaction re-broadcast).
/// Transactions are added with <see cref="Track"/> while the batch is still being broadcast, so receipts are collected
/// as blocks come instead of all at the end; <see cref="Complete"/> says that no more will come.
/// </summary>
internal sealed partial class BatchReceiptPoller
{
    private const int BlocksPerRequest = 100;
    private const int ReceiptsPerRequest = 200;
    private readonly ChainRpc rpc;
    private readonly TransactionOptions options;
    private readonly ReceiptWaiter waiter;
    private readonly ILogger logger;
    private readonly System.Collections.Concurrent.ConcurrentQueue<SentTransaction> added = new();
    private readonly string from;
    private int completed;

    /// <summary>Creates the poller.</summary>
    /// <param name="rpc">The chain.</param>
    /// <param name="options">Polling, time-outs.</param>
    /// <param name="waiter">Diagnoses a transaction that went missing.</param>
    /// <param name="logger">Logs a fallback or a stall.</param>
    /// <param name="from">The sending account.</param>
    public BatchReceiptPoller(ChainRpc rpc, TransactionOptions options, ReceiptWaiter waiter, ILogger logger, string from)
    {
        this.rpc = rpc;
        this.options = options;
        this.waiter = waiter;
        this.logger = logger;
        this.from = from;
    }

    /// <summary>Adds a broadcast transaction to wait for (thread-safe).</summary>
    /// <param name="transaction">The transaction.</param>
    public void Track(SentTransaction transaction) => added.Enqueue(transaction);

    /// <summary>No more transactions will be added: the wait ends once every tracked one is resolved.</summary>
    public void Complete() => Volatile.Write(ref completed, 1);

    private bool IsComplete => Volatile.Read(ref completed) == 1;

    /// <summary>Waits until <see cref="Complete"/> was called and every tracked transaction has a receipt (status not
    /// checked), or failed for good.</summary>
    /// <param name="afterBlock">The head before the first of them was broadcast: blocks after it are scanned.</param>
    /// <param name="cancellationToken">Cancels the wait (<see cref="OperationCanceledException"/>).</param>
    /// <returns>Per transaction hash: its receipt, or why there is none (<see cref="TransactionTimeoutException"/>,
    /// <see cref="TransactionPossiblySentException"/> for a node that went away, <see cref="TransactionDroppedException"/>).</returns>
    public async Task<Dictionary<string, (TransactionReceipt? Receipt, Exception? Error)>> WaitAsync(long afterBlock, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, (TransactionReceipt?, Exception?)>(StringComparer.OrdinalIgnoreCase);
        var outstanding = new Dictionary<string, SentTransaction>(StringComparer.OrdinalIgnoreCase);
        // Receipts of this account seen before their transaction was tracked (mined while its chunk's answer was on
        // the way back).
        var early = new Dictionary<string, TransactionReceipt>(StringComparer.OrdinalIgnoreCase);
        var nextBlock = afterBlock + 1;
        var byBlock = true;
        var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerMillisecond, options.InitialPollInterval.Ticks));
        var lastProgress = DateTimeOffset.UtcNow;
        var lastDiagnosis = lastProgress;
        DateTimeOffset? unavailableSince = null;
        while (true)
        {
            // Completion is read before draining: whatever was tracked before it is in the set below.
            var complete = IsComplete;
            var found = 0;
            while (added.TryDequeue(out var transaction))
            {
                if (early.Remove(transaction.Hash, out var seen))
                {
                    outcomes[transaction.Hash] = (seen, null);
                    found++;
                }
                else
                {
                    outstanding[transaction.Hash] = transaction;
                }
            }

            if (complete && outstanding.Count == 0)
            {
                break;
            }

            if (!complete)
            {
                // Still broadcasting: nothing can be late yet.
                lastProgress = DateTimeOffset.UtcNow;
                lastDiagnosis = lastProgress;
            }

            try
            {
                if (byBlock)
                {
                    var head = await rpc.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
                    var scanned = await ScanBlocksAsync(nextBlock, head, outstanding, outcomes, complete ? null : early, cancellationToken).ConfigureAwait(false);
                    if (scanned is null)
                    {
                        byBlock = false;
                        LogNoBlockReceipts(logger, rpc.Endpoint);
                        found += await PollHashesAsync(outstanding, outcomes, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        found += scanned.Value.Found;
                        if (scanned.Value.Next > nextBlock)
                        {
                            // A new block: poll again soon, the next one is probably coming — at once when the whole
                            // batch is out (the last receipts are what the caller waits for), at the normal interval
                            // while chunks are still being broadcast (polls then only compete with the node's work).
                            delay = complete
                                ? TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerMillisecond, options.InitialPollInterval.Ticks))
                                : options.InitialPollInterval;
                        }

                        nextBlock = scanned.Value.Next;
                    }
                }
                else
                {
                    found += await PollHashesAsync(outstanding, outcomes, cancellationToken).ConfigureAwait(false);
                }

                unavailableSince = null;
            }
            catch (RpcUnavailableException ex)
            {
                unavailableSince ??= DateTimeOffset.UtcNow;
                if (IsComplete && DateTimeOffset.UtcNow - unavailableSince >= options.NodeUnavailableTimeout)
                {
                    foreach (var transaction in outstanding.Values)
                    {
                        outcomes[transaction.Hash] = (null, new TransactionPossiblySentException(transaction.Hash, transaction.From, transaction.Nonce, transaction.SignedTransaction, PossiblySentReason.NodeUnavailable, ex));
                    }

                    break;
                }

                LogPollFailed(logger, outstanding.Count, ex.Message);
            }

            var now = DateTimeOffset.UtcNow;
            if (found > 0)
            {
                lastProgress = now;
                lastDiagnosis = now;
            }

            if (complete && outstanding.Count == 0)
            {
                break;
            }

            if (now - lastProgress >= options.ReceiptTimeout)
            {
                foreach (var transaction in outstanding.Values)
                {
                    outcomes[transaction.Hash] = (null, new TransactionTimeoutException(transaction.Hash, transaction.From, transaction.Nonce, transaction.SignedTransaction, options.ReceiptTimeout));
                }

                break;
            }

            if (now - lastDiagnosis >= options.DroppedAfter && unavailableSince is null && outstanding.Count > 0)
            {
                lastDiagnosis = now;
                await DiagnoseAsync(outstanding, outcomes, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = delay < options.InitialPollInterval
                ? options.InitialPollInterval
                : TimeSpan.FromTicks(Math.Min(options.MaxPollInterval.Ticks, (long)(delay.Ticks * options.PollBackoffFactor)));
        }

        return outcomes;
    }

    /// <summary>Reads the receipts of blocks <paramref name="start"/>..<paramref name="head"/>; <see langword="null"/>
    /// when the node has no <c>eth_getBlockReceipts</c>.</summary>
    private async Task<(long Next, int Found)?> ScanBlocksAsync(long start, long head, Dictionary<string, SentTransaction> outstanding, Dictionary<string, (TransactionReceipt?, Exception?)> outcomes, Dictionary<string, TransactionReceipt>? early, CancellationToken cancellationToken)
    {
        var found = 0;
        var next = start;
        while (next <= head && (outstanding.Count > 0 || early is not null))
        {
            var count = (int)Math.Min(BlocksPerRequest, head - next + 1);
            var requests = new RpcBatchRequest[count];
            for (var i = 0; i < count; i++)
            {
                requests[i] = new RpcBatchRequest("eth_getBlockReceipts", new HexBigInteger(next + i).HexValue);
            }

            var answers = await rpc.SendBatchAsync(requests, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < answers.Length; i++)
            {
                if (answers[i].Error is { } error)
                {
                    if (IsUnsupported(error))
                    {
                        return null;
                    }

                    // Not servable yet: try this block again on the next poll.
                    return (next, found);
                }

                var receipts = answers[i].As<TransactionReceipt[]>();
                if (receipts is null)
                {
                    return (next, found);
                }

                foreach (var receipt in receipts)
                {
                    if (receipt.TransactionHash is not { } hash)
                    {
                        continue;
                    }

                    if (outstanding.Remove(hash))
                    {
                        outcomes[hash] = (receipt, null);
                        found++;
                    }
                    else if (early is not null && string.Equals(receipt.From, from, StringComparison.OrdinalIgnoreCase))
                    {
                        early[hash] = receipt;
                    }
                }

                next++;
            }
        }

        return (next, found);
    }

    private async Task<int> PollHashesAsync(Dictionary<string, SentTransaction> outstanding, Dictionary<string, (TransactionReceipt?, Exception?)> outcomes, CancellationToken cancellationToken)
    {
        var found = 0;
        foreach (var chunk in outstanding.Values.OrderBy(t => t.Nonce).Chunk(ReceiptsPerRequest).ToList())
        {
            var answers = await rpc.SendBatchAsync([.. chunk.Select(t => new RpcBatchRequest("eth_getTransactionReceipt", t.Hash))], cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (!answers[i].IsError && answers[i].As<TransactionReceipt>() is { } receipt)
                {
                    outstanding.Remove(chunk[i].Hash);
                    outcomes[chunk[i].Hash] = (receipt, null);
                    found++;
                }
            }
        }

        return found;
    }

    /// <summary>Nothing found for a while: transactions whose nonce is used are looked up one by one (mined in a
    /// block the scan passed before a reorg, or replaced); the highest outstanding one is diagnosed, which refills a
    /// nonce gap below it and re-broadcasts it if the node lost it.</summary>
    private async Task DiagnoseAsync(Dictionary<string, SentTransaction> outstanding, Dictionary<string, (TransactionReceipt?, Exception?)> outcomes, CancellationToken cancellationToken)
    {
        try
        {
            var highest = outstanding.Values.MaxBy(t => t.Nonce)!;
            var mined = await rpc.NonceAtAsync(highest.From, BlockParameter.CreateLatest(), cancellationToken).ConfigureAwait(false);
            LogStalled(logger, outstanding.Count, highest.From, mined);
            var lookup = new TransactionLookup(rpc);
            foreach (var transaction in outstanding.Values.Where(t => t.Nonce < mined).OrderBy(t => t.Nonce).ToList())
            {
                var status = await lookup.GetStatusAsync(transaction.Hash, transaction.From, transaction.Nonce, cancellationToken).ConfigureAwait(false);
                if (status.Receipt is { } receipt)
                {
                    outstanding.Remove(transaction.Hash);
                    outcomes[transaction.Hash] = (receipt, null);
                }
                else if (status.State == TransactionState.Replaced)
                {
                    outstanding.Remove(transaction.Hash);
                    outcomes[transaction.Hash] = (null, new TransactionDroppedException(transaction.Hash, transaction.Nonce, replacedBy: status.ReplacedBy));
                }
            }

            if (outstanding.Values.MaxBy(t => t.Nonce) is { } last && last.Nonce >= mined)
            {
                try
                {
                    await waiter.DiagnoseMissingAsync(last, cancellationToken).ConfigureAwait(false);
                }
                catch (TransactionDroppedException ex)
                {
                    outstanding.Remove(last.Hash);
                    outcomes[last.Hash] = (null, ex);
                }
            }
        }
        catch (RpcUnavailableException ex)
        {
            LogPollFailed(logger, outstanding.Count, ex.Message);
        }
    }

    private static bool IsUnsupported(RpcResponseException error)
    {
        var message = error.RpcError?.Message ?? error.Message;
        return error.RpcError?.Code == -32601
            || message.Contains("not supported", StringComparison.OrdinalIgnoreCase)
            || message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            || message.Contains("method not found", StringComparison.OrdinalIgnoreCase)
            || message.Contains("not available", StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Endpoint} has no eth_getBlockReceipts: polling the batch's receipts by hash.")]
    private static partial void LogNoBlockReceipts(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for {Count} receipts: the node did not answer ({Reason}); polling on.")]
    private static partial void LogPollFailed(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} transactions of {From} not found for a while (account's mined count {Mined}): asking the chain why.")]
    private static partial void LogStalled(ILogger logger, int count, string from, BigInteger mined);
}
