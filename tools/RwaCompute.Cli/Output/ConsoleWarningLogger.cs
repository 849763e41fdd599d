using Microsoft.Extensions.Logging;

namespace RwaCompute.Cli.Output;

/// <summary>
/// Hands the SDK's warnings (a torn journal line, a dropped transaction sent again) to the user as
/// <c>warning: …</c> lines on stderr. Informational messages are left out: the command's own progress lines say the
/// same for people.
/// </summary>
/// <typeparam name="T">The category (the SDK type that logs).</typeparam>
internal sealed class ConsoleWarningLogger<T> : ILogger<T>
{
    private readonly CliConsole console;

    public ConsoleWarningLogger(CliConsole console) => this.console = console;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            console.Warning(formatter(state, exception).ReplaceLineEndings(" ").Trim());
        }
    }
}
