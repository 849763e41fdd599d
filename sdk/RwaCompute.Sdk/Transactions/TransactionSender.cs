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
    public TransactionSender(ChainRpc rpc, RwaSigner signer, long chainId, NonceManager nonces, FeeEstimator fees, ReceiptWaiter waiter, TransactionOptions options, ContractErrorDecoder errorDecoder, ILogger? logger = null)
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

    /// <summary>The sending account.</summary>
    public string From => signer.Address;

    /// <summary>The chain id signed into transactions.</summary>
    public long ChainId { get; }

    /// <summary>Simulates and estimates a call, then signs and broadcasts it; returns once the node accepted it.</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels before broadcast (after it, the transaction is out).</param>
    /// <returns>The accepted transaction.</returns>
    /// <exception cref="ContractRevertException">The simulation reverted (typed by custom error); nothing was sent.</exception>
    /// <exception cref="RpcUnavailableException">The node did not answer.</exception>
    public async Task<SentTransaction> SendAsync(TransactionCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var gasLimit = call.GasLimit ?? await EstimateGasAsync(call, cancellationToken).ConfigureAwait(false);
        RpcResponseException? lastRejection = null;
        var feePercent = 100;
        for (var attempt = 0; attempt <= options.NonceRetries; attempt++)
        {
            var quote = await fees.QuoteAsync(cancellationToken).ConfigureAwait(false);
            using var section = await nonces.EnterSendAsync(From, cancellationToken).ConfigureAwait(false);
            using var lease = await nonces.LeaseAsync(From, cancellationToken).ConfigureAwait(false);
            var signed = signer.SignTransaction(new Eip1559TransactionRequest(
                ChainId, lease.Nonce, quote.MaxPriorityFeePerGas * feePercent / 100, quote.MaxFeePerGas * feePercent / 100, gasLimit, call.To, call.Value, call.Data));
            var hash = Sha3Keccack.Current.CalculateHash(signed.HexToByteArray()).ToHex(true);
            var sent = new SentTransaction(hash, From, lease.Nonce, call, gasLimit, signed);
            try
            {
                await rpc.SendRawTransactionAsync(signed, cancellationToken).ConfigureAwait(false);
                lease.Commit();
                LogSent(logger, call.Description, hash, lease.Nonce);
                return sent;
            }
            catch (RpcResponseException ex) when (IsAlreadyKnown(ex))
            {
                lease.Commit();
                return sent;
            }
            catch (RpcResponseException ex) when (IsNonceRejection(ex))
            {
                // Someone else used this nonce, or the node restarted: re-read the chain and sign again.
                lastRejection = ex;
                nonces.Invalidate(From);
                LogNonceRejected(logger, call.Description, lease.Nonce, ex.RpcError?.Message);
            }
            catch (RpcResponseException ex) when (IsFeeRejection(ex))
            {
                // Underpriced (a replacement needs +10 %, or the base fee jumped): re-quote and bid 25 % higher.
                lastRejection = ex;
                fees.Invalidate();
                feePercent += 25;
            }
            catch (RpcResponseException ex) when (DecoderFor(call).TryTranslate(ex, out var revert))
            {
                throw revert;
            }
            catch (OperationCanceledException)
            {
                // Cancelled mid-broadcast: the node may have the transaction, so its nonce must not be handed out
                // again; the next send re-reads the chain.
                nonces.Invalidate(From);
                throw;
            }
            catch (RpcUnavailableException)
            {
                // Whether the node got it is unknown: the next send re-reads the nonce from the chain.
                nonces.Invalidate(From);
                throw;
            }
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(lastRejection!).Throw();
        throw lastRejection!;
    }

    /// <summary>Sends a call and waits for its receipt; a mined revert is replayed to throw its typed error.</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
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
    /// <exception cref="TransactionTimeoutException">No receipt in time.</exception>
    public async Task<TransactionReceipt> WaitAsync(SentTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var receipt = await waiter.WaitAsync(transaction, null, cancellationToken).ConfigureAwait(false);
        if (receipt.Status?.Value == BigInteger.One)
        {
            return receipt;
        }

        throw await ReplayRevertAsync(transaction, receipt, cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent {Description}: {Hash} (nonce {Nonce}).")]
    private static partial void LogSent(ILogger logger, string description, string hash, BigInteger nonce);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Description}: nonce {Nonce} rejected ({Reason}); re-reading the account's nonce and retrying.")]
    private static partial void LogNonceRejected(ILogger logger, string description, BigInteger nonce, string? reason);
}
