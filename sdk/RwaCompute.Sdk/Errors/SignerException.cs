using RwaCompute.Contracts.Runtime;

namespace RwaCompute.Sdk.Errors;

/// <summary>A signer could not be created: a malformed key or mnemonic, a wrong keystore password, a missing
/// environment variable or file. The message names the source (variable name, file path), never the secret.</summary>
public sealed class SignerException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong (without the secret).</param>
    /// <param name="innerException">The cause, if any (must not carry the secret in its message).</param>
    public SignerException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
