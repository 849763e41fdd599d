using System.Numerics;
using Nethereum.RPC.Eth.DTOs;

namespace RwaCompute.Sdk.Transactions;

/// <summary>What the chain says about one transaction.</summary>
/// <param name="Hash">The transaction hash.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Receipt">The receipt when mined (or reverted) and the node still has it.</param>
/// <param name="ReplacedBy">The transaction that took its nonce, when <see cref="TransactionState.Replaced"/>.</param>
/// <param name="AccountNonce">The account's mined transaction count at the latest block, when the account is
/// known.</param>
public sealed record TransactionStatus(string Hash, TransactionState State, TransactionReceipt? Receipt, string? ReplacedBy, BigInteger? AccountNonce)
{
    /// <summary>The block it was mined in, if mined.</summary>
    public long? BlockNumber => Receipt?.BlockNumber is { } block ? (long)block.Value : null;

    /// <summary>Whether its outcome is final (mined, reverted or replaced) rather than still open.</summary>
    public bool IsFinal => State is TransactionState.Mined or TransactionState.Reverted or TransactionState.Replaced;
}
