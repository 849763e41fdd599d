namespace RwaCompute.Reporter.Configuration;

/// <summary>The recording a replay source reads.</summary>
public sealed class ReplayOptions
{
    /// <summary>Path of the JSON Lines recording.</summary>
    public string Path { get; set; } = string.Empty;
}
