using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Oracle;
using Xunit;

namespace RwaCompute.Sdk.Tests.Oracle;

/// <summary>The one report a round signs: lower medians per field, the observer bitmap, cumulative floors.</summary>
public sealed class ReportAggregatorTests
{
    private static readonly byte[] Pool = new byte[32];

    private static UtilizationObservation Obs(ushort util, ushort uptime, ulong delivered, ulong energy = 100, ulong curtailed = 0, ulong at = 1_700_000_000) =>
        new(util, uptime, delivered, energy, curtailed, at);

    [Fact]
    public void Aggregate_ThreeObservations_TakesTheMedianOfEachFieldIndependently()
    {
        var report = ReportAggregator.Aggregate(Pool, 7, 2,
        [
            new ReporterObservation(0, Obs(9000, 9900, 120, energy: 50, at: 30)),
            new ReporterObservation(2, Obs(8000, 9950, 100, energy: 70, at: 10)),
            new ReporterObservation(5, Obs(8500, 9800, 110, energy: 60, at: 20)),
        ]);

        Assert.Equal((ushort)8500, report.UtilizationBps);
        Assert.Equal((ushort)9900, report.UptimeBps);
        Assert.Equal(110UL, report.DeliveredGpuHours);
        Assert.Equal(60UL, report.EnergyKwh);
        Assert.Equal(20UL, report.ObservedAt);
        Assert.Equal(0b100101u, report.Observers);
        Assert.Equal(3, report.ObserverCount);
        Assert.Equal(2u, report.ConfigVersion);
        Assert.Equal(7UL, report.Epoch);
    }

    [Fact]
    public void Aggregate_EvenCount_TakesTheLowerMedian() =>
        Assert.Equal(110UL, ReportAggregator.Aggregate(Pool, 1, 1,
        [
            new ReporterObservation(0, Obs(0, 0, 100)), new ReporterObservation(1, Obs(0, 0, 130)),
            new ReporterObservation(2, Obs(0, 0, 110)), new ReporterObservation(3, Obs(0, 0, 120)),
        ]).DeliveredGpuHours);

    [Fact]
    public void Aggregate_OneLiarAmongFour_CannotMoveAnyFieldOutsideTheHonestRange()
    {
        // n = 4, f = 1: a byzantine reporter reporting a huge or a zero value never becomes the median.
        ReporterObservation[] honest = [new(0, Obs(8000, 9900, 100)), new(1, Obs(8100, 9950, 104)), new(2, Obs(8050, 9920, 102))];
        foreach (var lie in new[] { Obs(10_000, 10_000, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue), Obs(0, 0, 0, 0, 0, 0) })
        {
            var report = ReportAggregator.Aggregate(Pool, 1, 1, [.. honest, new ReporterObservation(3, lie)]);

            Assert.InRange(report.UtilizationBps, (ushort)8000, (ushort)8100);
            Assert.InRange(report.UptimeBps, (ushort)9900, (ushort)9950);
            Assert.InRange(report.DeliveredGpuHours, 100UL, 104UL);
        }
    }

    [Fact]
    public void Aggregate_MedianBelowTheStoredCounters_IsRaisedToThem()
    {
        var previous = new UtilizationReport(Pool, 4, DateTimeOffset.UnixEpoch, 0, 0, 500, 900, 1, 3) { CurtailedGpuHours = 40 };

        var report = ReportAggregator.Aggregate(Pool, 5, 1, [new ReporterObservation(0, Obs(1, 1, 450, energy: 950, curtailed: 10))], previous);

        Assert.Equal(500UL, report.DeliveredGpuHours);
        Assert.Equal(950UL, report.EnergyKwh);
        Assert.Equal(40UL, report.CurtailedGpuHours);
    }

    [Fact]
    public void Equality_ComparesThePoolIdByValue()
    {
        var a = new OracleReport(new byte[32], 1, 2, 3, 4, 5, 6, 7, 8, 9);
        var b = a with { PoolId = new byte[32] };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Observers = 9 });
        b.PoolId[31] = 1;
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Aggregate_RepeatedOrOutOfRangeReporter_Throws()
    {
        Assert.Throws<ArgumentException>(() => ReportAggregator.Aggregate(Pool, 1, 1, [new ReporterObservation(1, Obs(0, 0, 0)), new ReporterObservation(1, Obs(0, 0, 0))]));
        Assert.Throws<ArgumentException>(() => ReportAggregator.Aggregate(Pool, 1, 1, [new ReporterObservation(32, Obs(0, 0, 0))]));
        Assert.Throws<ArgumentException>(() => ReportAggregator.Aggregate(Pool, 1, 1, []));
    }
}
