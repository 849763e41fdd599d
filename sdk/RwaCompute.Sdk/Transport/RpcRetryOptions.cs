namespace RwaCompute.Sdk.Transport;

/// <summary>
/// How the default HTTP transport retries: only idempotent JSON-RPC reads (<c>eth_call</c>, <c>eth_getLogs</c>,
/// receipts, blocks, nonces, gas estimates...) are retried, with exponential back-off and jitter, after a 429, a 5xx, a
/// 408, a per-attempt timeout or a connection failure. A send (<c>eth_sendRawTransaction</c>) is never retried by the
/// transport: the SDK resolves an ambiguous broadcast itself, re-sending only the same signed bytes.
/// </summary>
public sealed record RpcRetryOptions
{
    /// <summary>Retries after the first attempt (0 turns retrying off).</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>The first back-off; it doubles per attempt (with jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (MaxRetryAttempts is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAttempts), MaxRetryAttempts, "must be between 0 and 10");
        }

        if (BaseDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "must be positive");
        }
    }
}
