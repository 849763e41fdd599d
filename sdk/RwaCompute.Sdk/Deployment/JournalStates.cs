namespace RwaCompute.Sdk.Deployment;

/// <summary>The <see cref="JournalEntry.State"/> values.</summary>
internal static class JournalStates
{
    /// <summary>About to sign and send the step's transaction.</summary>
    public const string Intent = "intent";

    /// <summary>Signed (hash known); written before the raw transaction is broadcast.</summary>
    public const string Sent = "sent";

    /// <summary>The receipt was seen with status 1.</summary>
    public const string Done = "done";

    /// <summary>Nothing was sent: the contract was already on chain, or the role already held.</summary>
    public const string Adopted = "adopted";
}
