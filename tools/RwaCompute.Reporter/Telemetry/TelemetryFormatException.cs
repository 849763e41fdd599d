namespace RwaCompute.Reporter.Telemetry;

/// <summary>Collector output (a Prometheus exposition, a replay file) that is not in its format, with the line
/// where parsing stopped.</summary>
public sealed class TelemetryFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public TelemetryFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public TelemetryFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public TelemetryFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one line.</summary>
    /// <param name="lineNumber">The 1-based line number.</param>
    /// <param name="message">What is wrong with the line.</param>
    public TelemetryFormatException(int lineNumber, string message)
        : base($"line {lineNumber}: {message}")
    {
        this.LineNumber = lineNumber;
    }

    /// <summary>The 1-based line where parsing stopped, when known.</summary>
    public int? LineNumber { get; }
}
