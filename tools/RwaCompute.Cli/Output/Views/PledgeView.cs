using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>A pledge, with its collateral auction when one was started; amounts in its lot's <see cref="Currency"/>.</summary>
internal sealed record PledgeView(string PledgeId, string Holder, string Lender, string LotId, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong Units, string Principal, string Fee, DateTimeOffset Maturity, string Status, CurrencyRefView Currency)
{
    /// <summary>The collateral auction, or <see langword="null"/> (omitted) when none was started.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CollateralAuctionView? Auction { get; init; }
}
