using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>A sell offer in the market: fixed-price (<see cref="StartPrice"/> equals <see cref="FloorPrice"/>) or a
/// Dutch auction whose price per unit falls linearly from <see cref="StartPrice"/> at <see cref="StartsAt"/> to
/// <see cref="FloorPrice"/> at <see cref="EndsAt"/>.</summary>
/// <param name="OfferId">The offer id.</param>
/// <param name="Seller">The seller (the units stay in its wallet until sold).</param>
/// <param name="LotId">The lot.</param>
/// <param name="UnitsRemaining">Units still for sale.</param>
/// <param name="StartPrice">Price per unit at <see cref="StartsAt"/>, stablecoin base units.</param>
/// <param name="FloorPrice">Price per unit reached at <see cref="EndsAt"/>, stablecoin base units.</param>
/// <param name="StartsAt">When buying opens (and an auction's price starts to fall).</param>
/// <param name="EndsAt">When the offer lapses.</param>
/// <param name="Cancelled">Whether the seller cancelled it.</param>
public sealed record OfferInfo(
    BigInteger OfferId,
    string Seller,
    BigInteger LotId,
    ulong UnitsRemaining,
    BigInteger StartPrice,
    BigInteger FloorPrice,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    bool Cancelled)
{
    /// <summary>Whether the price falls over time (a Dutch auction).</summary>
    public bool IsAuction => StartPrice != FloorPrice;

    /// <summary>Whether units can be bought at <paramref name="now"/>: not cancelled, some left, within
    /// [<see cref="StartsAt"/>, <see cref="EndsAt"/>).</summary>
    /// <param name="now">The time to check (use the chain's time).</param>
    /// <returns><see langword="true"/> when open.</returns>
    public bool IsOpenAt(DateTimeOffset now) => !Cancelled && UnitsRemaining > 0 && now >= StartsAt && now < EndsAt;

    /// <summary>The price per unit at <paramref name="at"/>, exactly as the contract computes it: the start price
    /// until <see cref="StartsAt"/>, the floor from <see cref="EndsAt"/>, linear in between, rounded up.</summary>
    /// <param name="at">The time.</param>
    /// <returns>The price per unit, stablecoin base units.</returns>
    public BigInteger PriceAt(DateTimeOffset at)
    {
        if (!IsAuction || at <= StartsAt)
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
