namespace RwaCompute.Reporter.Safety;

/// <summary>The safety database was written by a newer schema than this code knows, or is not a reporter database.
/// The node must not run on it: it could not honour what the newer version recorded.</summary>
public sealed class SafetyStoreSchemaException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SafetyStoreSchemaException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public SafetyStoreSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public SafetyStoreSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
