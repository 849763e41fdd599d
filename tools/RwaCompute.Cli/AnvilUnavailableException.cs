namespace RwaCompute.Cli;

/// <summary>anvil could not be started: not installed, or its port is taken (exit code
/// <see cref="ExitCodes.PreflightRefused"/>).</summary>
public sealed class AnvilUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public AnvilUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
