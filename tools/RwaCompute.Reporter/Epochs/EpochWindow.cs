namespace RwaCompute.Reporter.Epochs;

/// <summary>One epoch's window of time, [<paramref name="Start"/>, <paramref name="End"/>).</summary>
/// <param name="Epoch">The epoch number.</param>
/// <param name="Start">First instant of the epoch (inclusive).</param>
/// <param name="End">End of the epoch (exclusive).</param>
public sealed record EpochWindow(ulong Epoch, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The epoch's length.</summary>
    public TimeSpan Length => this.End - this.Start;
}
