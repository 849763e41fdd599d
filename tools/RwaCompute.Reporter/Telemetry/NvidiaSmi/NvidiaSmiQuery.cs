namespace RwaCompute.Reporter.Telemetry.NvidiaSmi;

/// <summary>The one nvidia-smi query the reporter runs, and the column order its CSV has.</summary>
public static class NvidiaSmiQuery
{
    /// <summary>The fields asked for, in the order nvidia-smi prints them.</summary>
    public const string Fields = "timestamp,index,uuid,name,utilization.gpu,power.draw";

    /// <summary>The arguments: one CSV line per GPU, no header, no units
    /// (<c>2026/11/29 12:00:00.123, 0, GPU-5f2b…, NVIDIA H100 80GB HBM3, 87, 612.45</c>).</summary>
    public static IReadOnlyList<string> Arguments { get; } = ["--query-gpu=" + Fields, "--format=csv,noheader,nounits"];

    /// <summary>Columns per line.</summary>
    public const int ColumnCount = 6;
}
