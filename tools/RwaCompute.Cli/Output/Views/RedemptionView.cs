using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>A redemption.</summary>
internal sealed record RedemptionView(string RedemptionId, string Holder, string LotId, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong Units, string ReservedUsdc, DateTimeOffset Deadline, string Status);
