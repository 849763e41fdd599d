using System.Numerics;
using RwaCompute.Sdk.Clients;
using Xunit;

namespace RwaCompute.Sdk.Tests.Clients;

/// <summary>The collateral auction's price curve and openness, as the lending module computes them (the anvil suite
/// compares them with <c>auctionPriceAt</c>).</summary>
public sealed class CollateralAuctionInfoTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static CollateralAuctionInfo Auction(BigInteger start, BigInteger floor, ulong unitsLeft = 10) =>
        new(1, start, floor, Start, Start.AddDays(1), unitsLeft, 0);

    [Fact]
    public void PriceAt_ClampsToTheStartBeforeAndTheFloorAfter()
    {
        var auction = Auction(4_000_000, 2_000_000);

        Assert.Equal(new BigInteger(4_000_000), auction.PriceAt(Start.AddDays(-1)));
        Assert.Equal(new BigInteger(4_000_000), auction.PriceAt(Start));
        Assert.Equal(new BigInteger(2_000_000), auction.PriceAt(Start.AddDays(1)));
        Assert.Equal(new BigInteger(2_000_000), auction.PriceAt(Start.AddDays(2)));
    }

    [Fact]
    public void PriceAt_InsideTheWindow_FallsLinearlyAndRoundsUp()
    {
        var auction = Auction(4_000_000, 2_000_000);

        Assert.Equal(new BigInteger(3_000_000), auction.PriceAt(Start.AddHours(12)));
        // One second in: the drop is 2_000_000 / 86_400 = 23.1..., so the price is 4_000_000 - 23 (rounded up).
        Assert.Equal(new BigInteger(3_999_977), auction.PriceAt(Start.AddSeconds(1)));
    }

    [Fact]
    public void PriceAt_StartEqualsFloor_IsConstant() =>
        Assert.Equal(new BigInteger(2_500_000), Auction(2_500_000, 2_500_000).PriceAt(Start.AddHours(5)));

    [Fact]
    public void IsOpenAt_OnlyWithUnitsLeftBeforeTheEnd()
    {
        Assert.True(Auction(4, 2).IsOpenAt(Start));
        Assert.False(Auction(4, 2).IsOpenAt(Start.AddDays(1)));
        Assert.False(Auction(4, 2, unitsLeft: 0).IsOpenAt(Start.AddHours(1)));
    }

    [Fact]
    public void CollateralSale_Cost_IsWhatTheLenderAndTheHolderGot() =>
        Assert.Equal(new BigInteger(150), new CollateralSale(1, 50, 3, 105, 45).Cost);
}
