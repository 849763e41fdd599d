namespace RwaCompute.Cli.Output.Views;

/// <summary>A sell offer.</summary>
internal sealed record OfferView(string OfferId, string Seller, string LotId, ulong UnitsRemaining, string PricePerUnitUsdc, DateTimeOffset ExpiresAt, string Status);
