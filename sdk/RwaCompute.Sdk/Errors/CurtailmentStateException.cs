using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>An interruptible lot's state or the chain's time refuses the operation now: a declaration for a lot that
/// exists or whose window started, a pool without a live interruptible lot or without a fresh report newer than its
/// checkpoint, a finalization before the window's end (or, without a report past it, before the grace), a claim
/// before finalization or while the lot's units can still move, nothing to claim. Nothing was sent; the operation may
/// succeed later or never.</summary>
public sealed class CurtailmentStateException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="lotId">The lot (0 when the operation names a pool).</param>
    /// <param name="message">Why the operation is refused now.</param>
    /// <param name="innerException">The module's typed revert the simulation returned, if that is how it was found.</param>
    public CurtailmentStateException(BigInteger lotId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        LotId = lotId;
    }

    /// <summary>The lot, or 0 when the operation names a pool.</summary>
    public BigInteger LotId { get; }
}
