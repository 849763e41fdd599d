using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>A pledge's collateral auction: prices in the pledge's currency, the current price at the chain time it was read.</summary>
internal sealed record CollateralAuctionView(
    string StartPrice,
    string FloorPrice,
    string CurrentPrice,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong UnitsLeft,
    string PaidToLender);
