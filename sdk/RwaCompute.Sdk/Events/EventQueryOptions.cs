namespace RwaCompute.Sdk.Events;

/// <summary>How event queries split a range for the node.</summary>
public sealed record EventQueryOptions
{
    /// <summary>Blocks per <c>eth_getLogs</c> request at first. Providers cap ranges (often 2,000–10,000 blocks) or
    /// result counts; on such an error the chunk is halved and retried.</summary>
    public int BlockChunkSize { get; init; } = 5_000;

    /// <summary>The smallest chunk before giving up and rethrowing the node's error.</summary>
    public int MinimumChunkSize { get; init; } = 1;
}
