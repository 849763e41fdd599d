using RwaCompute.Reporter.Epochs;

namespace RwaCompute.Reporter.Configuration;

/// <summary>The epoch schedule every reporter of a pool must share.</summary>
public sealed class EpochOptions
{
    /// <summary>Start of epoch 0 (whole milliseconds).</summary>
    public DateTimeOffset Genesis { get; set; } = DateTimeOffset.UnixEpoch;

    /// <summary>Length of an epoch (whole milliseconds, at least a second).</summary>
    public TimeSpan Length { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The schedule these options describe.</summary>
    /// <returns>The schedule.</returns>
    public EpochSchedule ToSchedule() => new(this.Genesis, this.Length);
}
