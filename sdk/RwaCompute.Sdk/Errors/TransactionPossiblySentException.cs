using System.Globalization;
using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>
/// A transaction was signed and may be on its way to the chain, but its outcome is not known: the broadcast's
/// connection failed, the caller cancelled while the receipt was awaited, the node went away, or the wait timed out.
/// <para>Do <b>not</b> send the operation again: it could happen twice. Resolve this attempt instead —
/// <c>TransactionSender.GetStatusAsync</c> tells mined, pending, unknown to the node (re-broadcast
/// <see cref="SignedTransaction"/>: the same bytes can only be mined once) or replaced (its nonce went to another
/// transaction, so it never will be mined). With a <c>TransactionOptions.Journal</c> the next send of the same call
/// resolves it automatically; the CLI does (<c>rwa tx status</c>).</para>
/// </summary>
public class TransactionPossiblySentException : TransactionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="transactionHash">The signed transaction's hash.</param>
    /// <param name="from">The sending account.</param>
    /// <param name="nonce">The nonce it carries.</param>
    /// <param name="signedTransaction">The signed bytes as 0x hex (re-broadcasting them is safe).</param>
    /// <param name="reason">Why the outcome is unknown.</param>
    /// <param name="innerException">The cause.</param>
    public TransactionPossiblySentException(string transactionHash, string from, BigInteger nonce, string signedTransaction, PossiblySentReason reason, Exception? innerException = null)
        : this(transactionHash, from, nonce, signedTransaction, reason, DefaultMessage(transactionHash, from, nonce, reason, innerException), innerException)
    {
    }

    /// <summary>Creates the exception with a specific message.</summary>
    /// <param name="transactionHash">The signed transaction's hash.</param>
    /// <param name="from">The sending account.</param>
    /// <param name="nonce">The nonce it carries.</param>
    /// <param name="signedTransaction">The signed bytes as 0x hex.</param>
    /// <param name="reason">Why the outcome is unknown.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    protected TransactionPossiblySentException(string transactionHash, string from, BigInteger nonce, string signedTransaction, PossiblySentReason reason, string message, Exception? innerException)
        : base(transactionHash, message, innerException)
    {
        From = from;
        Nonce = nonce;
        SignedTransaction = signedTransaction;
        Reason = reason;
    }

    /// <summary>The sending account.</summary>
    public string From { get; }

    /// <summary>The nonce the transaction carries.</summary>
    public BigInteger Nonce { get; }

    /// <summary>The signed bytes as 0x hex; re-broadcasting them can never make the operation happen twice.</summary>
    public string SignedTransaction { get; }

    /// <summary>Why the outcome is unknown.</summary>
    public PossiblySentReason Reason { get; }

    private static string DefaultMessage(string hash, string from, BigInteger nonce, PossiblySentReason reason, Exception? inner)
    {
        var why = reason switch
        {
            PossiblySentReason.BroadcastFailed => "the connection failed during the broadcast",
            PossiblySentReason.Cancelled => "cancelled after it was broadcast",
            PossiblySentReason.NodeUnavailable => "the node stopped answering while the receipt was awaited",
            PossiblySentReason.TimedOut => "no receipt arrived in time",
            _ => "its nonce is used but the node cannot tell by which transaction",
        };
        var detail = inner is null || reason == PossiblySentReason.Cancelled ? string.Empty : $" ({inner.GetBaseException().Message})";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Transaction {hash} (nonce {nonce} from {from}) may have been sent: {why}{detail}. Do not send it again; look it up by its hash — it may still be mined.");
    }
}
