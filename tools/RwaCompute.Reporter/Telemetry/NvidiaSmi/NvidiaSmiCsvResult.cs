namespace RwaCompute.Reporter.Telemetry.NvidiaSmi;

/// <summary>What one nvidia-smi CSV output held: a sample per GPU row, and the lines that were not GPU rows.</summary>
/// <param name="Samples">One sample per well-formed GPU row, in output order.</param>
/// <param name="Errors">Lines that were not GPU rows; their GPUs are absent from <paramref name="Samples"/>.</param>
public sealed record NvidiaSmiCsvResult(IReadOnlyList<GpuSample> Samples, IReadOnlyList<NvidiaSmiLineError> Errors);
