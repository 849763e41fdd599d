using System.Collections.ObjectModel;
using RwaCompute.Reporter.Pools;

namespace RwaCompute.Reporter.Configuration;

/// <summary>One pool the reporter measures.</summary>
public sealed class PoolOptions
{
    /// <summary>The on-chain pool id: <c>0x</c> and 64 hex digits, or a label of at most 32 UTF-8 bytes.</summary>
    public string PoolId { get; set; } = string.Empty;

    /// <summary>The pool's GPUs by UUID (<c>GPU-…</c>).</summary>
    public Collection<string> GpuUuids { get; } = [];

    /// <summary>Declared curtailment windows.</summary>
    public Collection<CurtailmentWindowOptions> CurtailmentWindows { get; } = [];

    /// <summary>The pool definition these options describe (validate first: <see cref="ReporterOptionsValidator"/>).</summary>
    /// <returns>The definition.</returns>
    /// <exception cref="FormatException">The pool id is not valid.</exception>
    public PoolDefinition ToDefinition() =>
        new(Pools.PoolId.Parse(this.PoolId), [.. this.GpuUuids], [.. this.CurtailmentWindows.Select(w => w.ToWindow())]);
}
