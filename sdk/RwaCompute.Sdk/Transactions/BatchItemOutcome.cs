namespace RwaCompute.Sdk.Transactions;

/// <summary>What happened to one call of a batch (<see cref="BatchItemResult.Outcome"/>).</summary>
public enum BatchItemOutcome
{
    /// <summary>Mined successfully: <see cref="BatchItemResult.Receipt"/> holds the receipt.</summary>
    Mined,

    /// <summary>Final failure, nothing left to resolve: the simulation reverted or the node refused the transaction
    /// (nothing was mined), it was mined reverted, or its nonce went to another transaction.
    /// <see cref="BatchItemResult.Error"/> is the same typed exception a single send throws.</summary>
    Failed,

    /// <summary>Never broadcast (the batch stopped before this call: an earlier chunk's broadcast failed, or a signer
    /// failed): sending it again is safe.</summary>
    NotSent,

    /// <summary>Signed and maybe broadcast, outcome unknown: <see cref="BatchItemResult.Error"/> is a
    /// <see cref="Errors.TransactionPossiblySentException"/> with the hash and signed bytes. Do not send it again —
    /// resolve it (docs/SDK.md, "Exactly once").</summary>
    PossiblySent,
}
