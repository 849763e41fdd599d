using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>A signed order written to a file (<c>rwa order ask|bid</c>), with the approvals the signer needed for
/// its fills (usually none after the first order).</summary>
internal sealed record OrderSignedView(
    string Kind,
    string OrderHash,
    string Maker,
    string File,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong Units,
    string PricePerUnit,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<TransactionView> Transactions,
    CurrencyRefView Currency);
