namespace RwaCompute.Sdk.Errors;

/// <summary>Why a signed transaction's outcome is not known to the caller.</summary>
public enum PossiblySentReason
{
    /// <summary>The connection failed while the transaction was being broadcast: the node may have accepted it.</summary>
    BroadcastFailed,

    /// <summary>The caller cancelled after the broadcast started (for example Ctrl+C while a receipt was awaited).</summary>
    Cancelled,

    /// <summary>The node stopped answering while the receipt was awaited.</summary>
    NodeUnavailable,

    /// <summary>No receipt (or not enough confirmations) arrived within the receipt timeout.</summary>
    TimedOut,

    /// <summary>The account's nonce shows the nonce used but the node can tell neither the receipt nor which
    /// transaction used it (history the node no longer has).</summary>
    OutcomeUnknown,
}
