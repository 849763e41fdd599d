namespace RwaCompute.CodeGen.Parsing;

/// <summary>
/// Malformed or unsupported input: bad JSON, a missing <c>abi</c>, an unknown Solidity type, a contract that cannot
/// be found. The message is one line that names the file and, when there is one, the JSON path, e.g.
/// <c>contracts/out/A.sol/A.json: $.abi[3].inputs[0].type: unknown Solidity type 'uint257'</c>; the
/// <see cref="Diagnostic"/> gives the kind of problem a stable id (<c>RWACG0111</c>).
/// </summary>
public sealed class CodeGenInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CodeGenInputException()
        : this("invalid input")
    {
    }

    /// <summary>Creates the exception with a message that names no file.</summary>
    /// <param name="message">What is wrong.</param>
    public CodeGenInputException(string message)
        : this(CodeGenDiagnostic.InvalidInput, message)
    {
    }

    /// <summary>Creates the exception with a message that names no file.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public CodeGenInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Diagnostic = CodeGenDiagnostic.InvalidInput;
        Problem = message;
    }

    /// <summary>Creates the exception with a message that names no file.</summary>
    /// <param name="diagnostic">The kind of problem.</param>
    /// <param name="message">What is wrong.</param>
    public CodeGenInputException(CodeGenDiagnostic diagnostic, string message)
        : base(message)
    {
        Diagnostic = diagnostic ?? throw new ArgumentNullException(nameof(diagnostic));
        Problem = message;
    }

    /// <summary>Creates the exception for a place in an input file.</summary>
    /// <param name="file">The input file as shown to the user.</param>
    /// <param name="jsonPath">The JSON path of the offending value (<c>$.abi[3].type</c>), or
    /// <see langword="null"/>.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public CodeGenInputException(string file, string? jsonPath, string problem, Exception? innerException = null)
        : this(CodeGenDiagnostic.InvalidInput, file, jsonPath, problem, innerException)
    {
    }

    /// <summary>Creates the exception for a place in an input file.</summary>
    /// <param name="diagnostic">The kind of problem.</param>
    /// <param name="file">The input file as shown to the user.</param>
    /// <param name="jsonPath">The JSON path of the offending value, or <see langword="null"/>.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public CodeGenInputException(CodeGenDiagnostic diagnostic, string file, string? jsonPath, string problem, Exception? innerException = null)
        : base(Format(file, jsonPath, problem), innerException)
    {
        Diagnostic = diagnostic ?? throw new ArgumentNullException(nameof(diagnostic));
        File = file;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>The kind of problem, with its stable id.</summary>
    public CodeGenDiagnostic Diagnostic { get; } = CodeGenDiagnostic.InvalidInput;

    /// <summary>The input file as shown to the user, if the problem is in a file.</summary>
    public string? File { get; }

    /// <summary>The JSON path of the offending value, if known.</summary>
    public string? JsonPath { get; }

    /// <summary>What is wrong, without the file and path.</summary>
    public string Problem { get; }

    private static string Format(string file, string? jsonPath, string problem)
    {
        var text = jsonPath is null ? $"{file}: {problem}" : $"{file}: {jsonPath}: {problem}";

        // One line, whatever the underlying message held.
        return text.ReplaceLineEndings(" ");
    }
}
