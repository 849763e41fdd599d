using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>A pool's latest oracle report.</summary>
internal sealed record ReportView(string PoolId, string? PoolLabel, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong Epoch, int UtilizationBps, int UptimeBps, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong DeliveredGpuHours, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong EnergyKwh, int Signers, DateTimeOffset ObservedAt);
