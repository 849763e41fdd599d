namespace RwaCompute.Reporter.Epochs;

/// <summary>
/// Fixed-length epochs counted from a genesis instant: epoch <c>n</c> is
/// [<c>genesis + n × length</c>, <c>genesis + (n + 1) × length</c>). Every reporter with the same configuration
/// computes the same windows, which is what lets their observations agree.
/// </summary>
/// <example>With genesis 1970-01-01T00:00Z and a length of one hour, epoch 495 000 starts at 2026-06-20T00:00Z.</example>
public sealed class EpochSchedule
{
    /// <summary>Creates a schedule.</summary>
    /// <param name="genesis">Start of epoch 0.</param>
    /// <param name="length">Length of every epoch; whole milliseconds, at least one second.</param>
    /// <exception cref="ArgumentOutOfRangeException">The length is shorter than a second or not whole milliseconds.</exception>
    public EpochSchedule(DateTimeOffset genesis, TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, TimeSpan.FromSeconds(1));
        if (length.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The epoch length must be whole milliseconds.");
        }

        this.Genesis = genesis;
        this.Length = length;
    }

    /// <summary>Start of epoch 0.</summary>
    public DateTimeOffset Genesis { get; }

    /// <summary>Length of every epoch.</summary>
    public TimeSpan Length { get; }

    /// <summary>The window of an epoch.</summary>
    /// <param name="epoch">The epoch number.</param>
    /// <returns>Its window.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The epoch ends after <see cref="DateTimeOffset.MaxValue"/>.</exception>
    public EpochWindow WindowOf(ulong epoch)
    {
        var whole = (ulong)((DateTimeOffset.MaxValue - this.Genesis).Ticks / this.Length.Ticks);
        if (epoch >= whole)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "The epoch ends after the last representable instant.");
        }

        var start = this.Genesis + TimeSpan.FromTicks((long)epoch * this.Length.Ticks);
        return new EpochWindow(epoch, start, start + this.Length);
    }

    /// <summary>The epoch that contains an instant.</summary>
    /// <param name="instant">The instant; not before <see cref="Genesis"/>.</param>
    /// <returns>The epoch number.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The instant is before genesis.</exception>
    public ulong EpochAt(DateTimeOffset instant)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instant, this.Genesis);
        return (ulong)((instant - this.Genesis).Ticks / this.Length.Ticks);
    }

    /// <summary>The last epoch that has fully ended at an instant, or <see langword="null"/> when none has.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The latest closed epoch.</returns>
    public ulong? LastClosedEpochAt(DateTimeOffset now)
    {
        if (now < this.Genesis + this.Length)
        {
            return null;
        }

        return this.EpochAt(now) - 1;
    }
}
