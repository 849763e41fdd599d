using System.Numerics;

namespace RwaCompute.Sdk.Transactions;

/// <summary>One call of a batch on its way out: its nonce lease, gas limit and (once signed) transaction.</summary>
/// <param name="Index">The call's position in the batch.</param>
/// <param name="Call">The call.</param>
/// <param name="GasLimit">Its gas limit.</param>
/// <param name="Lease">Its nonce.</param>
internal sealed record BatchItem(int Index, TransactionCall Call, BigInteger GasLimit, NonceLease Lease)
{
    /// <summary>The signed transaction (set by the signing stage; re-signed after a fee refusal).</summary>
    public SentTransaction? Sent { get; set; }
}
