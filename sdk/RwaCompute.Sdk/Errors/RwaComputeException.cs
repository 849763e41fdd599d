namespace RwaCompute.Sdk.Errors;

/// <summary>
/// Base of every error the SDK raises itself (bad input, preflight failures, manifest and signer problems,
/// transaction pipeline failures). Reverts from the contracts surface as the generated
/// <see cref="Contracts.ContractRevertException"/> subclasses instead, named after the Solidity custom error.
/// </summary>
/// <remarks>Messages never contain private keys, mnemonics or passwords.</remarks>
public abstract class RwaComputeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, for a person.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected RwaComputeException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
