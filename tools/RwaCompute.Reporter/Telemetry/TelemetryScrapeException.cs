namespace RwaCompute.Reporter.Telemetry;

/// <summary>A collector could not be read: the process failed or timed out, the exporter did not answer, or its
/// output was not in its format.</summary>
public sealed class TelemetryScrapeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TelemetryScrapeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    public TelemetryScrapeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying failure.</param>
    public TelemetryScrapeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
