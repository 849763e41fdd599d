using System.Numerics;

namespace RwaCompute.Sdk.Transactions;

/// <summary>A transaction the node accepted into its pool.</summary>
/// <param name="Hash">The transaction hash.</param>
/// <param name="From">The sender.</param>
/// <param name="Nonce">The sender's nonce it used.</param>
/// <param name="Call">What it calls.</param>
/// <param name="GasLimit">The gas limit it carries.</param>
/// <param name="SignedTransaction">The signed bytes as hex, kept to re-broadcast a transaction the node dropped.</param>
public sealed record SentTransaction(string Hash, string From, BigInteger Nonce, TransactionCall Call, BigInteger GasLimit, string SignedTransaction);
