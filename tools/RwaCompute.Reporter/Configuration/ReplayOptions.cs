namespace RwaCompute.Reporter.Configuration;

/// <summary>The recording a replay source reads.</summary>
public sealed class ReplayOptions
{
    /// <summary>Path of the JSON Lines recording.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Shift every sample so that the recording starts when the node starts (a demo or a devnet replays a
    /// capture as if it were live); <see langword="false"/> replays the recorded timestamps.</summary>
    public bool ShiftToNow { get; set; }
}
