using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>A mined transaction and the value it produced (a new lot id, offer id, pledge id...).</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value (read from the transaction's events).</param>
/// <param name="TransactionHash">The hash.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="GasUsed">Gas used.</param>
public sealed record TransactionResult<T>(T Value, string TransactionHash, long BlockNumber, BigInteger GasUsed)
    : TransactionResult(TransactionHash, BlockNumber, GasUsed);
