using RwaCompute.Sdk.Oracle;

namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>This node's measurement of a pool for an epoch, persisted before it is signed or shared.</summary>
public interface IObservationSource
{
    /// <summary>The pools this node measures (32-byte ids).</summary>
    IReadOnlyList<byte[]> Pools { get; }

    /// <summary>The observation of <paramref name="poolId"/> for <paramref name="epoch"/> (the same values every time
    /// it is asked for the same epoch, even after a restart), or <see langword="null"/> when this node does not measure
    /// the pool or the epoch has not closed.</summary>
    /// <param name="poolId">The pool (32 bytes).</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The observation, or <see langword="null"/>.</returns>
    Task<UtilizationObservation?> ObserveAsync(byte[] poolId, ulong epoch, CancellationToken cancellationToken);
}
