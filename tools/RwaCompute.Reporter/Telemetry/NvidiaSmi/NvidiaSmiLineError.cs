namespace RwaCompute.Reporter.Telemetry.NvidiaSmi;

/// <summary>A line of nvidia-smi output that is not a GPU row (for example "Unable to determine the device handle for
/// GPU 0000:3B:00.0: Unknown Error", which nvidia-smi prints in place of a GPU that fell off the bus).</summary>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Line">The line as printed.</param>
/// <param name="Reason">Why it is not a GPU row.</param>
public sealed record NvidiaSmiLineError(int LineNumber, string Line, string Reason);
