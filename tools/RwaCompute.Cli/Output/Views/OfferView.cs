using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>A sell offer.</summary>
internal sealed record OfferView(string OfferId, string Seller, string LotId, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong UnitsRemaining, string PricePerUnitUsdc, DateTimeOffset ExpiresAt, string Status);
