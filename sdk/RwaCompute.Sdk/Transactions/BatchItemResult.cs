using Nethereum.RPC.Eth.DTOs;

namespace RwaCompute.Sdk.Transactions;

/// <summary>The result of one call of a batch, at the call's position.</summary>
/// <param name="Index">The call's position in the batch.</param>
/// <param name="Call">The call.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Transaction">The signed transaction, once there was one (its hash, nonce and bytes).</param>
/// <param name="Receipt">The successful receipt (<see cref="BatchItemOutcome.Mined"/>), or the reverted one.</param>
/// <param name="Error">Why it did not succeed: the typed exception a single send would have thrown.</param>
public sealed record BatchItemResult(int Index, TransactionCall Call, BatchItemOutcome Outcome, SentTransaction? Transaction, TransactionReceipt? Receipt, Exception? Error)
{
    /// <summary>Whether the call was mined successfully.</summary>
    public bool Succeeded => Outcome == BatchItemOutcome.Mined;
}
