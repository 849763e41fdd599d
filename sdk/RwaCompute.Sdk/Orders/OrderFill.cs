using System.Numerics;

namespace RwaCompute.Sdk.Orders;

/// <summary>What a fill of a signed order traded, from the market's <c>OrderFilled</c> event.</summary>
/// <param name="OrderHash">The order's digest (0x-hex).</param>
/// <param name="LotId">The lot.</param>
/// <param name="Units">Units traded.</param>
/// <param name="PricePerUnit">The order's price per unit, stablecoin base units.</param>
/// <param name="Cost">The total paid, base units.</param>
public sealed record OrderFill(string OrderHash, BigInteger LotId, BigInteger Units, BigInteger PricePerUnit, BigInteger Cost);
