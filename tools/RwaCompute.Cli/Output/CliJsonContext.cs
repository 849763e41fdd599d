using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output;

/// <summary>Source-generated JSON for <c>--json</c> output (camelCase, indented, nulls omitted).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LotView))]
[JsonSerializable(typeof(IReadOnlyList<LotView>))]
[JsonSerializable(typeof(HolderView))]
[JsonSerializable(typeof(OfferView))]
[JsonSerializable(typeof(PledgeView))]
[JsonSerializable(typeof(RedemptionView))]
[JsonSerializable(typeof(ReportView))]
[JsonSerializable(typeof(DevnetSummaryView))]
[JsonSerializable(typeof(TransactionView))]
[JsonSerializable(typeof(DeployView))]
[JsonSerializable(typeof(StatusView))]
[JsonSerializable(typeof(SolvencyView))]
[JsonSerializable(typeof(SignedObservationFile))]
[JsonSerializable(typeof(AdminAcceptView))]
[JsonSerializable(typeof(TimelockStepView))]
[JsonSerializable(typeof(AdminCalldataView))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
