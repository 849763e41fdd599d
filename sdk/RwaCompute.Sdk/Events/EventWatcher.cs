using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Events;

/// <summary>
/// One run of <see cref="SuiteEventQuery.WatchAsync"/>: follows the head, reads the logs of final blocks chunk by
/// chunk and remembers the hash of the last block of each chunk (a checkpoint) to notice reorgs below it.
/// </summary>
/// <remarks>
/// <para>Each step reads head <c>h</c>; the final blocks are those up to <c>h − max(1, confirmations) + 1</c>. For
/// the chunk <c>next .. to</c> it reads the hash of <c>to</c>, checks the latest checkpoint is still canonical, reads
/// the logs, and reads the hash of <c>to</c> again. A block hash commits to every block before it, so equal hashes
/// mean the node served one chain throughout: the logs are that chain's and it extends the checkpoint. A different
/// hash means the chain moved under the read: the logs are discarded and read again.</para>
/// <para>A checkpoint that is no longer canonical is a reorg deeper than the confirmation depth. If the block of the
/// last delivered event is still canonical, every delivered event stands (its ancestors are canonical too): the
/// watch walks back to the newest canonical checkpoint — never before the last delivered event — and reads again,
/// skipping every position up to the last delivered one, so nothing is delivered twice. Otherwise it throws
/// <see cref="ChainReorganizedException"/>.</para>
/// </remarks>
internal sealed partial class EventWatcher
{
    private readonly ChainRpc rpc;
    private readonly EventDecoder decoder;
    private readonly ChunkedLogReader reader;
    private readonly WatchOptions options;
    private readonly HashSet<string>? eventNames;
    private readonly ILogger logger;
    private readonly List<Checkpoint> checkpoints = [];

    // The next block to read (null until the head is known) and the first block of the watch.
    private long? next;
    private long start;

    // The position of the last delivered event (or the resume cursor): nothing at or before it is delivered again.
    private WatchCursor? delivered;

    public EventWatcher(ChainRpc rpc, EventDecoder decoder, ChunkedLogReader reader, WatchOptions options, ILogger logger)
    {
        this.rpc = rpc;
        this.decoder = decoder;
        this.reader = reader;
        this.options = options;
        this.logger = logger;
        eventNames = options.EventNames is { } names ? new HashSet<string>(names, StringComparer.Ordinal) : null;
        if (options.ResumeAfter is { } cursor)
        {
            delivered = cursor;
            next = start = cursor.BlockNumber;
        }
        else if (options.FromBlock is { } from)
        {
            next = start = from;
        }
    }

    private enum Verdict
    {
        Stands,
        Rewound,
        Unknown,
    }

    public async IAsyncEnumerable<SuiteEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<SuiteEvent> batch;
            try
            {
                batch = await NextBatchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            foreach (var item in batch)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }

                delivered = item.Cursor;
                yield return item;
            }
        }
    }

    /// <summary>Steps until a chunk yields events, waiting a poll interval when caught up and retrying failures with
    /// back-off; every retry resumes from the state of the last completed step.</summary>
    private async Task<IReadOnlyList<SuiteEvent>> NextBatchAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            List<SuiteEvent>? events;
            try
            {
                events = await StepAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                failures++;
                var delay = Backoff(failures);
                LogRetry(logger, failures, next, delay, ex.GetBaseException().Message);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (events is null)
            {
                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
            else if (events.Count > 0)
            {
                return events;
            }
        }
    }

    /// <summary>One chunk: the events read (possibly none) to go on at once, or <see langword="null"/> to wait for
    /// the next poll (nothing final to read, or the node lags behind blocks it already reported).</summary>
    private async Task<List<SuiteEvent>?> StepAsync(CancellationToken cancellationToken)
    {
        var head = await rpc.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        if (next is null)
        {
            next = start = head;
        }

        var safe = head - Math.Max(1, options.Confirmations) + 1;
        if (safe < next)
        {
            // Nothing final to read yet; still check that what was delivered stands, to report a deep reorg promptly.
            return await VerifyAsync(cancellationToken).ConfigureAwait(false) == Verdict.Rewound ? [] : null;
        }

        var to = Math.Min(safe, next.Value + reader.ChunkSize - 1);
        var before = await HashAsync(to, cancellationToken).ConfigureAwait(false);
        if (before is null)
        {
            return null;
        }

        switch (await VerifyAsync(cancellationToken).ConfigureAwait(false))
        {
            case Verdict.Rewound:
                return [];
            case Verdict.Unknown:
                return null;
        }

        var (end, logs) = await reader.ReadAsync(next.Value, to, cancellationToken).ConfigureAwait(false);
        var after = await HashAsync(to, cancellationToken).ConfigureAwait(false);
        if (!SameHash(before, after))
        {
            LogChainMoved(logger, to, next.Value);
            return [];
        }

        Remember(new Checkpoint(to, before, end));
        next = end + 1;
        return Decode(logs);
    }

    /// <summary>Checks that the latest checkpoint (or, before the first, the resume cursor) is still canonical.</summary>
    private async Task<Verdict> VerifyAsync(CancellationToken cancellationToken)
    {
        if (checkpoints.Count > 0)
        {
            var latest = checkpoints[^1];
            var hash = await HashAsync(latest.Block, cancellationToken).ConfigureAwait(false);
            if (hash is null)
            {
                return Verdict.Unknown;
            }

            return SameHash(hash, latest.Hash) ? Verdict.Stands : await RewindAsync(latest, hash, cancellationToken).ConfigureAwait(false);
        }

        if (delivered is { BlockHash: { } expected } cursor)
        {
            var hash = await HashAsync(cursor.BlockNumber, cancellationToken).ConfigureAwait(false);
            if (hash is null)
            {
                return Verdict.Unknown;
            }

            if (!SameHash(hash, expected))
            {
                throw Orphaned(cursor, hash, null);
            }
        }

        return Verdict.Stands;
    }

    /// <summary>A reorg below a checkpoint: throws if a delivered event was orphaned, else moves back to the newest
    /// canonical checkpoint (never before the last delivered event).</summary>
    private async Task<Verdict> RewindAsync(Checkpoint orphaned, string canonical, CancellationToken cancellationToken)
    {
        if (delivered is { } cursor)
        {
            if (cursor.BlockHash is null)
            {
                // The node reported no block hash with the log: whether its block survived cannot be told.
                throw Orphaned(cursor, null, await CommonAncestorAsync(cursor.BlockNumber, cancellationToken).ConfigureAwait(false));
            }

            var hash = await HashAsync(cursor.BlockNumber, cancellationToken).ConfigureAwait(false);
            if (hash is null)
            {
                return Verdict.Unknown;
            }

            if (!SameHash(hash, cursor.BlockHash))
            {
                throw Orphaned(cursor, hash, await CommonAncestorAsync(cursor.BlockNumber, cancellationToken).ConfigureAwait(false));
            }
        }

        // Every delivered event stands. Read again from the fork, but never from before the last delivered event:
        // its block and the blocks before it are canonical and were read.
        var floor = delivered?.BlockNumber ?? start;
        var resume = floor;
        var keep = 0;
        for (var i = checkpoints.Count - 2; i >= 0 && checkpoints[i].ReadThrough + 1 > floor; i--)
        {
            var hash = await HashAsync(checkpoints[i].Block, cancellationToken).ConfigureAwait(false);
            if (hash is not null && SameHash(hash, checkpoints[i].Hash))
            {
                resume = checkpoints[i].ReadThrough + 1;
                keep = i + 1;
                break;
            }
        }

        checkpoints.RemoveRange(keep, checkpoints.Count - keep);
        LogReorg(logger, orphaned.Block, orphaned.Hash, canonical, resume);
        next = resume;
        return Verdict.Rewound;
    }

    private async Task<long?> CommonAncestorAsync(long below, CancellationToken cancellationToken)
    {
        for (var i = checkpoints.Count - 1; i >= 0; i--)
        {
            if (checkpoints[i].Block >= below)
            {
                continue;
            }

            var hash = await HashAsync(checkpoints[i].Block, cancellationToken).ConfigureAwait(false);
            if (hash is not null && SameHash(hash, checkpoints[i].Hash))
            {
                return checkpoints[i].Block;
            }
        }

        return null;
    }

    private ChainReorganizedException Orphaned(WatchCursor cursor, string? canonical, long? ancestor)
    {
        var exception = new ChainReorganizedException(cursor, canonical, ancestor);
        LogOrphaned(logger, exception, cursor.BlockNumber, cursor.LogIndex);
        return exception;
    }

    private List<SuiteEvent> Decode(FilterLog[] logs)
    {
        var events = new List<SuiteEvent>();
        foreach (var log in logs)
        {
            if (log.Removed || decoder.Decode(log) is not { } decoded)
            {
                continue;
            }

            if ((eventNames is null || eventNames.Contains(decoded.Name)) && (delivered is null || delivered.IsBefore(decoded.BlockNumber, decoded.LogIndex)))
            {
                events.Add(decoded);
            }
        }

        // Nodes return logs in chain order; sorting costs little and makes the cursor's monotonicity not depend on it.
        events.Sort((a, b) => a.BlockNumber != b.BlockNumber ? a.BlockNumber.CompareTo(b.BlockNumber) : a.LogIndex.CompareTo(b.LogIndex));
        return events;
    }

    private void Remember(Checkpoint checkpoint)
    {
        checkpoints.Add(checkpoint);
        if (checkpoints.Count > options.ReorgHistory)
        {
            checkpoints.RemoveRange(0, checkpoints.Count - options.ReorgHistory);
        }
    }

    private async Task<string?> HashAsync(long block, CancellationToken cancellationToken) =>
        (await rpc.GetBlockAsync(new BlockParameter(new HexBigInteger(block)), cancellationToken).ConfigureAwait(false))?.BlockHash;

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.RetryDelay.Ticks * factor, options.MaxRetryDelay.Ticks));
        return delay;
    }

    private static bool SameHash(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        RpcUnavailableException => true,

        // Rate limits, "header not found" from a lagging node behind a load balancer, internal errors. A range the
        // node refuses even at the minimum chunk, or a method it does not serve, will not get better by waiting.
        RpcResponseException response => !ChunkedLogReader.IsRangeTooLarge(response) && response.RpcError?.Code is not (-32601 or -32602),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching events: RPC failure {Failures} in a row ({Reason}); retrying from block {Next} in {Delay}.")]
    private static partial void LogRetry(ILogger logger, int failures, long? next, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching events: the chain changed at or below block {Block} while its logs were read; reading again from block {Next}.")]
    private static partial void LogChainMoved(ILogger logger, long block, long next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching events: block {Block} is no longer {Hash} but {Canonical} (a reorg deeper than the confirmation depth); no delivered event was orphaned, reading again from block {Next}.")]
    private static partial void LogReorg(ILogger logger, long block, string hash, string canonical, long next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching events: the block of the delivered event at block {Block}, log {LogIndex} was orphaned by a reorg deeper than the confirmation depth; the watch stops.")]
    private static partial void LogOrphaned(ILogger logger, Exception exception, long block, long logIndex);

    /// <summary>The hash of block <paramref name="Block"/> when logs were read through <paramref name="ReadThrough"/>
    /// (at most <paramref name="Block"/>: a chunk the node refused is shortened).</summary>
    private sealed record Checkpoint(long Block, string Hash, long ReadThrough);
}
