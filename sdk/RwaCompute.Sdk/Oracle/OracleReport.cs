using System.Numerics;
using ContractReport = RwaCompute.Sdk.Contracts.UtilizationOracle.Report;

namespace RwaCompute.Sdk.Oracle;

/// <summary>
/// The aggregate report of one round (Solidity <c>IUtilizationOracle.Report</c>): what every reporter of the round
/// signs and what <c>submitReport</c> stores once a quorum signed it.
/// </summary>
/// <param name="PoolId">The pool (32 bytes).</param>
/// <param name="Epoch">The epoch (greater than the pool's last, by at most <c>MAX_EPOCH_GAP</c>).</param>
/// <param name="UtilizationBps">Median utilization, basis points.</param>
/// <param name="UptimeBps">Median uptime, basis points.</param>
/// <param name="DeliveredGpuHours">Median cumulative delivered GPU-hours (never below the pool's last report).</param>
/// <param name="EnergyKwh">Median cumulative energy, kWh (never below the pool's last report).</param>
/// <param name="CurtailedGpuHours">Median cumulative curtailed GPU-hours (never below the pool's last report).</param>
/// <param name="ObservedAt">Median observation time (Unix seconds).</param>
/// <param name="Observers">Bitmap of the reporters whose observations were aggregated (bit i = <c>reporters()[i]</c>).</param>
/// <param name="ConfigVersion">The reporter configuration the report is for.</param>
#pragma warning disable CA1819 // bytes32 as the binding takes it.
public sealed record OracleReport(
    byte[] PoolId,
    ulong Epoch,
    ushort UtilizationBps,
    ushort UptimeBps,
    ulong DeliveredGpuHours,
    ulong EnergyKwh,
    ulong CurtailedGpuHours,
    ulong ObservedAt,
    uint Observers,
    uint ConfigVersion)
#pragma warning restore CA1819
{
    /// <summary>Value equality over every field, the pool id by its bytes (a record compares arrays by reference, so
    /// two decodings of one report would otherwise differ).</summary>
    /// <param name="other">Another report.</param>
    /// <returns>Whether both are the same report.</returns>
    public bool Equals(OracleReport? other) =>
        other is not null
        && PoolId.AsSpan().SequenceEqual(other.PoolId)
        && Epoch == other.Epoch
        && UtilizationBps == other.UtilizationBps
        && UptimeBps == other.UptimeBps
        && DeliveredGpuHours == other.DeliveredGpuHours
        && EnergyKwh == other.EnergyKwh
        && CurtailedGpuHours == other.CurtailedGpuHours
        && ObservedAt == other.ObservedAt
        && Observers == other.Observers
        && ConfigVersion == other.ConfigVersion;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Convert.ToHexString(PoolId), Epoch, ObservedAt, Observers, ConfigVersion);

    /// <summary>The number of observers in <see cref="Observers"/>.</summary>
    public int ObserverCount => BitOperations.PopCount(Observers);

    /// <summary>The generated binding's struct, for <c>submitReport</c> and <c>hashReport</c>.</summary>
    /// <returns>A new struct value.</returns>
    public ContractReport ToContract() => new()
    {
        PoolId = PoolId,
        Epoch = Epoch,
        UtilizationBps = UtilizationBps,
        UptimeBps = UptimeBps,
        DeliveredGpuHours = DeliveredGpuHours,
        EnergyKwh = EnergyKwh,
        CurtailedGpuHours = CurtailedGpuHours,
        ObservedAt = ObservedAt,
        Observers = Observers,
        ConfigVersion = ConfigVersion,
    };
}
