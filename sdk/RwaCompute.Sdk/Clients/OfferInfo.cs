using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>A sell offer in the escrow.</summary>
/// <param name="OfferId">The offer id.</param>
/// <param name="Seller">The seller (the units stay in its wallet until sold).</param>
/// <param name="LotId">The lot.</param>
/// <param name="UnitsRemaining">Units still for sale.</param>
/// <param name="PricePerUnit">Price per unit, stablecoin base units.</param>
/// <param name="ExpiresAt">When the offer lapses.</param>
/// <param name="Cancelled">Whether the seller cancelled it.</param>
public sealed record OfferInfo(BigInteger OfferId, string Seller, BigInteger LotId, ulong UnitsRemaining, BigInteger PricePerUnit, DateTimeOffset ExpiresAt, bool Cancelled);
