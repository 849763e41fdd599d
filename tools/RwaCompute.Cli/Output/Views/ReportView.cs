namespace RwaCompute.Cli.Output.Views;

/// <summary>A pool's latest oracle report.</summary>
internal sealed record ReportView(string Pool, ulong Epoch, int UtilizationBps, int UptimeBps, ulong DeliveredGpuHours, ulong EnergyKwh, int Signers, DateTimeOffset ObservedAt);
