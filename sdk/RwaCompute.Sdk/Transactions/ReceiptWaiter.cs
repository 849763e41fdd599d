using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// Waits for receipts by polling with exponential back-off (never a tight loop), within a timeout, honouring
/// cancellation. When a transaction has been missing for <see cref="TransactionOptions.DroppedAfter"/> the waiter asks
/// the chain why: its nonce used by another transaction (replaced: <see cref="TransactionDroppedException"/>, only when
/// the block that used the nonce shows it), stuck behind a nonce gap (a restarted node or a chain that went backwards
/// lost earlier transactions of the account: they are re-broadcast from the <see cref="NonceManager"/>'s kept bytes and
/// the account's nonce re-read), or dropped (the same signed bytes re-broadcast). With
/// <see cref="TransactionOptions.Confirmations"/> above one, the receipt is re-checked once deep enough: if its block is
/// no longer canonical (a reorg), waiting goes on until the transaction is confirmed where it now is.
/// </summary>
internal sealed partial class ReceiptWaiter
{
    private readonly ChainRpc rpc;
    private readonly TransactionOptions options;
    private readonly NonceManager? nonces;
    private readonly TransactionLookup lookup;
    private readonly ILogger logger;

    /// <summary>Creates the waiter.</summary>
    /// <param name="rpc">The chain.</param>
    /// <param name="options">Timeout, confirmations, back-off.</param>
    /// <param name="logger">Logs re-broadcasts and reorgs.</param>
    /// <param name="nonces">The senders' nonce manager: its kept transactions refill nonce gaps, and it is re-synced
    /// when the chain went backwards. Without it gaps are reported, not repaired.</param>
    public ReceiptWaiter(ChainRpc rpc, TransactionOptions options, ILogger? logger = null, NonceManager? nonces = null)
    {
        this.rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.logger = logger ?? NullLogger.Instance;
        this.nonces = nonces;
        lookup = new TransactionLookup(rpc);
    }

    /// <summary>Waits for a transaction's receipt (status not checked here).</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="confirmations">Overrides <see cref="TransactionOptions.Confirmations"/>.</param>
    /// <param name="cancellationToken">Cancels the wait (an <see cref="OperationCanceledException"/>).</param>
    /// <returns>The receipt, confirmed as asked.</returns>
    /// <exception cref="TransactionTimeoutException">Not mined (or not confirmed) in time.</exception>
    /// <exception cref="TransactionPossiblySentException">The node failed every poll for
    /// <see cref="TransactionOptions.NodeUnavailableTimeout"/>.</exception>
    /// <exception cref="TransactionDroppedException">Its nonce went to another transaction.</exception>
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
        var missingSince = DateTimeOffset.UtcNow;
        DateTimeOffset? unavailableSince = null;
        try
        {
            while (true)
            {
                try
                {
                    var receipt = await rpc.GetReceiptAsync(transaction.Hash, timeout.Token).ConfigureAwait(false);
                    unavailableSince = null;
                    if (receipt is not null)
                    {
                        missingSince = DateTimeOffset.UtcNow;
                        if (depth <= 1 || await IsConfirmedAsync(receipt, depth, timeout.Token).ConfigureAwait(false))
                        {
                            return receipt;
                        }
                    }
                    else if (DateTimeOffset.UtcNow - missingSince >= options.DroppedAfter)
                    {
                        await DiagnoseMissingAsync(transaction, timeout.Token).ConfigureAwait(false);
                        missingSince = DateTimeOffset.UtcNow;
                    }
                }
                catch (RpcUnavailableException ex)
                {
                    // The transaction is out: a node that blinks must not make the caller think it can re-send; a node
                    // that is gone for good ends the wait with "possibly sent", not a generic timeout.
                    unavailableSince ??= DateTimeOffset.UtcNow;
                    if (DateTimeOffset.UtcNow - unavailableSince >= options.NodeUnavailableTimeout)
                    {
                        throw new TransactionPossiblySentException(transaction.Hash, transaction.From, transaction.Nonce, transaction.SignedTransaction, PossiblySentReason.NodeUnavailable, ex);
                    }

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
            throw new TransactionTimeoutException(transaction.Hash, transaction.From, transaction.Nonce, transaction.SignedTransaction, options.ReceiptTimeout);
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

    /// <summary>The receipt has been missing for a while: find out why and repair what can be repaired.</summary>
    internal async Task DiagnoseMissingAsync(SentTransaction transaction, CancellationToken cancellationToken)
    {
        if (transaction.Nonce.Sign < 0)
        {
            // Nonce unknown (a hash resumed from a journal, no longer known to the node): nothing to diagnose or
            // re-send; poll on until the timeout.
            return;
        }

        var known = await rpc.GetTransactionAsync(transaction.Hash, cancellationToken).ConfigureAwait(false);
        var mined = await rpc.NonceAtAsync(transaction.From, BlockParameter.CreateLatest(), cancellationToken).ConfigureAwait(false);
        if (mined > transaction.Nonce)
        {
            // Its nonce is used. Only the block that used it can tell "mined (receipt not indexed yet)" from
            // "replaced": a missing receipt alone never makes a transaction "dropped".
            var status = await lookup.UsedNonceStatusAsync(transaction.Hash, transaction.From, transaction.Nonce, mined, cancellationToken).ConfigureAwait(false);
            if (status.State == TransactionState.Replaced)
            {
                throw new TransactionDroppedException(transaction.Hash, transaction.Nonce, replacedBy: status.ReplacedBy);
            }

            return;
        }

        // Not mined yet. Is it stuck behind a gap (earlier nonces the node no longer has)?
        var pending = await rpc.PendingNonceAsync(transaction.From, cancellationToken).ConfigureAwait(false);
        if (pending < transaction.Nonce || (known is null && mined < transaction.Nonce))
        {
            await RepairGapAsync(transaction, cancellationToken).ConfigureAwait(false);
        }

        if (known is null)
        {
            await RebroadcastAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Refills the account's nonces between what the chain has mined and this transaction from the kept
    /// signed bytes (a restarted node or a rollback lost them), in nonce order, and re-syncs the nonce manager.</summary>
    private async Task RepairGapAsync(SentTransaction transaction, CancellationToken cancellationToken)
    {
        if (nonces is null)
        {
            LogGapUnrepaired(logger, transaction.Hash, transaction.Nonce);
            return;
        }

        using var repair = await nonces.EnterRepairAsync(transaction.From, cancellationToken).ConfigureAwait(false);
        // Another waiter may have repaired it meanwhile: read again.
        var from = await rpc.PendingNonceAsync(transaction.From, cancellationToken).ConfigureAwait(false);
        if (from >= transaction.Nonce)
        {
            return;
        }

        var refilled = 0;
        var missing = new List<BigInteger>();
        for (var nonce = from; nonce < transaction.Nonce; nonce++)
        {
            if (!nonces.TryGetSent(transaction.From, nonce, out var kept))
            {
                missing.Add(nonce);
                continue;
            }

            if (await TrySendAsync(kept, cancellationToken).ConfigureAwait(false))
            {
                refilled++;
            }
        }

        // The local counter may be ahead of a chain that went backwards: the next lease re-reads it.
        nonces.Invalidate(transaction.From);
        LogGap(logger, transaction.From, from, transaction.Nonce - 1, refilled, missing.Count);
    }

    private async Task RebroadcastAsync(SentTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            if (await TrySendAsync(transaction, cancellationToken).ConfigureAwait(false))
            {
                // The node accepted it as new: it really had dropped it.
                LogRebroadcast(logger, transaction.Hash, transaction.Nonce);
            }
        }
        catch (RpcResponseException ex) when (TransactionSender.IsNonceRejection(ex))
        {
            // Its nonce was used since the check above: the next poll finds the receipt, or the next diagnosis tells
            // whether it was replaced.
            LogRebroadcastRefused(logger, transaction.Hash, ex.RpcError?.Message ?? ex.Message);
        }
    }

    /// <summary>Broadcasts kept bytes; <see langword="true"/> when the node took them as new.</summary>
    private async Task<bool> TrySendAsync(SentTransaction transaction, CancellationToken cancellationToken)
    {
        if (transaction.SignedTransaction is "" or "0x")
        {
            return false; // no signed bytes kept (a resumed hash): nothing to re-send
        }

        try
        {
            await rpc.SendRawTransactionAsync(transaction.SignedTransaction, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RpcResponseException ex) when (TransactionSender.IsAlreadyKnown(ex))
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for {Hash}: the node did not answer ({Reason}); polling on.")]
    private static partial void LogPollFailed(ILogger logger, string hash, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {Hash} was dropped by the node; re-broadcast the same signed bytes (nonce {Nonce}).")]
    private static partial void LogRebroadcast(ILogger logger, string hash, BigInteger nonce);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Re-broadcast of {Hash} refused ({Reason}); checking again on the next poll.")]
    private static partial void LogRebroadcastRefused(ILogger logger, string hash, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account}: the node lost nonces {First}..{Last} (restarted, or the chain went backwards); re-broadcast {Refilled} kept transactions, {Missing} not kept; nonces re-synced.")]
    private static partial void LogGap(ILogger logger, string account, BigInteger first, BigInteger last, int refilled, int missing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {Hash} (nonce {Nonce}) waits behind a nonce gap no kept transaction can fill; it is mined once the account's earlier nonces are used.")]
    private static partial void LogGapUnrepaired(ILogger logger, string hash, BigInteger nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {Hash}: block {Block} ({BlockHash}) is no longer canonical (reorg); waiting for it to be confirmed again.")]
    private static partial void LogReorged(ILogger logger, string hash, long block, string blockHash);
}
