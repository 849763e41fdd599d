using System.Text.Json.Serialization;
using RwaCompute.Cli.Output.Views;

namespace RwaCompute.Cli.Output;

/// <summary>Source-generated JSON for <c>--json</c> output (camelCase, indented, nulls omitted).</summary>
/// <remarks>The shapes are the records in Output/Views, one per file, also rendered as tables by <see cref="Tables"/>.
/// Big integers are strings (lot ids as 0x hex, stablecoin amounts as exact decimal USDC text plus base units), times
/// ISO-8601 UTC. Scripts read this output: renaming or reordering a view's parameters changes it.</remarks>
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
[JsonSerializable(typeof(SignedReportFile))]
[JsonSerializable(typeof(AdminAcceptView))]
[JsonSerializable(typeof(TimelockStepView))]
[JsonSerializable(typeof(AdminCalldataView))]
[JsonSerializable(typeof(TransactionStatusView))]
[JsonSerializable(typeof(IReadOnlyList<TransactionStatusView>))]
[JsonSerializable(typeof(RoleListView))]
[JsonSerializable(typeof(RoleChangeView))]
[JsonSerializable(typeof(KeystoreView))]
[JsonSerializable(typeof(MockUsdcView))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
