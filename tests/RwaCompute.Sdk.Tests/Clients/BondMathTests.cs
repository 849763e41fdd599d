using System.Numerics;
using RwaCompute.Sdk.Clients;
using Xunit;

namespace RwaCompute.Sdk.Tests.Clients;

public sealed class BondMathTests
{
    [Theory]
    [InlineData(3_000_000, 10_000, 3_000_000)] // full coverage: the reference price
    [InlineData(3_000_000, 5_000, 1_500_000)]
    [InlineData(1, 1, 1)] // rounded up: never less than the stated share
    [InlineData(3, 3_333, 1)] // 0.9999 -> 1
    [InlineData(10_001, 9_999, 10_000)] // 9999.9999 -> 10000
    [InlineData(20_000, 5_000, 10_000)] // exact: no rounding
    public void UnitCover_IsThePriceShareRoundedUp(long price, int coverage, long expected) =>
        Assert.Equal(new BigInteger(expected), BondMath.UnitCover(price, (ushort)coverage));

    [Fact]
    public void UnitCover_MaximumUint96Price_DoesNotOverflow()
    {
        var price = (BigInteger.One << 96) - 1;
        Assert.Equal(price, BondMath.UnitCover(price, 10_000));
    }

    [Fact]
    public void IssueShortfall_FreeBondCoversIt_IsZero() =>
        Assert.Equal(BigInteger.Zero, BondMath.IssueShortfall(100, 3, new BondBalance(400, 100)));

    [Fact]
    public void IssueShortfall_IsRequiredMinusTheUnreservedBond() =>
        Assert.Equal(new BigInteger(1_000 * 3 - (500 - 200)), BondMath.IssueShortfall(1_000, 3, new BondBalance(500, 200)));

    [Fact]
    public void IssueShortfall_NewLot_IsUnitsTimesUnitCover() =>
        Assert.Equal(new BigInteger(3_000_000_000), BondMath.IssueShortfall(1_000, 3_000_000, new BondBalance(0, 0)));

    [Fact]
    public void UnitCover_OfALot_UsesItsCoverage()
    {
        var lot = new LotInfo(1, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", new byte[32], "H100", "eu", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), 2_500_001, 9_900, 5_000, 700, 10, 0, new byte[32]);
        Assert.Equal(new BigInteger(1_250_001), lot.UnitCover);
    }
}
