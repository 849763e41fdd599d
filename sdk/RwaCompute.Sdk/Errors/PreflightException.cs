using RwaCompute.Contracts.Runtime;

namespace RwaCompute.Sdk.Errors;

/// <summary>A check against the chain's current state failed before sending (wrong chain, unknown or expired lot,
/// a transfer the compliance rules refuse); nothing was sent.</summary>
public abstract class PreflightException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected PreflightException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
