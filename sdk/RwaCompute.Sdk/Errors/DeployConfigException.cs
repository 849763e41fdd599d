using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Errors;

/// <summary>A deploy configuration (<c>deploy.json</c>) is missing, malformed or invalid.</summary>
public sealed class DeployConfigException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The configuration file, when it came from one.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public DeployConfigException(string? path, string message, Exception? innerException = null)
        : base(path is null ? "Deploy configuration: " + message : $"Deploy configuration {path}: {message}", innerException)
    {
        Path = path;
    }

    /// <summary>The configuration file, when it came from one.</summary>
    public string? Path { get; }
}
