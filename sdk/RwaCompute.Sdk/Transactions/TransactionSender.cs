using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Contracts;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// The transaction pipeline of one signer: simulate and estimate gas (a revert surfaces here, typed, before
/// anything is sent), price with EIP-1559 fees, lease a nonce, sign offline, broadcast, and wait for the receipt.
/// Safe for concurrent use: many sends from the same account pipeline through the <see cref="NonceManager"/>.
/// </summary>
public sealed partial class TransactionSender
{
    private readonly ChainRpc rpc;
    private readonly RwaSigner signer;
    private readonly NonceManager nonces;
    private readonly FeeEstimator fees;
    private readonly ReceiptWaiter waiter;
    private readonly TransactionOptions options;
    private readonly ContractErrorDecoder errorDecoder;
    private readonly ILogger logger;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="rpc">The chain.</param>
    /// <param name="signer">Signs every transaction.</param>
    /// <param name="chainId">The chain id signed into every transaction (EIP-155 replay protection).</param>
    /// <param name="nonces">The nonce manager (share one per process for the same accounts).</param>
    /// <param name="fees">The fee estimator.</param>
    /// <param name="waiter">The receipt waiter.</param>
    /// <param name="options">Gas head-room, retries.</param>
    /// <param name="errorDecoder">Turns revert data into typed exceptions.</param>
    /// <param name="logger">Logs sends (hashes, nonces; never secrets).</param>
    internal TransactionSender(ChainRpc rpc, RwaSigner signer, long chainId, NonceManager nonces, FeeEstimator fees, ReceiptWaiter waiter, TransactionOptions options, ContractErrorDecoder errorDecoder, ILogger? logger = null)
    {
        this.rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        this.signer = signer ?? throw new ArgumentNullException(nameof(signer));
        this.nonces = nonces ?? throw new ArgumentNullException(nameof(nonces));
        this.fees = fees ?? throw new ArgumentNullException(nameof(fees));
        this.waiter = waiter ?? throw new ArgumentNullException(nameof(waiter));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.errorDecoder = errorDecoder ?? throw new ArgumentNullException(nameof(errorDecoder));
        this.logger = logger ?? NullLogger.Instance;
        ChainId = chainId;
    }

    /// <summary>The key that signs this sender's transactions (also signs market orders).</summary>
    internal RwaSigner Signer => signer;

    /// <summary>The sending account.</summary>
    public string From => signer.Address;

    /// <summary>The chain id signed into transactions.</summary>
    public long ChainId { get; }

    /// <summary>Simulates and estimates a call, then signs and broadcasts it; returns once the node accepted it. With a
    /// <see cref="TransactionOptions.Journal"/>, an earlier unresolved attempt of the same call is resolved first
    /// (mined or pending: returned; dropped: the same bytes re-broadcast; replaced: forgotten) instead of sending
    /// again, and every new transaction is recorded before its broadcast.</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels before broadcast (after it, the transaction is out).</param>
    /// <returns>The accepted transaction.</returns>
    /// <exception cref="ContractRevertException">The simulation reverted (typed by custom error); nothing was sent.</exception>
    /// <exception cref="RpcUnavailableException">The node did not answer before anything was signed.</exception>
    /// <exception cref="TransactionPossiblySentException">The broadcast's outcome is unknown (connection cut,
    /// cancelled mid-broadcast): the exception carries the hash, nonce and signed bytes; do not send again.</exception>
    public async Task<SentTransaction> SendAsync(TransactionCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var journal = options.Journal;
        if (journal is not null && await journal.FindAsync(ChainId, From, call, cancellationToken).ConfigureAwait(false) is { } previous
            && await ResumeAsync(previous, call, journal, cancellationToken).ConfigureAwait(false) is { } resumed)
        {
            return resumed;
        }

        var gasLimit = call.GasLimit ?? await EstimateGasAsync(call, cancellationToken).ConfigureAwait(false);
        RpcResponseException? lastRejection = null;
        var feePercent = 100;
        for (var attempt = 0; attempt <= options.NonceRetries; attempt++)
        {
            var quote = await fees.QuoteAsync(cancellationToken).ConfigureAwait(false);
            using var section = await nonces.EnterSendAsync(From, cancellationToken).ConfigureAwait(false);
            using var lease = await nonces.LeaseAsync(From, cancellationToken).ConfigureAwait(false);
            var signed = await signer.SignTransactionAsync(
                new Eip1559TransactionRequest(ChainId, lease.Nonce, quote.MaxPriorityFeePerGas * feePercent / 100, quote.MaxFeePerGas * feePercent / 100, gasLimit, call.To, call.Value, call.Data),
                cancellationToken).ConfigureAwait(false);
            var hash = Sha3Keccack.Current.CalculateHash(signed.HexToByteArray()).ToHex(true);
            var sent = new SentTransaction(hash, From, lease.Nonce, call, gasLimit, signed);
            if (journal is not null)
            {
                // Durable before the broadcast: whatever happens next, a re-run can find this transaction.
                await journal.RecordAsync(Journaled(sent), CancellationToken.None).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    await journal.ForgetAsync(hash, CancellationToken.None).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            try
            {
                await rpc.SendRawTransactionAsync(signed, cancellationToken).ConfigureAwait(false);
                lease.Commit();
                nonces.Remember(sent);
                LogSent(logger, call.Description, From, hash, lease.Nonce);
                return sent;
            }
            catch (RpcResponseException ex) when (IsAlreadyKnown(ex))
            {
                lease.Commit();
                nonces.Remember(sent);
                return sent;
            }
            catch (RpcResponseException ex) when (IsNonceRejection(ex))
            {
                // Someone else used this nonce, or the node restarted: re-read the chain and sign again.
                lastRejection = ex;
                await ForgetAsync(hash).ConfigureAwait(false);
                nonces.Invalidate(From);
                LogNonceRejected(logger, call.Description, lease.Nonce, ex.RpcError?.Message);
            }
            catch (RpcResponseException ex) when (IsFeeRejection(ex))
            {
                // Underpriced (a replacement needs +10 %, or the base fee jumped): re-quote and bid 25 % higher.
                lastRejection = ex;
                await ForgetAsync(hash).ConfigureAwait(false);
                fees.Invalidate();
                feePercent += 25;
            }
            catch (RpcResponseException ex)
            {
                // The node refused it (a revert at admission, insufficient funds...): nothing was sent.
                await ForgetAsync(hash).ConfigureAwait(false);
                if (DecoderFor(call).TryTranslate(ex, out var revert))
                {
                    throw revert;
                }

                throw;
            }
            catch (OperationCanceledException ex)
            {
                // Cancelled mid-broadcast: the node may have the transaction, so its nonce must not be handed out
                // again; the next send re-reads the chain.
                nonces.Invalidate(From);
                nonces.Remember(sent);
                throw PossiblySent(sent, PossiblySentReason.Cancelled, ex);
            }
            catch (RpcUnavailableException ex)
            {
                // Whether the node got it is unknown: the next send re-reads the nonce from the chain.
                nonces.Invalidate(From);
                nonces.Remember(sent);
                throw PossiblySent(sent, PossiblySentReason.BroadcastFailed, ex);
            }
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(lastRejection!).Throw();
        throw lastRejection!;
    }

    /// <summary>Sends a call and waits for its receipt; a mined revert is replayed to throw its typed error.</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels; after the broadcast a cancellation throws
    /// <see cref="TransactionPossiblySentException"/> (the transaction is out).</param>
    /// <returns>The successful receipt.</returns>
    public async Task<TransactionReceipt> SendAndWaitAsync(TransactionCall call, CancellationToken cancellationToken = default)
    {
        var sent = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return await WaitAsync(sent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for a sent transaction's receipt and checks its status.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The successful receipt.</returns>
    /// <exception cref="ContractRevertException">Mined reverted; the replayed revert reason, typed.</exception>
    /// <exception cref="TransactionRevertedException">Mined reverted without a reproducible reason.</exception>
    /// <exception cref="TransactionPossiblySentException">Cancelled, timed out (<see cref="TransactionTimeoutException"/>)
    /// or the node went away: the outcome is unknown, the transaction may still be mined.</exception>
    /// <exception cref="TransactionDroppedException">Its nonce went to another transaction: it will never be mined.</exception>
    public async Task<TransactionReceipt> WaitAsync(SentTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        TransactionReceipt receipt;
        try
        {
            receipt = await waiter.WaitAsync(transaction, null, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw PossiblySent(transaction, PossiblySentReason.Cancelled, ex);
        }
        catch (TransactionDroppedException)
        {
            await ForgetAsync(transaction.Hash).ConfigureAwait(false);
            throw;
        }

        if (receipt.Status?.Value == BigInteger.One)
        {
            if (options.Journal is { } journal)
            {
                await journal.MarkMinedAsync(transaction.Hash, CancellationToken.None).ConfigureAwait(false);
            }

            return receipt;
        }

        await ForgetAsync(transaction.Hash).ConfigureAwait(false);
        throw await ReplayRevertAsync(transaction, receipt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the chain says about a transaction of this account (see <see cref="TransactionLookup"/>).</summary>
    /// <param name="hash">The transaction hash.</param>
    /// <param name="nonce">Its nonce, if known (tells "dropped" from "replaced").</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The status.</returns>
    public Task<TransactionStatus> GetStatusAsync(string hash, BigInteger? nonce = null, CancellationToken cancellationToken = default) =>
        new TransactionLookup(rpc).GetStatusAsync(hash, From, nonce, cancellationToken);

    /// <summary>Re-broadcasts the signed bytes of a transaction whose outcome was unknown (for example from
    /// <see cref="TransactionPossiblySentException.SignedTransaction"/>): it can be mined at most once.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="cancellationToken">Cancels the broadcast.</param>
    /// <returns>A task.</returns>
    public async Task RebroadcastAsync(SentTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            await rpc.SendRawTransactionAsync(transaction.SignedTransaction, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcResponseException ex) when (IsAlreadyKnown(ex))
        {
            // Already in the pool.
        }

        nonces.Invalidate(From);
        nonces.Remember(transaction);
    }

    /// <summary>Whether a node's rejection means the exact transaction is already in its pool.</summary>
    /// <param name="exception">The rejection.</param>
    /// <returns><see langword="true"/> for "already known" and equivalents.</returns>
    internal static bool IsAlreadyKnown(RpcResponseException exception) =>
        MessageContains(exception, "already known", "already imported", "known transaction");

    /// <summary>Whether a node's rejection is about the nonce (used, too high, already imported).</summary>
    /// <param name="exception">The rejection.</param>
    /// <returns><see langword="true"/> for nonce rejections.</returns>
    internal static bool IsNonceRejection(RpcResponseException exception) =>
        MessageContains(exception, "nonce too low", "nonce too high", "invalid nonce", "nonce has already been used", "transaction already imported");

    private static bool IsFeeRejection(RpcResponseException exception) =>
        MessageContains(exception, "replacement transaction underpriced", "max fee per gas less than block base fee", "fee cap less than block base fee", "transaction underpriced");

    private static bool MessageContains(RpcResponseException exception, params string[] fragments)
    {
        var message = exception.RpcError?.Message ?? exception.Message;
        return fragments.Any(fragment => message.Contains(fragment, StringComparison.OrdinalIgnoreCase));
    }

    private ContractErrorDecoder DecoderFor(TransactionCall call) => call.ErrorDecoder ?? errorDecoder;

    private static TransactionPossiblySentException PossiblySent(SentTransaction sent, PossiblySentReason reason, Exception inner) =>
        new(sent.Hash, sent.From, sent.Nonce, sent.SignedTransaction, reason, inner);

    private JournaledTransaction Journaled(SentTransaction sent) =>
        new(ChainId, sent.Hash, sent.From, sent.Nonce, sent.Call.To, sent.Call.Data, sent.Call.Value, sent.GasLimit, sent.SignedTransaction, sent.Call.Description, DateTimeOffset.UtcNow);

    private async Task ForgetAsync(string hash)
    {
        if (options.Journal is { } journal)
        {
            await journal.ForgetAsync(hash, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Resolves an earlier attempt of a call: the transaction to wait for, or <see langword="null"/> when it
    /// can never be mined (replaced) and a new one must be sent.</summary>
    private async Task<SentTransaction?> ResumeAsync(JournaledTransaction previous, TransactionCall call, ITransactionJournal journal, CancellationToken cancellationToken)
    {
        var sent = new SentTransaction(
            previous.Hash,
            previous.From,
            previous.Nonce,
            call with { To = previous.To, Data = previous.Data, Value = previous.Value },
            previous.GasLimit,
            previous.SignedTransaction);
        var status = await GetStatusAsync(previous.Hash, previous.Nonce, cancellationToken).ConfigureAwait(false);
        switch (status.State)
        {
            case TransactionState.Mined or TransactionState.Reverted or TransactionState.Pending:
                LogResumed(logger, call.Description, previous.Hash, status.State);
                nonces.Remember(sent);
                return sent;
            case TransactionState.NotFound:
                // Never arrived or dropped, nonce still free: the same bytes, so it happens at most once.
                LogResumed(logger, call.Description, previous.Hash, status.State);
                try
                {
                    await RebroadcastAsync(sent, cancellationToken).ConfigureAwait(false);
                }
                catch (RpcResponseException ex) when (IsNonceRejection(ex))
                {
                    // Its nonce was used meanwhile: by this transaction (mined) or another one (replaced).
                    var again = await GetStatusAsync(previous.Hash, previous.Nonce, cancellationToken).ConfigureAwait(false);
                    if (again.State == TransactionState.Replaced)
                    {
                        LogReplaced(logger, call.Description, previous.Hash, again.ReplacedBy);
                        await journal.ForgetAsync(previous.Hash, CancellationToken.None).ConfigureAwait(false);
                        return null;
                    }

                    if (again.State is not (TransactionState.Mined or TransactionState.Reverted or TransactionState.Pending))
                    {
                        throw PossiblySent(sent, PossiblySentReason.OutcomeUnknown, ex);
                    }
                }

                return sent;
            case TransactionState.Replaced:
                LogReplaced(logger, call.Description, previous.Hash, status.ReplacedBy);
                await journal.ForgetAsync(previous.Hash, CancellationToken.None).ConfigureAwait(false);
                return null;
            default:
                throw PossiblySent(sent, PossiblySentReason.OutcomeUnknown, new InvalidOperationException("The node has no record of the transaction that used its nonce."));
        }
    }

    private async Task<BigInteger> EstimateGasAsync(TransactionCall call, CancellationToken cancellationToken)
    {
        var input = new CallInput(call.Data, call.To, new HexBigInteger(call.Value)) { From = From };
        try
        {
            var estimate = await rpc.EstimateGasAsync(input, cancellationToken).ConfigureAwait(false);
            return estimate * options.GasLimitPercent / 100;
        }
        catch (RpcResponseException ex) when (DecoderFor(call).TryTranslate(ex, out var revert))
        {
            throw revert;
        }
        catch (RpcResponseException ex) when (ex.RpcError?.Message?.Contains("revert", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw DecoderFor(call).Decode((string?)null, ex);
        }
    }

    private async Task<Exception> ReplayRevertAsync(SentTransaction transaction, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var block = (long)receipt.BlockNumber.Value;
        var input = new CallInput(transaction.Call.Data, transaction.Call.To, new HexBigInteger(transaction.Call.Value))
        {
            From = transaction.From,
            Gas = new HexBigInteger(transaction.GasLimit),
        };
        try
        {
            await rpc.CallAsync(input, new BlockParameter((ulong)Math.Max(0, block - 1)), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcResponseException ex) when (DecoderFor(transaction.Call).TryTranslate(ex, out var revert))
        {
            return revert;
        }
        catch (RpcResponseException)
        {
            // No reproducible reason.
        }

        return new TransactionRevertedException(transaction.Hash, block);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent {Description} from {From}: {Hash} (nonce {Nonce}).")]
    private static partial void LogSent(ILogger logger, string description, string from, string hash, BigInteger nonce);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Description}: resolving the earlier attempt {Hash} ({State}) instead of sending again.")]
    private static partial void LogResumed(ILogger logger, string description, string hash, TransactionState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Description}: the earlier attempt {Hash} can never be mined (its nonce went to {ReplacedBy}); sending a new transaction.")]
    private static partial void LogReplaced(ILogger logger, string description, string hash, string? replacedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Description}: nonce {Nonce} rejected ({Reason}); re-reading the account's nonce and retrying.")]
    private static partial void LogNonceRejected(ILogger logger, string description, BigInteger nonce, string? reason);
}
