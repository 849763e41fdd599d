using RwaCompute.Reporter.Observations;
using RwaCompute.Reporter.Pools;
using Xunit;

namespace RwaCompute.Reporter.Tests.Observations;

public sealed class CumulativeTotalsTests
{
    private static readonly PoolId Pool = PoolId.Parse("fra-h100-a");

    [Fact]
    public void Add_KeepsExactSumsSoRoundingNeverAccumulates()
    {
        // Three epochs of 0.9 GPU-h and 0.9 kWh each: each epoch reports 0 when floored, the totals report 2.
        var totals = CumulativeTotals.Zero(Pool);
        for (ulong epoch = 1; epoch <= 3; epoch++)
        {
            var observation = Observation(epoch, deliveredMs: 3_240_000, energyMj: 3_240_000_000, curtailedMs: 1_800_000);
            Assert.Equal(0UL, observation.DeliveredGpuHours);
            Assert.Equal(0UL, observation.EnergyKwh);
            totals = totals.Add(observation);
        }

        Assert.Equal(3UL, totals.ThroughEpoch);
        Assert.Equal(9_720_000UL, totals.DeliveredGpuMilliseconds);
        Assert.Equal(2UL, totals.DeliveredGpuHours); // 2.7 → 2
        Assert.Equal((UInt128)9_720_000_000UL, totals.EnergyMillijoules);
        Assert.Equal(2UL, totals.EnergyKwh);
        Assert.Equal(1UL, totals.CurtailedGpuHours); // 1.5 → 1
    }

    [Fact]
    public void Add_EnergyBeyond64BitsOfMillijoules_StillAddsUp()
    {
        var totals = new CumulativeTotals(Pool, 1, 0, ulong.MaxValue, 0).Add(Observation(2, 0, ulong.MaxValue, 0));

        Assert.Equal((UInt128)ulong.MaxValue * 2, totals.EnergyMillijoules);
        Assert.Equal(10_248_191_152UL, totals.EnergyKwh); // (2^65 − 2) / 3.6e9, floor
    }

    [Fact]
    public void Add_RefusesAnotherPoolOrAnEpochAlreadyCounted()
    {
        var totals = CumulativeTotals.Zero(Pool).Add(Observation(5, 1, 1, 1));

        Assert.Throws<ArgumentException>(() => totals.Add(Observation(5, 1, 1, 1)));
        Assert.Throws<ArgumentException>(() => totals.Add(Observation(4, 1, 1, 1)));
        Assert.Throws<ArgumentException>(() => totals.Add(Observation(6, 1, 1, 1) with { PoolId = PoolId.Parse("other") }));
        Assert.Throws<OverflowException>(() => totals.Add(Observation(6, ulong.MaxValue, 0, 0)));
    }

    private static EpochObservation Observation(ulong epoch, ulong deliveredMs, ulong energyMj, ulong curtailedMs)
    {
        var start = DateTimeOffset.UnixEpoch.AddHours(epoch);
        return new EpochObservation(Pool, epoch, start, start.AddHours(1), 1, 0, 0, deliveredMs, deliveredMs, energyMj, curtailedMs);
    }
}
