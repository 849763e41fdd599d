using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>A pledge's collateral auction: prices in USDC, the current price at the chain time it was read.</summary>
internal sealed record CollateralAuctionView(
    string StartPriceUsdc,
    string FloorPriceUsdc,
    string CurrentPriceUsdc,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong UnitsLeft,
    string PaidToLenderUsdc);
