namespace RwaCompute.Cli;

/// <summary>A command-line value the CLI itself rejected (amount, duration, id, file): exit code
/// <see cref="ExitCodes.BadInput"/>, nothing sent.</summary>
public sealed class CliInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="option">The option or argument (for example <c>--amount</c>).</param>
    /// <param name="message">What is wrong with it.</param>
    public CliInputException(string option, string message)
        : base($"{option}: {message}")
    {
        Option = option;
    }

    /// <summary>The option or argument.</summary>
    public string Option { get; }
}
