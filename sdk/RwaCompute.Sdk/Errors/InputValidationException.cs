using RwaCompute.Contracts.Runtime;

namespace RwaCompute.Sdk.Errors;

/// <summary>An argument was rejected before anything was sent: a malformed address, a negative amount, a value
/// that does not fit its Solidity type, a bad identifier.</summary>
public class InputValidationException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="parameterName">The offending parameter.</param>
    /// <param name="message">What is wrong with it.</param>
    public InputValidationException(string parameterName, string message)
        : base($"{parameterName}: {message}")
    {
        ParameterName = parameterName;
    }

    /// <summary>The offending parameter's name.</summary>
    public string ParameterName { get; }
}
