namespace RwaCompute.Reporter.Telemetry.Dcgm;

/// <summary>The dcgm-exporter metrics and labels the reporter reads (dcgm-exporter's default counters file exports
/// all three metrics).</summary>
public static class DcgmFields
{
    /// <summary>GPU utilization, percent (gauge).</summary>
    public const string GpuUtilization = "DCGM_FI_DEV_GPU_UTIL";

    /// <summary>Power draw, watts (gauge).</summary>
    public const string PowerUsage = "DCGM_FI_DEV_POWER_USAGE";

    /// <summary>Energy since the driver loaded, millijoules (counter; starts again at zero after a reboot).</summary>
    public const string TotalEnergyConsumption = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION";

    /// <summary>Label: the GPU's UUID, the identity a pool is configured with.</summary>
    public const string UuidLabel = "UUID";

    /// <summary>Label: the GPU's index on the host.</summary>
    public const string GpuLabel = "gpu";

    /// <summary>Label: the device node (<c>nvidia0</c>); informational.</summary>
    public const string DeviceLabel = "device";

    /// <summary>Label: the GPU's model.</summary>
    public const string ModelNameLabel = "modelName";

    /// <summary>Label: the host name.</summary>
    public const string HostnameLabel = "Hostname";

    /// <summary>Label of a MIG instance's series; such series describe a slice, not the whole GPU, and are ignored.</summary>
    public const string MigInstanceLabel = "GPU_I_ID";
}
