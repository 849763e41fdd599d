namespace RwaCompute.Reporter.Pools;

/// <summary>What a reporter measures for one pool: the GPUs that make it up and its declared curtailment.</summary>
/// <param name="PoolId">The on-chain pool id.</param>
/// <param name="GpuUuids">The pool's GPUs by UUID (<c>GPU-…</c>, as nvidia-smi and dcgm-exporter print them;
/// compared case-insensitively). Samples of other GPUs are ignored; a listed GPU that never reports is down.</param>
/// <param name="CurtailmentWindows">The pool's declared curtailment windows (may overlap; their union counts).</param>
public sealed record PoolDefinition(PoolId PoolId, IReadOnlyList<string> GpuUuids, IReadOnlyList<CurtailmentWindow> CurtailmentWindows);
