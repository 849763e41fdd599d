namespace RwaCompute.Reporter.Safety;

/// <summary>An observation for an epoch earlier than the pool's latest persisted one: cumulative totals only move
/// forward, so a skipped epoch cannot be filled in later.</summary>
public sealed class ObservationOutOfOrderException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ObservationOutOfOrderException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused.</param>
    public ObservationOutOfOrderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ObservationOutOfOrderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
