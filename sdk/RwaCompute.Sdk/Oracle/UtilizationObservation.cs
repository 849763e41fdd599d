namespace RwaCompute.Sdk.Oracle;

/// <summary>
/// One reporter's measurement of a compute pool for an epoch. Reporters exchange these off-chain; the oracle only
/// ever sees their aggregate (<see cref="OracleReport"/>, built by <see cref="ReportAggregator"/>), which every
/// reporter of the round signs.
/// </summary>
/// <param name="UtilizationBps">Share of the pool's capacity in use during the epoch, in basis points (0..10 000).</param>
/// <param name="UptimeBps">Share of the epoch the pool's GPUs were available, in basis points (0..10 000).</param>
/// <param name="DeliveredGpuHours">GPU-hours delivered since the pool's first report (cumulative).</param>
/// <param name="EnergyKwh">Energy drawn since the pool's first report, in kWh (cumulative).</param>
/// <param name="CurtailedGpuHours">GPU-hours paused on purpose (demand response) since the first report (cumulative).</param>
/// <param name="ObservedAt">Unix time (seconds) the observation was taken.</param>
public sealed record UtilizationObservation(
    ushort UtilizationBps,
    ushort UptimeBps,
    ulong DeliveredGpuHours,
    ulong EnergyKwh,
    ulong CurtailedGpuHours,
    ulong ObservedAt);
