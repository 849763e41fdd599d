using System.Text.Json.Serialization.Metadata;
using RwaCompute.Cli.Output.Views;
using Spectre.Console;

namespace RwaCompute.Cli.Output;

/// <summary>
/// Where a command writes: tables and progress for people (Spectre.Console, with colours and live status only on an
/// interactive terminal without <c>NO_COLOR</c>), machine JSON on stdout with <c>--json</c> (progress then goes to
/// stderr, so stdout parses), and error lines on stderr.
/// </summary>
internal sealed class CliConsole
{
    private const int RedirectedWidth = 200;

    public CliConsole(TextWriter stdout, TextWriter stderr, bool json, bool verbose)
    {
        Stdout = stdout;
        Stderr = stderr;
        Json = json;
        Verbose = verbose;
        Interactive = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && !NoColor() && !json;
        Out = Create(stdout, Interactive);
        Progress = json ? Create(stderr, interactive: false) : Out;
        ProgressWriter = json ? stderr : stdout;
    }

    /// <summary>The standard output.</summary>
    public TextWriter Stdout { get; }

    /// <summary>The standard error.</summary>
    public TextWriter Stderr { get; }

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool Json { get; }

    /// <summary>Whether <c>--verbose</c> was given.</summary>
    public bool Verbose { get; }

    /// <summary>Whether stdout is a terminal that gets colours and live displays.</summary>
    public bool Interactive { get; }

    /// <summary>Tables and text for people.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Progress display (stderr with <c>--json</c>).</summary>
    public IAnsiConsole Progress { get; }

    /// <summary>Plain progress lines (stderr with <c>--json</c>).</summary>
    public TextWriter ProgressWriter { get; }

    /// <summary>Writes a value as indented JSON on stdout.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="typeInfo">Its source-generated metadata.</param>
    public void WriteJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        Stdout.WriteLine(System.Text.Json.JsonSerializer.Serialize(value, typeInfo));
        Stdout.Flush();
    }

    /// <summary>Writes a plain line for people (no markup interpretation).</summary>
    /// <param name="text">The text.</param>
    public void Line(string text = "") => Out.WriteLine(text);

    /// <summary>Writes a progress line (plain text; stderr with <c>--json</c>).</summary>
    /// <param name="text">The text.</param>
    public void ProgressLine(string text)
    {
        ProgressWriter.WriteLine(text);
        ProgressWriter.Flush();
    }

    /// <summary>Writes the one error line.</summary>
    /// <param name="message">The message.</param>
    public void Error(string message)
    {
        Stderr.WriteLine("error: " + message);
        Stderr.Flush();
    }

    /// <summary>With <c>--json</c>, writes a failure as <c>{"error":{…}}</c> on stdout (after the <c>error:</c> line
    /// on stderr), so a script that parses stdout sees a JSON object whatever happened.</summary>
    /// <param name="code">The exit code.</param>
    /// <param name="message">The message of the error line.</param>
    /// <param name="transactionHash">The unconfirmed transaction, if the failure names one.</param>
    public void ErrorJson(int code, string message, string? transactionHash = null) =>
        WriteJson(new ErrorView(new ErrorDetailView(code, ExitCodes.NameOf(code), message, transactionHash)), CliJsonContext.Default.ErrorView);

    /// <summary>Writes a warning line on stderr (a deprecated spelling).</summary>
    /// <param name="message">The message.</param>
    public void Warning(string message)
    {
        Stderr.WriteLine("warning: " + message);
        Stderr.Flush();
    }

    private static bool NoColor() => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive)
        {
            // Redirected output is read by programs and logs: no wrapping at 80 columns.
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
