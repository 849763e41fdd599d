using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>What a purchase bought, from the market's <c>Purchased</c> event.</summary>
/// <param name="OfferId">The offer bought from.</param>
/// <param name="LotId">The lot.</param>
/// <param name="Units">Units bought.</param>
/// <param name="PricePerUnit">The price paid per unit (an auction's price at the block), stablecoin base units.</param>
/// <param name="Cost">The total paid (<paramref name="Units"/> × <paramref name="PricePerUnit"/>), base units.</param>
public sealed record PurchaseFill(BigInteger OfferId, BigInteger LotId, BigInteger Units, BigInteger PricePerUnit, BigInteger Cost);
