namespace RwaCompute.Cli;

/// <summary>A command-line value the CLI itself rejected: exit code <see cref="ExitCodes.BadInput"/>, nothing sent.
/// The text parsers of Parsing/ throw it for a malformed amount, duration, id…, and <c>CustomParsers</c> turns it into a
/// parse error; a command throws it for what it can only see when it runs (an unreadable file, nothing to do).</summary>
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
