using RwaCompute.Reporter.Epochs;
using RwaCompute.Reporter.Node.Rounds;

namespace RwaCompute.Reporter.Node.Measurement;

/// <summary>The round engine's epoch clock on the reporters' shared <see cref="EpochSchedule"/>.</summary>
/// <param name="schedule">The schedule.</param>
public sealed class ScheduleEpochClock(EpochSchedule schedule) : IEpochClock
{
    /// <inheritdoc/>
    public ulong? LastClosedEpoch(DateTimeOffset now) => schedule.LastClosedEpochAt(now);

    /// <inheritdoc/>
    public DateTimeOffset EndOf(ulong epoch) => schedule.WindowOf(epoch).End;
}
