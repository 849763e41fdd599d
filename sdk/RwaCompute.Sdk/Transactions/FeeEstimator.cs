using System.Numerics;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;

namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// EIP-1559 fees: max fee = latest base fee × <see cref="TransactionOptions.BaseFeeMultiplier"/> + tip, tip from
/// <c>eth_maxPriorityFeePerGas</c> (or the configured one). A quote is reused for
/// <see cref="TransactionOptions.FeeQuoteLifetime"/>, so a burst of transactions costs two RPC calls, not two each.
/// </summary>
internal sealed class FeeEstimator
{
    private static readonly BigInteger FallbackTip = 1_000_000_000; // 1 gwei, when the node has no opinion.
    private readonly ChainRpc rpc;
    private readonly TransactionOptions options;
    private readonly object sync = new();
    private Task<FeeQuote>? refreshing;
    private FeeQuote? cached;
    private DateTimeOffset cachedAt;

    /// <summary>Creates the estimator.</summary>
    /// <param name="rpc">The chain.</param>
    /// <param name="options">Multiplier, fixed tip, quote lifetime.</param>
    public FeeEstimator(ChainRpc rpc, TransactionOptions options)
    {
        this.rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>A fee quote, fresh or cached.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The quote.</returns>
    public async Task<FeeQuote> QuoteAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } quote)
        {
            return quote;
        }

        // Concurrent callers share one refresh.
        Task<FeeQuote> refresh;
        lock (sync)
        {
            // Shared by every waiting caller, so it must not die with the first caller's token; started outside the lock.
            refresh = refreshing ??= Task.Run(() => RefreshAsync(CancellationToken.None), CancellationToken.None);
        }

        try
        {
            return await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (sync)
            {
                if (ReferenceEquals(refreshing, refresh) && refresh.IsCompleted)
                {
                    refreshing = null;
                }
            }
        }
    }

    private async Task<FeeQuote> RefreshAsync(CancellationToken cancellationToken)
    {
        var block = await rpc.GetBlockAsync(BlockParameter.CreateLatest(), cancellationToken).ConfigureAwait(false);
        var baseFee = block?.BaseFeePerGas?.Value ?? BigInteger.Zero;
        var tip = options.MaxPriorityFeePerGas ?? await NodeTipAsync(cancellationToken).ConfigureAwait(false);
        var quote = new FeeQuote((baseFee * options.BaseFeeMultiplier) + tip, tip);
        lock (sync)
        {
            cached = quote;
            cachedAt = DateTimeOffset.UtcNow;
        }

        return quote;
    }

    /// <summary>Drops the cached quote (after "fee too low" or "replacement underpriced").</summary>
    public void Invalidate()
    {
        lock (sync)
        {
            cached = null;
            refreshing = null;
        }
    }

    private FeeQuote? Fresh()
    {
        lock (sync)
        {
            return cached is not null && DateTimeOffset.UtcNow - cachedAt < options.FeeQuoteLifetime ? cached : null;
        }
    }

    private async Task<BigInteger> NodeTipAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await rpc.MaxPriorityFeePerGasAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcResponseException)
        {
            // Nodes without the method: a conservative default.
            return FallbackTip;
        }
    }
}
