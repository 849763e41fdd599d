using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>An offer in the market, amounts in its lot's <see cref="Currency"/>; <see cref="PricePerUnit"/> is its price at the chain time it was read,
/// <see cref="ExpiresAt"/> the same instant as <see cref="EndsAt"/>.</summary>
internal sealed record OfferView(
    string OfferId,
    string Seller,
    string LotId,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong UnitsRemaining,
    string PricePerUnit,
    DateTimeOffset ExpiresAt,
    string Status,
    string Kind,
    string StartPrice,
    string FloorPrice,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    CurrencyRefView Currency);
