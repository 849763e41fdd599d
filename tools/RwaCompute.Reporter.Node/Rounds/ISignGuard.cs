namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>Durable anti-double-sign memory: a reporter never signs two different reports for one pool and epoch,
/// even across crashes and restarts (like a validator's slashing-protection database).</summary>
public interface ISignGuard
{
    /// <summary>Records that this node is about to sign <paramref name="digest"/> for the pool and epoch.</summary>
    /// <param name="poolId">The pool (32 bytes).</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="digest">The report digest (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns><see langword="true"/> when it is the first digest for the pool and epoch, or the same one again;
    /// <see langword="false"/> when another digest was already signed.</returns>
    Task<bool> TryRecordAsync(byte[] poolId, ulong epoch, byte[] digest, CancellationToken cancellationToken);
}
