namespace RwaCompute.Sdk.Events;

/// <summary>
/// A position in the suite's event stream: just after the log <paramref name="LogIndex"/> of block
/// <paramref name="BlockNumber"/>. Every event <see cref="SuiteEventQuery.WatchAsync"/> yields carries its own
/// (<see cref="SuiteEvent.Cursor"/>): persist the cursor of the last event your application processed and pass it
/// back as <see cref="WatchOptions.ResumeAfter"/> to restart exactly after that event.
/// </summary>
/// <param name="BlockNumber">The block of the last processed event.</param>
/// <param name="LogIndex">Its log index in the block.</param>
/// <param name="BlockHash">The block's hash, when known: on resume it is compared with the canonical chain, so a
/// restart never continues after an event whose block has since been orphaned (a
/// <see cref="Errors.ChainReorganizedException"/> says so instead).</param>
/// <example>
/// <code>
/// var resume = await store.LoadCursorAsync(ct);                 // null on the first run
/// var options = new WatchOptions { ResumeAfter = resume };
/// await foreach (var e in client.Events.WatchAsync(options, ct))
/// {
///     await HandleAsync(e, ct);
///     await store.SaveCursorAsync(e.Cursor, ct);                // in the same transaction as HandleAsync's effects
/// }
/// </code>
/// </example>
public sealed record WatchCursor(long BlockNumber, long LogIndex, string? BlockHash = null)
{
    /// <summary>Whether an event at (<paramref name="blockNumber"/>, <paramref name="logIndex"/>) comes after this
    /// position.</summary>
    /// <param name="blockNumber">The event's block.</param>
    /// <param name="logIndex">The event's log index.</param>
    /// <returns><see langword="true"/> when the event is later in the chain.</returns>
    public bool IsBefore(long blockNumber, long logIndex) =>
        blockNumber > BlockNumber || (blockNumber == BlockNumber && logIndex > LogIndex);
}
