namespace RwaCompute.Cli.Parsing;

/// <summary>File paths on the command line, checked while parsing so that a path of the wrong kind is a usage error
/// (exit 2, one line) before anything connects or is sent, rather than an I/O failure half-way through.</summary>
internal static class PathText
{
    /// <summary>Checks that a file exists (the command reads it later).</summary>
    /// <param name="text">The path.</param>
    /// <param name="option">The option or argument.</param>
    /// <returns>The path, as given.</returns>
    /// <exception cref="CliInputException">Empty, or no such file.</exception>
    public static string ExistingFile(string? text, string option) =>
        !string.IsNullOrWhiteSpace(text) && System.IO.File.Exists(text) ? text : throw new CliInputException(option, $"'{text}' not found.");

    /// <summary>Checks a directory the command reads and writes (created when missing): not empty, not a file.</summary>
    /// <param name="text">The path.</param>
    /// <param name="option">The option.</param>
    /// <returns>The path, as given.</returns>
    /// <exception cref="CliInputException">Empty, or an existing file.</exception>
    public static string Directory(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliInputException(option, $"'{text}' is empty; give a directory.");
        }

        return System.IO.File.Exists(text) ? throw new CliInputException(option, $"'{text}' is a file, not a directory.") : text;
    }

    /// <summary>Checks a file the command reads or writes: not empty, not a directory.</summary>
    /// <param name="text">The path.</param>
    /// <param name="option">The option.</param>
    /// <returns>The path, as given.</returns>
    /// <exception cref="CliInputException">Empty, or an existing directory.</exception>
    public static string File(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliInputException(option, $"'{text}' is empty; give a file.");
        }

        return System.IO.Directory.Exists(text) ? throw new CliInputException(option, $"'{text}' is a directory, not a file.") : text;
    }

    /// <summary>Checks a file the command writes: <see cref="File"/>, and its directory exists.</summary>
    /// <param name="text">The path.</param>
    /// <param name="option">The option.</param>
    /// <returns>The path, as given.</returns>
    /// <exception cref="CliInputException">Empty, an existing directory, or in a directory that does not exist.</exception>
    public static string OutputFile(string? text, string option)
    {
        var path = File(text, option);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        return directory is null || System.IO.Directory.Exists(directory)
            ? path
            : throw new CliInputException(option, $"'{text}': the directory {directory} does not exist.");
    }
}
