namespace RwaCompute.Sdk.Transactions;

/// <summary>Where a signed transaction stands on the chain.</summary>
public enum TransactionState
{
    /// <summary>Mined and succeeded.</summary>
    Mined,

    /// <summary>Mined and reverted (its effects did not happen; its nonce is used).</summary>
    Reverted,

    /// <summary>In the node's pool, not mined yet.</summary>
    Pending,

    /// <summary>Unknown to the node and its nonce still free: dropped, or never arrived. Re-broadcasting the same
    /// signed bytes is safe.</summary>
    NotFound,

    /// <summary>Its nonce was used by another transaction of the account: it will never be mined.</summary>
    Replaced,

    /// <summary>Its nonce is used but the node cannot tell by which transaction (pruned history, a node that lost its
    /// receipts). Treat as possibly mined; do not send the operation again.</summary>
    OutcomeUnknown,
}
