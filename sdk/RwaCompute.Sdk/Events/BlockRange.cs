namespace RwaCompute.Sdk.Events;

/// <summary>An inclusive block range.</summary>
/// <param name="From">First block.</param>
/// <param name="To">Last block; <see langword="null"/> for the latest block at query time.</param>
public sealed record BlockRange(long From, long? To = null)
{
    /// <summary>From genesis to the latest block.</summary>
    public static BlockRange All { get; } = new(0);
}
