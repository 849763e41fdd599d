namespace RwaCompute.Sdk.Deployment;

/// <summary>One line of the deployment journal (<c>&lt;chainId&gt;.journal.jsonl</c>).</summary>
internal sealed record JournalEntry
{
    /// <summary>When the line was written.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The step (see <see cref="DeploymentStep.Name"/>).</summary>
    public string Step { get; init; } = string.Empty;

    /// <summary><c>intent</c>, <c>sent</c>, <c>done</c> or <c>adopted</c> (see <see cref="JournalStates"/>).</summary>
    public string State { get; init; } = string.Empty;

    /// <summary>The CREATE2 address of a contract step.</summary>
    public string? PredictedAddress { get; init; }

    /// <summary>The signed transaction's hash (known before it is broadcast).</summary>
    public string? TxHash { get; init; }

    /// <summary>The block of the receipt (<c>done</c> lines).</summary>
    public long? Block { get; init; }
}
