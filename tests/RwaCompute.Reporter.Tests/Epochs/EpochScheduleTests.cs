using RwaCompute.Reporter.Epochs;
using Xunit;

namespace RwaCompute.Reporter.Tests.Epochs;

public sealed class EpochScheduleTests
{
    private static readonly DateTimeOffset Genesis = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly EpochSchedule hourly = new(Genesis, TimeSpan.FromHours(1));

    [Fact]
    public void WindowOf_IsHalfOpenAndContiguous()
    {
        var first = this.hourly.WindowOf(0);
        var later = this.hourly.WindowOf(7_967);

        Assert.Equal(new EpochWindow(0, Genesis, Genesis.AddHours(1)), first);
        Assert.Equal(Genesis.AddHours(7_967), later.Start);
        Assert.Equal(this.hourly.WindowOf(7_968).Start, later.End);
        Assert.Equal(TimeSpan.FromHours(1), later.Length);
    }

    [Fact]
    public void EpochAt_FindsTheEpochContainingAnInstant()
    {
        Assert.Equal(0UL, this.hourly.EpochAt(Genesis));
        Assert.Equal(0UL, this.hourly.EpochAt(Genesis.AddHours(1).AddTicks(-1)));
        Assert.Equal(1UL, this.hourly.EpochAt(Genesis.AddHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => this.hourly.EpochAt(Genesis.AddTicks(-1)));
    }

    [Fact]
    public void LastClosedEpochAt_IsNoneDuringTheFirstEpoch()
    {
        Assert.Null(this.hourly.LastClosedEpochAt(Genesis.AddMinutes(59)));
        Assert.Equal(0UL, this.hourly.LastClosedEpochAt(Genesis.AddHours(1)));
        Assert.Equal(4UL, this.hourly.LastClosedEpochAt(Genesis.AddHours(5).AddMinutes(30)));
    }

    [Fact]
    public void Constructor_And_WindowOf_RejectImpossibleSchedules()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EpochSchedule(Genesis, TimeSpan.FromMilliseconds(999)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EpochSchedule(Genesis, TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => this.hourly.WindowOf(ulong.MaxValue));
    }
}
