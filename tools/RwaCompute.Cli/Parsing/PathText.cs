namespace RwaCompute.Cli.Parsing;

/// <summary>File paths on the command line.</summary>
internal static class PathText
{
    /// <summary>Checks that a file exists (the command reads it later).</summary>
    /// <param name="text">The path.</param>
    /// <param name="option">The option or argument.</param>
    /// <returns>The path, as given.</returns>
    /// <exception cref="CliInputException">Empty, or no such file.</exception>
    public static string ExistingFile(string? text, string option) =>
        !string.IsNullOrWhiteSpace(text) && File.Exists(text) ? text : throw new CliInputException(option, $"'{text}' not found.");
}
