namespace RwaCompute.Cli.Parsing;

/// <summary>A file the command creates and must not overwrite (a keystore): checked while parsing, so an existing
/// file or a missing directory is a usage error before any key is made.</summary>
internal static class NewFileText
{
    /// <summary>Checks the path: not empty, nothing there yet, in a directory that exists.</summary>
    /// <param name="text">The path.</param>
    /// <param name="option">The option.</param>
    /// <returns>The path, as given.</returns>
    /// <exception cref="CliInputException">Empty, already exists (file or directory), or its directory is missing.</exception>
    public static string Parse(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliInputException(option, $"'{text}' is empty; give the file to create.");
        }

        if (File.Exists(text) || Directory.Exists(text))
        {
            throw new CliInputException(option, $"'{text}' already exists; it is never overwritten (choose another path, or move it away first).");
        }

        string? directory;
        try
        {
            directory = Path.GetDirectoryName(Path.GetFullPath(text));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliInputException(option, $"'{text}' is not a valid path.");
        }

        return directory is null || Directory.Exists(directory)
            ? text
            : throw new CliInputException(option, $"'{text}': the directory {directory} does not exist.");
    }
}
