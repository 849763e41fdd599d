using Microsoft.Extensions.Logging;

namespace RwaCompute.Benchmarks;

/// <summary>--log: the SDK's log lines (nonce rejections, re-broadcasts) on stderr, Information and above.</summary>
internal sealed class StderrLogger : ILogger
{
    public static StderrLogger Instance { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            Console.Error.WriteLine($"[{logLevel}] {formatter(state, exception)}");
        }
    }
}
