using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>A transaction can never be mined: its nonce was used by another transaction of the same account (seen in
/// the block that used the nonce, not guessed from a missing receipt). Check what the other transaction did before
/// sending again.</summary>
public sealed class TransactionDroppedException : TransactionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="transactionHash">The dropped transaction.</param>
    /// <param name="nonce">Its nonce.</param>
    /// <param name="innerException">The node's rejection of the re-broadcast, if any.</param>
    /// <param name="replacedBy">The transaction that used the nonce, if known.</param>
    public TransactionDroppedException(string transactionHash, BigInteger nonce, Exception? innerException = null, string? replacedBy = null)
        : base(transactionHash, $"Transaction {transactionHash} was dropped and its nonce {nonce} was used by {replacedBy ?? "another transaction"}; it will not be mined.", innerException)
    {
        Nonce = nonce;
        ReplacedBy = replacedBy;
    }

    /// <summary>The transaction that used the nonce, if known.</summary>
    public string? ReplacedBy { get; }

    /// <summary>The nonce it had.</summary>
    public BigInteger Nonce { get; }
}
