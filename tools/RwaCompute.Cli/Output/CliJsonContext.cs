using System.Text.Json.Serialization;
using RwaCompute.Cli.Output.Views;

namespace RwaCompute.Cli.Output;

/// <summary>Source-generated JSON for <c>--json</c> output (camelCase, indented, nulls omitted).</summary>
/// <remarks>The shapes are the records in Output/Views, one per file, also rendered as tables by <see cref="Tables"/>;
/// each command's output is described by a JSON Schema in docs/schemas, checked by the CLI tests. The rules
/// (docs/CLI.md, "JSON output"): amounts, units, ids, gas and every 64-bit counter are decimal strings without
/// separators (<c>[JsonNumberHandling(WriteAsString)]</c> on <c>ulong</c> fields; amounts via <c>DecimalAmount.Plain</c> in their currency's decimals),
/// 32-byte values 0x hex, times ISO-8601 UTC, one key per concept (<c>lotId</c>, <c>offerId</c>, <c>hash</c> inside a
/// transaction object), and every transaction sent listed as <c>transactions</c>. Renaming or reordering a view's
/// parameters changes the contract: update its schema with it.</remarks>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LotView))]
[JsonSerializable(typeof(InterruptibleView))]
[JsonSerializable(typeof(IReadOnlyList<LotView>))]
[JsonSerializable(typeof(HolderView))]
[JsonSerializable(typeof(OfferView))]
[JsonSerializable(typeof(PledgeView))]
[JsonSerializable(typeof(CurrencyView))]
[JsonSerializable(typeof(PriceIndexView))]
[JsonSerializable(typeof(PriceIndexSettingView))]
[JsonSerializable(typeof(OrderSignedView))]
[JsonSerializable(typeof(OfferListView))]
[JsonSerializable(typeof(OrderStateView))]
[JsonSerializable(typeof(BidCriteriaView))]
[JsonSerializable(typeof(RedemptionView))]
[JsonSerializable(typeof(ReportView))]
[JsonSerializable(typeof(DevnetSummaryView))]
[JsonSerializable(typeof(OperationView))]
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
[JsonSerializable(typeof(ErrorView))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
