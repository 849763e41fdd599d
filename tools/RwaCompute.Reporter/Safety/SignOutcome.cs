namespace RwaCompute.Reporter.Safety;

/// <summary>What the sign guard decided for one (pool, epoch, digest).</summary>
public enum SignOutcome
{
    /// <summary>Nothing was signed for this (pool, epoch) yet; the digest is now on record: sign it.</summary>
    FirstSignature,

    /// <summary>This very digest was already signed (a retry, a restart): signing it again is harmless.</summary>
    SameDigestAgain,

    /// <summary>A different digest was signed for this (pool, epoch): signing would be a double sign. Refused.</summary>
    RefusedDifferentDigest,

    /// <summary>No observation of this (pool, epoch) was persisted: a node signs only what it recorded first. Refused.</summary>
    RefusedNoObservation,
}
