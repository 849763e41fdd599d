namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>
/// Who leads a round: the reporter at position <c>(epoch + attempt) mod n</c> of the oracle's reporter set, where
/// <c>attempt</c> counts the round timeouts since the epoch ended. Every node computes the same leader from the
/// chain's reporter set and its clock, so when a leader is down the next one takes over after one timeout, without
/// any election messages.
/// </summary>
public static class LeaderSchedule
{
    /// <summary>The attempt number at <paramref name="now"/> for a round that started at <paramref name="roundStart"/>.</summary>
    /// <param name="roundStart">When the epoch ended.</param>
    /// <param name="now">The time.</param>
    /// <param name="roundTimeout">How long each leader has.</param>
    /// <returns>0 for the first leader, 1 for the next, …</returns>
    public static ulong AttemptAt(DateTimeOffset roundStart, DateTimeOffset now, TimeSpan roundTimeout)
    {
        if (roundTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(roundTimeout), "The round timeout must be positive.");
        }

        return now <= roundStart ? 0 : (ulong)((now - roundStart).Ticks / roundTimeout.Ticks);
    }

    /// <summary>The leader's position for <paramref name="epoch"/> and <paramref name="attempt"/>.</summary>
    /// <param name="epoch">The epoch.</param>
    /// <param name="attempt">The attempt.</param>
    /// <param name="reporterCount">n, the number of reporters.</param>
    /// <returns>A position in <c>reporters()</c>.</returns>
    public static int LeaderIndex(ulong epoch, ulong attempt, int reporterCount)
    {
        if (reporterCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(reporterCount), "There must be at least one reporter.");
        }

        return (int)(unchecked(epoch + attempt) % (ulong)reporterCount);
    }
}
