namespace RwaCompute.Reporter.Tests.Fakes;

/// <summary>The committed captures under Captures/ (see Captures/README.md), copied next to the test assembly.</summary>
internal static class CaptureFiles
{
    public const string NvidiaSmi8xH100 = "nvidia-smi-8xh100-10min.csv";
    public const string DcgmScrape1 = "dcgm-scrape-1.prom";
    public const string DcgmScrape2 = "dcgm-scrape-2.prom";
    public const string DcgmScrape3AfterReboot = "dcgm-scrape-3-after-reboot.prom";
    public const string PrometheusEdgeCases = "prometheus-edge-cases.prom";
    public const string Replay = "replay-2xh100.jsonl";

    /// <summary>The UUIDs of the capture node's GPUs, by index.</summary>
    public static readonly string[] Uuids =
    [
        "GPU-5f2b1c3e-8d6a-4b0f-9e27-1a3c5d7e9f01",
        "GPU-0c7d4a91-3e5f-4c2b-8a16-7f9e0b2d4c63",
        "GPU-a41e8f3b-6c2d-4e9a-b5f7-2d8c1e0a6b94",
        "GPU-7b9c2e5d-1f4a-4d8e-a3c6-9e0f5b7d2a18",
        "GPU-e2d5b8c1-9a3f-4b6e-8d0c-4f7a1e9b3c55",
        "GPU-3c8a6f0e-2b7d-4a1c-9f5e-6d3b8a0c7e29",
        "GPU-9f1e4b7a-5d0c-4e3b-a8f2-1c6e9d4b0a77",
        "GPU-6d0b3a8f-7e2c-4f5a-b1d9-8a4c2f6e1b30",
    ];

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Captures", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));
}
