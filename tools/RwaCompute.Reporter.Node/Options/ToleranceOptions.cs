namespace RwaCompute.Reporter.Node.Options;

/// <summary>How far a proposed report may be from this node's own observation before the node refuses to sign it.</summary>
public sealed class ToleranceOptions
{
    /// <summary>Largest difference in utilization, basis points (default 500 = 5 percentage points).</summary>
    public int UtilizationBps { get; set; } = 500;

    /// <summary>Largest difference in uptime, basis points (default 100 = 1 percentage point).</summary>
    public int UptimeBps { get; set; } = 100;

    /// <summary>Largest relative difference of a cumulative counter (delivered GPU-hours, energy, curtailed hours),
    /// in basis points of this node's own value (default 500 = 5 %), plus <see cref="CounterSlack"/>.</summary>
    public int CounterBps { get; set; } = 500;

    /// <summary>Absolute slack added to the counter tolerance, so that small counters are not refused for rounding
    /// (default 2).</summary>
    public ulong CounterSlack { get; set; } = 2;
}
