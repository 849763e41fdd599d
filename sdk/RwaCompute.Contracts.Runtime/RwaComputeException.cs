namespace RwaCompute.Contracts.Runtime;

/// <summary>
/// The one root of every exception RwaCompute raises: contract reverts (<see cref="ContractRevertException"/> and
/// the typed exception generated per Solidity custom error) and the SDK's own errors (bad input, preflight
/// failures, manifest, signer and transaction pipeline failures). Catch it to handle everything the toolkit
/// throws on purpose; anything else is a bug or a framework failure.
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
