namespace RwaCompute.Sdk.IntegrationTests.Containers;

/// <summary>
/// Docker is not reachable, so the container tests cannot run. Thrown from the collection fixture, it FAILS every
/// test of <see cref="ContainerTestGroup"/> (in CI and locally) instead of letting them skip silently.
/// </summary>
public sealed class DockerUnreachableException : Exception
{
    /// <summary>Creates the exception with the standard explanation around <paramref name="reason"/>.</summary>
    /// <param name="reason">What went wrong (socket missing, connection refused, API version rejected, ...).</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DockerUnreachableException(string reason, Exception? innerException)
        : base(Compose(reason), innerException)
    {
    }

    /// <summary>Creates the exception with the standard explanation and no specific reason.</summary>
    public DockerUnreachableException()
        : this("no details", null)
    {
    }

    /// <summary>Creates the exception with the standard explanation around <paramref name="message"/>.</summary>
    /// <param name="message">What went wrong.</param>
    public DockerUnreachableException(string message)
        : this(message, null)
    {
    }

    private static string Compose(string reason) =>
        $"Docker is unreachable, so the Testcontainers tests cannot run: {reason}. " +
        $"Settings seen by the test process: {DockerEnvironment.Describe()}. {DockerEnvironment.HowToStart}";
}
