using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>A redemption; the reserved refund in its lot's <see cref="Currency"/>.</summary>
internal sealed record RedemptionView(string RedemptionId, string Holder, string LotId, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong Units, string Reserved, DateTimeOffset Deadline, string Status, CurrencyRefView Currency);
