using RwaCompute.Contracts.Runtime;

namespace RwaCompute.Sdk.Errors;

/// <summary>A signed order's JSON is malformed or inconsistent (a field missing or out of range, a hash that is not the
/// order's digest).</summary>
public sealed class OrderFormatException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">Where the JSON came from (a file path), if known.</param>
    /// <param name="message">What is wrong, naming the field.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public OrderFormatException(string? path, string message, Exception? innerException = null)
        : base(path is null ? $"Signed order: {message}" : $"Signed order {path}: {message}", innerException)
    {
        Path = path;
    }

    /// <summary>Where the JSON came from, if known.</summary>
    public string? Path { get; }
}
