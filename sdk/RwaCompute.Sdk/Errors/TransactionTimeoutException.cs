using System.Globalization;
using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>No receipt (or not enough confirmations) arrived in time. The transaction may still be mined: resolve it
/// by <see cref="TransactionException.TransactionHash"/> before re-sending (see
/// <see cref="TransactionPossiblySentException"/>).</summary>
public sealed class TransactionTimeoutException : TransactionPossiblySentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="transactionHash">The transaction.</param>
    /// <param name="from">The sending account.</param>
    /// <param name="nonce">Its nonce.</param>
    /// <param name="signedTransaction">The signed bytes as 0x hex.</param>
    /// <param name="timeout">How long was waited.</param>
    public TransactionTimeoutException(string transactionHash, string from, BigInteger nonce, string signedTransaction, TimeSpan timeout)
        : base(
            transactionHash,
            from,
            nonce,
            signedTransaction,
            PossiblySentReason.TimedOut,
            string.Create(CultureInfo.InvariantCulture, $"Transaction {transactionHash} (nonce {nonce} from {from}) had no receipt after {timeout.TotalSeconds:0.#} s; it may still be mined. Do not send it again; look it up by its hash."),
            null)
    {
        Timeout = timeout;
    }

    /// <summary>How long was waited.</summary>
    public TimeSpan Timeout { get; }
}
