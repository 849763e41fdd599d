using System.Numerics;

namespace RwaCompute.Sdk.Transactions;

/// <summary>A signed transaction as a <see cref="ITransactionJournal"/> records it before the broadcast.</summary>
/// <param name="ChainId">The chain it is signed for.</param>
/// <param name="Hash">Its hash (known before the broadcast).</param>
/// <param name="From">The sender.</param>
/// <param name="Nonce">Its nonce.</param>
/// <param name="To">The contract called.</param>
/// <param name="Data">The calldata as 0x hex.</param>
/// <param name="Value">Wei sent along.</param>
/// <param name="GasLimit">Its gas limit.</param>
/// <param name="SignedTransaction">The signed bytes as 0x hex (re-broadcasting them is safe).</param>
/// <param name="Description">What it does.</param>
/// <param name="RecordedAt">When it was signed.</param>
public sealed record JournaledTransaction(
    long ChainId,
    string Hash,
    string From,
    BigInteger Nonce,
    string To,
    string Data,
    BigInteger Value,
    BigInteger GasLimit,
    string SignedTransaction,
    string Description,
    DateTimeOffset RecordedAt)
{
    /// <summary>Whether its receipt was seen successful (kept until the journal's operation completes, so a re-run
    /// does not send it again).</summary>
    public bool Mined { get; init; }

    /// <summary>The 4-byte function selector of <see cref="Data"/> (0x + 8 hex digits), or the data when shorter.</summary>
    public string Selector => Data.Length >= 10 ? Data[..10].ToLowerInvariant() : Data.ToLowerInvariant();
}
