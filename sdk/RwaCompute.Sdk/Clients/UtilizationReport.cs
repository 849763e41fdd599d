namespace RwaCompute.Sdk.Clients;

/// <summary>A pool's stored utilization report (the median of the signed observations).</summary>
/// <param name="PoolId">The pool.</param>
/// <param name="Epoch">The report's epoch.</param>
/// <param name="ObservedAt">Median observation time.</param>
/// <param name="UtilizationBps">Utilization, basis points.</param>
/// <param name="UptimeBps">Uptime, basis points.</param>
/// <param name="DeliveredGpuHours">Delivered GPU-hours in the epoch.</param>
/// <param name="EnergyKwh">Energy used, kWh.</param>
/// <param name="ConfigVersion">The reporter configuration it was signed under.</param>
/// <param name="SignerCount">How many reporters signed it.</param>
public sealed record UtilizationReport(byte[] PoolId, ulong Epoch, DateTimeOffset ObservedAt, ushort UtilizationBps, ushort UptimeBps, ulong DeliveredGpuHours, ulong EnergyKwh, uint ConfigVersion, byte SignerCount);
