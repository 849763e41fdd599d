namespace RwaCompute.Reporter.Configuration;

/// <summary>How to run nvidia-smi.</summary>
public sealed class NvidiaSmiOptions
{
    /// <summary>The nvidia-smi program: a path, or a name looked up on PATH.</summary>
    public string ExecutablePath { get; set; } = "nvidia-smi";

    /// <summary>The time zone the host prints nvidia-smi timestamps in (an IANA or Windows id); UTC by default.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How long one run may take before it is killed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The host name stamped on samples (nvidia-smi does not print it); none when empty.</summary>
    public string? Hostname { get; set; }
}
