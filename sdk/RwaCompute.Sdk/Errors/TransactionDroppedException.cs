using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>The node dropped a transaction and its nonce has since been used by another transaction of the same
/// account, so it can never be mined. Check what the other transaction did before sending again.</summary>
public sealed class TransactionDroppedException : TransactionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="transactionHash">The dropped transaction.</param>
    /// <param name="nonce">Its nonce.</param>
    /// <param name="innerException">The node's rejection of the re-broadcast.</param>
    public TransactionDroppedException(string transactionHash, BigInteger nonce, Exception? innerException = null)
        : base(transactionHash, $"Transaction {transactionHash} was dropped and its nonce {nonce} was used by another transaction; it will not be mined.", innerException)
    {
        Nonce = nonce;
    }

    /// <summary>The nonce it had.</summary>
    public BigInteger Nonce { get; }
}
