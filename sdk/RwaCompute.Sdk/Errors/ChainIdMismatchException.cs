namespace RwaCompute.Sdk.Errors;

/// <summary>The RPC endpoint serves another chain than the deployment manifest (or the caller) expects.</summary>
public sealed class ChainIdMismatchException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="expected">The chain id expected (from the manifest).</param>
    /// <param name="actual">The chain id the endpoint reports.</param>
    public ChainIdMismatchException(long expected, long actual)
        : base($"Chain id mismatch: the manifest is for chain {expected}, but the RPC endpoint serves chain {actual}.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The chain id expected.</summary>
    public long Expected { get; }

    /// <summary>The chain id the endpoint reports.</summary>
    public long Actual { get; }
}
