using RwaCompute.Contracts.Runtime;

namespace RwaCompute.Sdk.Errors;

/// <summary>The SDK's configuration (<c>RwaCompute</c> options) is invalid; <see cref="Failures"/> names each bad
/// setting. Raised before anything connects.</summary>
public sealed class RwaComputeConfigurationException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failures">One message per bad setting.</param>
    /// <param name="innerException">The options validation failure.</param>
    public RwaComputeConfigurationException(IReadOnlyList<string> failures, Exception? innerException = null)
        : base("Invalid RwaCompute configuration: " + string.Join(" ", failures ?? []), innerException)
    {
        Failures = failures ?? [];
    }

    /// <summary>One message per bad setting.</summary>
    public IReadOnlyList<string> Failures { get; }
}
