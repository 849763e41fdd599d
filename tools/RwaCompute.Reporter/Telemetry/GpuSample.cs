namespace RwaCompute.Reporter.Telemetry;

/// <summary>
/// One reading of one GPU at one instant, whatever source it came from. A field the GPU or the source could not
/// provide (nvidia-smi's <c>[N/A]</c>, a metric the exporter does not export, a NaN) is <see langword="null"/>:
/// the observation calculator never reads a missing value as zero.
/// </summary>
/// <param name="Timestamp">When the reading was taken (the source's clock; nvidia-smi's own timestamp, a Prometheus
/// sample's timestamp, else the scrape time).</param>
/// <param name="GpuUuid">The GPU's UUID (<c>GPU-…</c>), the identity pools are configured with.</param>
/// <param name="GpuIndex">The GPU's index on its host (nvidia-smi <c>index</c>, dcgm-exporter label <c>gpu</c>).</param>
/// <param name="UtilizationPercent">Share of the last sample period in which a kernel ran, 0..100
/// (nvidia-smi <c>utilization.gpu</c>, <c>DCGM_FI_DEV_GPU_UTIL</c>). Only a sample with this value proves the GPU up.</param>
/// <param name="PowerWatts">Power draw in watts (nvidia-smi <c>power.draw</c>, <c>DCGM_FI_DEV_POWER_USAGE</c>).</param>
/// <param name="EnergyMillijoules">The GPU's energy counter in millijoules since the driver loaded
/// (<c>DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION</c>); it starts again from zero when the host reboots.</param>
/// <param name="ModelName">The GPU's model (<c>NVIDIA H100 80GB HBM3</c>), when the source tells it.</param>
/// <param name="Hostname">The host the GPU is in, when the source tells it.</param>
public sealed record GpuSample(
    DateTimeOffset Timestamp,
    string GpuUuid,
    int? GpuIndex,
    byte? UtilizationPercent,
    decimal? PowerWatts,
    ulong? EnergyMillijoules,
    string? ModelName = null,
    string? Hostname = null);
