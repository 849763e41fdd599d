namespace RwaCompute.Reporter.Configuration;

/// <summary>Where a reporter reads its GPUs from.</summary>
public enum TelemetrySourceKind
{
    /// <summary>Runs nvidia-smi on the host every sampling interval.</summary>
    NvidiaSmi,

    /// <summary>Scrapes dcgm-exporter's Prometheus endpoint every sampling interval (adds the energy counter).</summary>
    DcgmExporter,

    /// <summary>Replays a recorded JSON Lines file (tests and demos).</summary>
    Replay,
}
