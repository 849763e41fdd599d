using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// Tells what happened to a signed transaction: mined (or reverted), pending, unknown to the node with its nonce still
/// free (safe to re-broadcast), replaced (its nonce went to another transaction), or — when the nonce is used but the
/// node no longer has the evidence — unknown. "Replaced" is only concluded from the block that used the nonce, never
/// from a missing receipt alone.
/// </summary>
public sealed class TransactionLookup
{
    private readonly ChainRpc rpc;

    /// <summary>Creates the lookup.</summary>
    /// <param name="rpc">The chain.</param>
    public TransactionLookup(ChainRpc rpc)
    {
        this.rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
    }

    /// <summary>Looks a transaction up by hash; with its sender and nonce it can also tell "dropped" from
    /// "replaced".</summary>
    /// <param name="hash">The transaction hash.</param>
    /// <param name="from">The sender, if known.</param>
    /// <param name="nonce">Its nonce, if known.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The status.</returns>
    public async Task<TransactionStatus> GetStatusAsync(string hash, string? from = null, BigInteger? nonce = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hash);
        var receipt = await rpc.GetReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
        if (receipt is not null)
        {
            var state = receipt.Status?.Value == BigInteger.One ? TransactionState.Mined : TransactionState.Reverted;
            return new TransactionStatus(hash, state, receipt, null, null);
        }

        var known = await rpc.GetTransactionAsync(hash, cancellationToken).ConfigureAwait(false);
        if (known is not null)
        {
            from ??= known.From;
            nonce ??= known.Nonce?.Value;
            if (known.BlockHash is null || known.BlockNumber is null)
            {
                return new TransactionStatus(hash, TransactionState.Pending, null, null, null);
            }
        }

        if (from is null || nonce is not { } n)
        {
            // Neither the node nor the caller knows the sender: nothing more can be told.
            return new TransactionStatus(hash, known is null ? TransactionState.NotFound : TransactionState.OutcomeUnknown, null, null, null);
        }

        var latest = await rpc.NonceAtAsync(from, BlockParameter.CreateLatest(), cancellationToken).ConfigureAwait(false);
        if (latest <= n)
        {
            return new TransactionStatus(hash, known is null ? TransactionState.NotFound : TransactionState.Pending, null, null, latest);
        }

        return await UsedNonceStatusAsync(hash, from, n, latest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The status of a transaction without a receipt whose nonce the chain shows used (mined count
    /// <paramref name="latest"/> above it): replaced when the block that used the nonce holds another transaction, else
    /// unknown (mined but not indexed, or history the node no longer has).</summary>
    internal async Task<TransactionStatus> UsedNonceStatusAsync(string hash, string from, BigInteger nonce, BigInteger latest, CancellationToken cancellationToken)
    {
        var user = await FindNonceUserAsync(from, nonce, cancellationToken).ConfigureAwait(false);
        return user is null || string.Equals(user, hash, StringComparison.OrdinalIgnoreCase)
            ? new TransactionStatus(hash, TransactionState.OutcomeUnknown, null, null, latest)
            : new TransactionStatus(hash, TransactionState.Replaced, null, user, latest);
    }

    /// <summary>Finds the transaction that used an account's nonce: a binary search for the first block whose
    /// transaction count passes it, then that block's transactions.</summary>
    private async Task<string?> FindNonceUserAsync(string from, BigInteger nonce, CancellationToken cancellationToken)
    {
        long low = 0;
        var high = await rpc.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                var count = await rpc.NonceAtAsync(from, new BlockParameter(new HexBigInteger(middle)), cancellationToken).ConfigureAwait(false);
                if (count > nonce)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            var block = await rpc.GetBlockWithTransactionsAsync(new BlockParameter(new HexBigInteger(low)), cancellationToken).ConfigureAwait(false);
            return block?.Transactions?.FirstOrDefault(tx =>
                string.Equals(tx.From, from, StringComparison.OrdinalIgnoreCase) && tx.Nonce?.Value == nonce)?.TransactionHash;
        }
        catch (Nethereum.JsonRpc.Client.RpcResponseException)
        {
            // The node has no state for old blocks (pruned): it cannot tell.
            return null;
        }
    }
}
