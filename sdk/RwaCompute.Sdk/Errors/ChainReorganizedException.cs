using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Events;

namespace RwaCompute.Sdk.Errors;

/// <summary>
/// A reorg orphaned the block of an event <see cref="SuiteEventQuery.WatchAsync"/> had already delivered (or of the
/// <see cref="WatchOptions.ResumeAfter"/> cursor): the chain reorganized deeper than
/// <see cref="WatchOptions.Confirmations"/>. The watch ends with this exception rather than deliver the new chain's
/// events on top of effects the application applied for events that no longer exist.
/// </summary>
/// <remarks>To recover, undo (or re-check) what the application did for events after block
/// <see cref="CommonAncestor"/> — or, when it is <see langword="null"/>, after a block the application knows to be
/// canonical — and start a new watch with <see cref="WatchOptions.FromBlock"/> = that block + 1. Then raise
/// <see cref="WatchOptions.Confirmations"/>: reorgs this deep should not happen at the configured depth.</remarks>
public sealed class ChainReorganizedException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="orphaned">The last delivered position, whose block is no longer canonical.</param>
    /// <param name="canonicalHash">The hash the canonical chain has now at that height (<see langword="null"/> when
    /// the chain is shorter now).</param>
    /// <param name="commonAncestor">The highest block the watch had read that is still canonical, when it remembers
    /// one below the orphaned block.</param>
    public ChainReorganizedException(WatchCursor orphaned, string? canonicalHash, long? commonAncestor)
        : base(Describe(orphaned, canonicalHash, commonAncestor))
    {
        Orphaned = orphaned ?? throw new ArgumentNullException(nameof(orphaned));
        CanonicalHash = canonicalHash;
        CommonAncestor = commonAncestor;
    }

    /// <summary>The last delivered position; its block (and possibly earlier ones) is no longer canonical.</summary>
    public WatchCursor Orphaned { get; }

    /// <summary>The canonical hash at <see cref="WatchCursor.BlockNumber"/> of <see cref="Orphaned"/> now.</summary>
    public string? CanonicalHash { get; }

    /// <summary>The highest block read by the watch that is still canonical, if it remembers one: events up to it
    /// stand; delivered events after it were orphaned or must be checked.</summary>
    public long? CommonAncestor { get; }

    private static string Describe(WatchCursor orphaned, string? canonicalHash, long? commonAncestor) =>
        $"Block {orphaned?.BlockNumber} ({orphaned?.BlockHash}) of an event already delivered is no longer canonical "
        + $"(the chain has {canonicalHash ?? "no block"} there): a reorg deeper than the confirmation depth. "
        + (commonAncestor is { } ancestor
            ? $"Events up to block {ancestor} stand; treat delivered events after it as orphaned."
            : "The fork point is older than the blocks the watch remembers.");
}
