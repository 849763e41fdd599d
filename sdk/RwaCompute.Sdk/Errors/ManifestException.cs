using RwaCompute.Contracts.Runtime;

namespace RwaCompute.Sdk.Errors;

/// <summary>A deployment manifest is missing, unreadable, malformed, or does not match the chain it is used
/// with.</summary>
public sealed class ManifestException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The manifest's path, when it came from a file.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ManifestException(string? path, string message, Exception? innerException = null)
        : base(path is null ? message : $"Deployment manifest {path}: {message}", innerException)
    {
        Path = path;
    }

    /// <summary>The manifest's path, when it came from a file.</summary>
    public string? Path { get; }
}
