namespace RwaCompute.Sdk.Errors;

/// <summary>A value is not a valid 20-byte hex address, has a wrong EIP-55 checksum, or is the zero address where
/// that is not allowed.</summary>
public sealed class InvalidAddressException : InputValidationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="parameterName">The offending parameter.</param>
    /// <param name="value">The value given (an address is public, so it may be echoed).</param>
    /// <param name="reason">Why it was rejected.</param>
    public InvalidAddressException(string parameterName, string? value, string reason)
        : base(parameterName, $"'{Shorten(value)}' is not a valid address: {reason}.")
    {
        Value = value;
    }

    /// <summary>The rejected value.</summary>
    public string? Value { get; }

    private static string Shorten(string? value) =>
        value is null ? "null" : value.Length <= 64 ? value : value[..64] + "…";
}
