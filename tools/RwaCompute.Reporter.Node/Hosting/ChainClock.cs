namespace RwaCompute.Reporter.Node.Hosting;

/// <summary>Wall time shifted by a fixed offset: the node follows a chain whose time was moved (a devnet after
/// <c>evm_increaseTime</c>), so that observation times fall within the oracle's age limit.</summary>
/// <param name="offset">Chain time minus wall time, measured once at start.</param>
public sealed class ChainClock(TimeSpan offset) : TimeProvider
{
    /// <summary>The offset.</summary>
    public TimeSpan Offset { get; } = offset;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
