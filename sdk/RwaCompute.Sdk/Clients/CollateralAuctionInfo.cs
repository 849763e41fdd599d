using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>The Dutch auction of a defaulted pledge's units: the price per unit falls linearly from
/// <see cref="StartPrice"/> at <see cref="StartsAt"/> to <see cref="FloorPrice"/> at <see cref="EndsAt"/>; proceeds repay
/// principal + fee to the lender first, the rest goes to the holder.</summary>
/// <param name="PledgeId">The pledge.</param>
/// <param name="StartPrice">Price per unit at <see cref="StartsAt"/>, stablecoin base units.</param>
/// <param name="FloorPrice">Price per unit reached at <see cref="EndsAt"/>, stablecoin base units.</param>
/// <param name="StartsAt">When the auction started.</param>
/// <param name="EndsAt">When it ends: units can be bought until just before; then anyone settles it.</param>
/// <param name="UnitsLeft">Units not sold yet.</param>
/// <param name="PaidToLender">Proceeds credited to the lender so far (at most principal + fee).</param>
public sealed record CollateralAuctionInfo(
    BigInteger PledgeId,
    BigInteger StartPrice,
    BigInteger FloorPrice,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    ulong UnitsLeft,
    BigInteger PaidToLender)
{
    /// <summary>Whether units can be bought at <paramref name="now"/>: some left and before <see cref="EndsAt"/>.</summary>
    /// <param name="now">The time to check (use the chain's time).</param>
    /// <returns><see langword="true"/> when open.</returns>
    public bool IsOpenAt(DateTimeOffset now) => UnitsLeft > 0 && now >= StartsAt && now < EndsAt;

    /// <summary>The price per unit at <paramref name="at"/>, exactly as the contract computes it: the start price
    /// until <see cref="StartsAt"/>, the floor from <see cref="EndsAt"/>, linear in between, rounded up.</summary>
    /// <param name="at">The time.</param>
    /// <returns>The price per unit, stablecoin base units.</returns>
    public BigInteger PriceAt(DateTimeOffset at)
    {
        if (StartPrice == FloorPrice || at <= StartsAt)
        {
            return StartPrice;
        }

        if (at >= EndsAt)
        {
            return FloorPrice;
        }

        var elapsed = at.ToUnixTimeSeconds() - StartsAt.ToUnixTimeSeconds();
        var duration = EndsAt.ToUnixTimeSeconds() - StartsAt.ToUnixTimeSeconds();
        return StartPrice - ((StartPrice - FloorPrice) * elapsed / duration);
    }
}
