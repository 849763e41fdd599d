using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// Waits for receipts by polling with exponential back-off (never a tight loop), within a timeout, honouring
/// cancellation. A transaction the node forgot (dropped from its pool) is re-broadcast from its signed bytes. With
/// <see cref="TransactionOptions.Confirmations"/> above one, the receipt is re-checked once deep enough: if its
/// block is no longer canonical (a reorg), waiting goes on until the transaction is confirmed where it now is.
/// </summary>
public sealed partial class ReceiptWaiter
{
    private readonly ChainRpc rpc;
    private readonly TransactionOptions options;
    private readonly ILogger logger;

    /// <summary>Creates the waiter.</summary>
    /// <param name="rpc">The chain.</param>
    /// <param name="options">Timeout, confirmations, back-off.</param>
    /// <param name="logger">Logs re-broadcasts and reorgs.</param>
    public ReceiptWaiter(ChainRpc rpc, TransactionOptions options, ILogger? logger = null)
    {
        this.rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Waits for a transaction's receipt (status not checked here).</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="confirmations">Overrides <see cref="TransactionOptions.Confirmations"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The receipt, confirmed as asked.</returns>
    /// <exception cref="TransactionTimeoutException">Not mined (or not confirmed) in time.</exception>
    public async Task<TransactionReceipt> WaitAsync(SentTransaction transaction, int? confirmations = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var depth = Math.Max(1, confirmations ?? options.Confirmations);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ReceiptTimeout);
        // A node usually mines a fresh transaction within a millisecond or two: the first re-poll comes quickly,
        // then the back-off starts. The "was it dropped?" lookup only runs once the receipt has been missing for
        // DroppedAfter, so a healthy wait costs one call per poll.
        var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerMillisecond, options.InitialPollInterval.Ticks));
        var missingSince = (DateTimeOffset?)DateTimeOffset.UtcNow;
        try
        {
            while (true)
            {
                try
                {
                    var receipt = await rpc.GetReceiptAsync(transaction.Hash, timeout.Token).ConfigureAwait(false);
                    if (receipt is not null)
                    {
                        missingSince = DateTimeOffset.UtcNow;
                        if (depth <= 1 || await IsConfirmedAsync(receipt, depth, timeout.Token).ConfigureAwait(false))
                        {
                            return receipt;
                        }
                    }
                    else
                    {
                        missingSince = await CheckDroppedAsync(transaction, missingSince, timeout.Token).ConfigureAwait(false);
                    }
                }
                catch (RpcUnavailableException ex)
                {
                    // The transaction is out: a node that blinks must not make the caller think it can re-send.
                    LogPollFailed(logger, transaction.Hash, ex.Message);
                }

                await Task.Delay(delay, timeout.Token).ConfigureAwait(false);
                delay = delay < options.InitialPollInterval
                    ? options.InitialPollInterval
                    : TimeSpan.FromTicks(Math.Min(options.MaxPollInterval.Ticks, (long)(delay.Ticks * options.PollBackoffFactor)));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransactionTimeoutException(transaction.Hash, options.ReceiptTimeout);
        }
    }

    private async Task<bool> IsConfirmedAsync(TransactionReceipt receipt, int depth, CancellationToken cancellationToken)
    {
        var head = await rpc.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var mined = (long)receipt.BlockNumber.Value;
        if (head - mined + 1 < depth)
        {
            return false;
        }

        // Deep enough: is the receipt's block still the canonical block at that height?
        var block = await rpc.GetBlockAsync(new BlockParameter(receipt.BlockNumber), cancellationToken).ConfigureAwait(false);
        if (block is not null && string.Equals(block.BlockHash, receipt.BlockHash, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        LogReorged(logger, receipt.TransactionHash, mined, receipt.BlockHash);
        return false;
    }

    private async Task<DateTimeOffset?> CheckDroppedAsync(SentTransaction transaction, DateTimeOffset? missingSince, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (missingSince is { } since && now - since < options.DroppedAfter)
        {
            return missingSince;
        }

        var known = await rpc.GetTransactionAsync(transaction.Hash, cancellationToken).ConfigureAwait(false);
        if (known is not null)
        {
            // Pending in the pool: look again after another DroppedAfter.
            return now;
        }

        LogRebroadcast(logger, transaction.Hash, transaction.Nonce);
        try
        {
            await rpc.SendRawTransactionAsync(transaction.SignedTransaction, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcResponseException ex) when (TransactionSender.IsAlreadyKnown(ex))
        {
            // Back in the pool already.
        }
        catch (RpcResponseException ex) when (TransactionSender.IsNonceRejection(ex))
        {
            // Its nonce was taken by another transaction of the account: unless it was mined meanwhile, it never will be.
            if (await rpc.GetReceiptAsync(transaction.Hash, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new TransactionDroppedException(transaction.Hash, transaction.Nonce, ex);
            }
        }

        return DateTimeOffset.UtcNow;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for {Hash}: the node did not answer ({Reason}); polling on.")]
    private static partial void LogPollFailed(ILogger logger, string hash, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {Hash} was dropped by the node; re-broadcasting it (nonce {Nonce}).")]
    private static partial void LogRebroadcast(ILogger logger, string hash, BigInteger nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {Hash}: block {Block} ({BlockHash}) is no longer canonical (reorg); waiting for it to be confirmed again.")]
    private static partial void LogReorged(ILogger logger, string hash, long block, string blockHash);
}
