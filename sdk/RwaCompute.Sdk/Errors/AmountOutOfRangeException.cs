using System.Numerics;

namespace RwaCompute.Sdk.Errors;

/// <summary>A number is negative, zero where a positive one is required, or too large for the Solidity type the
/// contract stores it in (for example units above <c>uint64</c> or a price above <c>uint96</c>).</summary>
public sealed class AmountOutOfRangeException : InputValidationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="parameterName">The offending parameter.</param>
    /// <param name="value">The value given.</param>
    /// <param name="minimum">The smallest allowed value.</param>
    /// <param name="maximum">The largest allowed value.</param>
    /// <param name="solidityType">The Solidity type behind the limit (for example <c>uint64</c>).</param>
    public AmountOutOfRangeException(string parameterName, BigInteger value, BigInteger minimum, BigInteger maximum, string solidityType)
        : base(parameterName, $"{value} is outside [{minimum}, {maximum}] ({solidityType}).")
    {
        Value = value;
        Minimum = minimum;
        Maximum = maximum;
        SolidityType = solidityType;
    }

    /// <summary>The rejected value.</summary>
    public BigInteger Value { get; }

    /// <summary>The smallest allowed value.</summary>
    public BigInteger Minimum { get; }

    /// <summary>The largest allowed value.</summary>
    public BigInteger Maximum { get; }

    /// <summary>The Solidity type behind the limit.</summary>
    public string SolidityType { get; }
}
