using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>An offer in the market; <see cref="PricePerUnitUsdc"/> is its price at the chain time it was read,
/// <see cref="ExpiresAt"/> the same instant as <see cref="EndsAt"/>.</summary>
internal sealed record OfferView(
    string OfferId,
    string Seller,
    string LotId,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong UnitsRemaining,
    string PricePerUnitUsdc,
    DateTimeOffset ExpiresAt,
    string Status,
    string Kind,
    string StartPriceUsdc,
    string FloorPriceUsdc,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt);
