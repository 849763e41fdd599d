using RwaCompute.Reporter.Pools;

namespace RwaCompute.Reporter.Configuration;

/// <summary>A declared curtailment window of a pool, [Start, End).</summary>
public sealed class CurtailmentWindowOptions
{
    /// <summary>First instant of the pause.</summary>
    public DateTimeOffset Start { get; set; }

    /// <summary>End of the pause (exclusive).</summary>
    public DateTimeOffset End { get; set; }

    /// <summary>Why the capacity was paused (for operators; not used in computation).</summary>
    public string? Reason { get; set; }

    /// <summary>The window these options describe.</summary>
    /// <returns>The window.</returns>
    public CurtailmentWindow ToWindow() => new(this.Start, this.End);
}
