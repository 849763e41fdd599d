namespace RwaCompute.Sdk.Errors;

/// <summary>No receipt (or not enough confirmations) arrived in time. The transaction may still be mined: look it up
/// by <see cref="TransactionException.TransactionHash"/> before re-sending.</summary>
public sealed class TransactionTimeoutException : TransactionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="transactionHash">The transaction.</param>
    /// <param name="timeout">How long was waited.</param>
    public TransactionTimeoutException(string transactionHash, TimeSpan timeout)
        : base(transactionHash, $"Transaction {transactionHash} had no receipt after {timeout.TotalSeconds:0.#} s; it may still be mined.")
    {
        Timeout = timeout;
    }

    /// <summary>How long was waited.</summary>
    public TimeSpan Timeout { get; }
}
