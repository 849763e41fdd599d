using RwaCompute.Reporter.Node.Rounds;
using Xunit;

namespace RwaCompute.Reporter.Node.Tests;

public sealed class LeaderScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(29, 0)]
    [InlineData(30, 1)]
    [InlineData(95, 3)]
    public void AttemptAt_CountsRoundTimeoutsSinceTheEpochEnded(int seconds, ulong expected) =>
        Assert.Equal(expected, LeaderSchedule.AttemptAt(Start, Start.AddSeconds(seconds), TimeSpan.FromSeconds(30)));

    [Fact]
    public void LeaderIndex_RotatesByEpochAndThenByAttempt()
    {
        Assert.Equal(3, LeaderSchedule.LeaderIndex(7, 0, 4));
        Assert.Equal(0, LeaderSchedule.LeaderIndex(7, 1, 4));   // the next reporter takes over after a timeout
        Assert.Equal(0, LeaderSchedule.LeaderIndex(8, 0, 4));   // and leads the next epoch first
        Assert.Equal(1, LeaderSchedule.LeaderIndex(ulong.MaxValue, 2, 4));
    }

    [Fact]
    public void Arguments_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LeaderSchedule.AttemptAt(Start, Start, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => LeaderSchedule.LeaderIndex(1, 0, 0));
    }
}
