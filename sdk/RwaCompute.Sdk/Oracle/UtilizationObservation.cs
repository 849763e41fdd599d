namespace RwaCompute.Sdk.Oracle;

/// <summary>
/// One reporter's view of a compute pool during an epoch: the values it signs (Solidity
/// <c>IUtilizationOracle.Observation</c>). The oracle stores the median of each field over the signed observations.
/// </summary>
/// <param name="UtilizationBps">Share of the pool's capacity in use, in basis points (the contract accepts 0..10 000).</param>
/// <param name="UptimeBps">Share of the epoch the pool was available, in basis points (the contract accepts 0..10 000).</param>
/// <param name="DeliveredGpuHours">GPU-hours delivered to redeemers during the epoch.</param>
/// <param name="EnergyKwh">Energy drawn by the pool during the epoch, in kWh.</param>
/// <param name="ObservedAt">Unix time (seconds) the observation was taken; the contract requires it within
/// <c>maxAge</c> seconds before the block and not in the future.</param>
public sealed record UtilizationObservation(
    ushort UtilizationBps,
    ushort UptimeBps,
    ulong DeliveredGpuHours,
    ulong EnergyKwh,
    ulong ObservedAt);
