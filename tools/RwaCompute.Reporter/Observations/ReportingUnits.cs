namespace RwaCompute.Reporter.Observations;

/// <summary>
/// The units observations are kept in and the one rounding rule that turns them into reported figures. Exact
/// quantities are integers in small units (GPU-milliseconds, millijoules); reported figures (basis points, GPU-hours,
/// kWh) are always rounded DOWN (floor) from them, never rounded to nearest, so every reporter with the same samples
/// gets the same integer and no figure overstates what was measured.
/// </summary>
public static class ReportingUnits
{
    /// <summary>The basis-point scale: 10 000 bps = 100 %.</summary>
    public const ushort MaxBps = 10_000;

    /// <summary>Milliseconds in one hour: GPU-milliseconds per GPU-hour.</summary>
    public const ulong MillisecondsPerHour = 3_600_000;

    /// <summary>Millijoules in one kilowatt-hour (1 kWh = 3.6 MJ).</summary>
    public const ulong MillijoulesPerKilowattHour = 3_600_000_000;

    /// <summary>Whole GPU-hours in a number of GPU-milliseconds, rounded down.</summary>
    /// <param name="gpuMilliseconds">GPU-milliseconds.</param>
    /// <returns>GPU-hours.</returns>
    public static ulong ToGpuHours(ulong gpuMilliseconds) => gpuMilliseconds / MillisecondsPerHour;

    /// <summary>Whole kWh in a number of millijoules, rounded down.</summary>
    /// <param name="millijoules">Millijoules.</param>
    /// <returns>Kilowatt-hours.</returns>
    public static ulong ToKilowattHours(UInt128 millijoules) => checked((ulong)(millijoules / MillijoulesPerKilowattHour));
}
