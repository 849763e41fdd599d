namespace RwaCompute.Reporter.Pools;

/// <summary>
/// A span of time [<paramref name="Start"/>, <paramref name="End"/>) in which the provider paused a pool's capacity on
/// purpose (for example to give power back to the grid). GPU-time inside it is reported as curtailed and counts
/// neither as up-time nor as downtime.
/// </summary>
/// <param name="Start">First instant of the pause (inclusive).</param>
/// <param name="End">End of the pause (exclusive); after <paramref name="Start"/>.</param>
public sealed record CurtailmentWindow(DateTimeOffset Start, DateTimeOffset End);
