using System.Numerics;

namespace RwaCompute.Sdk.Wallets;

/// <summary>
/// An EIP-1559 (type 2) transaction to sign offline with <see cref="RwaSigner.SignTransaction"/>. All amounts are in wei.
/// </summary>
/// <param name="ChainId">The chain id (EIP-155 replay protection); positive.</param>
/// <param name="Nonce">The sender's nonce; non-negative.</param>
/// <param name="MaxPriorityFeePerGas">The tip per gas paid to the block producer; non-negative and at most <paramref name="MaxFeePerGas"/>.</param>
/// <param name="MaxFeePerGas">The most the sender pays per gas (base fee plus tip); non-negative.</param>
/// <param name="GasLimit">The gas limit; positive.</param>
/// <param name="To">The recipient address (0x + 40 hex digits), or <see langword="null"/> to create a contract.</param>
/// <param name="Value">The wei sent along; non-negative.</param>
/// <param name="Data">The call data or init code as hex (<c>"0x"</c> or empty for none).</param>
/// <example>
/// <code>
/// var request = new Eip1559TransactionRequest(31337, nonce, 1_000_000_000, 30_000_000_000, 21_000,
///     "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", BigInteger.Pow(10, 18), "0x");
/// string raw = signer.SignTransaction(request); // send with eth_sendRawTransaction
/// </code>
/// </example>
public sealed record Eip1559TransactionRequest(
    BigInteger ChainId,
    BigInteger Nonce,
    BigInteger MaxPriorityFeePerGas,
    BigInteger MaxFeePerGas,
    BigInteger GasLimit,
    string? To,
    BigInteger Value,
    string Data);
