namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>The epoch schedule the reporters share.</summary>
public interface IEpochClock
{
    /// <summary>The last epoch that has ended at <paramref name="now"/>, or <see langword="null"/> before the first.</summary>
    /// <param name="now">The time.</param>
    /// <returns>The epoch or <see langword="null"/>.</returns>
    ulong? LastClosedEpoch(DateTimeOffset now);

    /// <summary>When <paramref name="epoch"/> ends (its round starts).</summary>
    /// <param name="epoch">The epoch.</param>
    /// <returns>The end.</returns>
    DateTimeOffset EndOf(ulong epoch);
}
