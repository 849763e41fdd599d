namespace RwaCompute.Reporter.Safety;

/// <summary>The sign guard's answer.</summary>
/// <param name="Outcome">What was decided.</param>
/// <param name="SignedDigest">The digest on record for the (pool, epoch) after the decision (<c>0x</c> and 64
/// lower-case hex digits): the caller's on <see cref="SignOutcome.FirstSignature"/> and
/// <see cref="SignOutcome.SameDigestAgain"/>, the earlier one on <see cref="SignOutcome.RefusedDifferentDigest"/>,
/// <see langword="null"/> on <see cref="SignOutcome.RefusedNoObservation"/>.</param>
public sealed record SignDecision(SignOutcome Outcome, string? SignedDigest)
{
    /// <summary>Whether the node may sign the digest it asked about.</summary>
    public bool MaySign => this.Outcome is SignOutcome.FirstSignature or SignOutcome.SameDigestAgain;
}
