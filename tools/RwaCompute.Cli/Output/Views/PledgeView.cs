using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>A pledge, with its collateral auction when one was started.</summary>
internal sealed record PledgeView(string PledgeId, string Holder, string Lender, string LotId, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong Units, string PrincipalUsdc, string FeeUsdc, DateTimeOffset Maturity, string Status)
{
    /// <summary>The collateral auction, or <see langword="null"/> (omitted) when none was started.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CollateralAuctionView? Auction { get; init; }
}
