using System.Numerics;

namespace RwaCompute.Sdk.Transactions;

/// <summary>EIP-1559 fee caps for a transaction (wei per gas).</summary>
/// <param name="MaxFeePerGas">The most the sender pays per gas (base fee + tip).</param>
/// <param name="MaxPriorityFeePerGas">The tip to the block builder.</param>
internal sealed record FeeQuote(BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas);
