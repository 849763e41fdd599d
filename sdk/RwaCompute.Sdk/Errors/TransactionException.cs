using RwaCompute.Contracts.Runtime;

namespace RwaCompute.Sdk.Errors;

/// <summary>A transaction was sent but did not end as expected (timed out, dropped, mined reverted without a
/// decodable reason).</summary>
public abstract class TransactionException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="transactionHash">The transaction.</param>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected TransactionException(string transactionHash, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        TransactionHash = transactionHash;
    }

    /// <summary>The transaction's hash.</summary>
    public string TransactionHash { get; }
}
