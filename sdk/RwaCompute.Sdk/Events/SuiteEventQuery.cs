using System.Numerics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Events;

/// <summary>
/// Typed queries over the suite's events (token, escrow, oracle): by block range, lot, holder or pool. A range is
/// fetched in chunks of <see cref="EventQueryOptions.BlockChunkSize"/> blocks; a chunk the node refuses as too
/// large is halved and retried, so a long range never exceeds a provider's log limits.
/// </summary>
/// <remarks>Lot, holder and pool filters are applied to the decoded events (a lot id or an account appears at
/// different topic positions, or unindexed, across the suite's events), so they see every event that mentions
/// them.</remarks>
public sealed class SuiteEventQuery
{
    private readonly ChainRpc rpc;
    private readonly EventDecoder decoder;
    private readonly string[] addresses;
    private readonly EventQueryOptions options;
    private readonly Dictionary<string, string> contracts;
    private readonly ILogger logger;

    /// <summary>Creates the query service.</summary>
    /// <param name="rpc">The chain.</param>
    /// <param name="contracts">Contract name → address of the suite.</param>
    /// <param name="options">Chunking.</param>
    /// <param name="logger">Where <see cref="WatchAsync"/> reports retries and reorgs (none when <see langword="null"/>).</param>
    public SuiteEventQuery(ChainRpc rpc, IReadOnlyDictionary<string, string> contracts, EventQueryOptions? options = null, ILogger? logger = null)
    {
        this.rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        ArgumentNullException.ThrowIfNull(contracts);
        decoder = new EventDecoder(contracts);
        this.contracts = new Dictionary<string, string>(contracts, StringComparer.Ordinal);
        addresses = [.. contracts.Values];
        this.logger = logger ?? NullLogger.Instance;
        this.options = options ?? new EventQueryOptions();
        if (this.options.BlockChunkSize < 1 || this.options.MinimumChunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Chunk sizes must be positive.");
        }
    }

    /// <summary>Every suite event in a block range, in chain order.</summary>
    /// <param name="range">The blocks (all when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The events.</returns>
    public async Task<IReadOnlyList<SuiteEvent>> GetAsync(BlockRange? range = null, CancellationToken cancellationToken = default)
    {
        var events = new List<SuiteEvent>();
        await foreach (var item in StreamAsync(range, cancellationToken).ConfigureAwait(false))
        {
            events.Add(item);
        }

        return events;
    }

    /// <summary>Events that concern a lot: those naming it (issuance, transfers, locks, bonds, offer / pledge /
    /// redemption creation) and the later events of the offers, pledges and redemptions created for it in the range
    /// (funded, repaid, claimed, cancelled, delivered, refunded).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="range">The blocks (start it at or before the lot's creation to see every follow-up event).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The events.</returns>
    public Task<IReadOnlyList<SuiteEvent>> ByLotAsync(BigInteger lotId, BlockRange? range = null, CancellationToken cancellationToken = default)
    {
        var related = new EventFields.RelatedRecords();
        return FilterAsync(e => EventFields.MentionsLot(e.Event, lotId, related), range, cancellationToken);
    }

    /// <summary>Events that name an account in any address field (holder, seller, buyer, lender, provider...).</summary>
    /// <param name="account">The account.</param>
    /// <param name="range">The blocks.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The events.</returns>
    public Task<IReadOnlyList<SuiteEvent>> ByAccountAsync(string account, BlockRange? range = null, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        return FilterAsync(e => EventFields.MentionsAccount(e.Event, address), range, cancellationToken);
    }

    /// <summary>Events of a pool (registration, lots created in it, oracle reports).</summary>
    /// <param name="poolId">The pool (32 bytes).</param>
    /// <param name="range">The blocks.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The events.</returns>
    public Task<IReadOnlyList<SuiteEvent>> ByPoolAsync(byte[] poolId, BlockRange? range = null, CancellationToken cancellationToken = default)
    {
        Guard.Bytes32(poolId, nameof(poolId));
        return FilterAsync(e => EventFields.MentionsPool(e.Event, poolId), range, cancellationToken);
    }

    /// <summary>Streams suite events chunk by chunk (memory stays bounded by one chunk).</summary>
    /// <param name="range">The blocks (all when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The events, in chain order.</returns>
    public async IAsyncEnumerable<SuiteEvent> StreamAsync(BlockRange? range = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        range ??= BlockRange.All;
        var to = range.To ?? await rpc.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        if (range.From < 0 || to < range.From)
        {
            yield break;
        }

        var reader = new ChunkedLogReader(rpc, addresses, options);
        var from = range.From;
        while (from <= to)
        {
            var (end, logs) = await reader.ReadAsync(from, to, cancellationToken).ConfigureAwait(false);
            foreach (var log in logs)
            {
                if (!log.Removed && decoder.Decode(log) is { } decoded)
                {
                    yield return decoded;
                }
            }

            from = end + 1;
        }
    }

    /// <summary>
    /// Follows the chain head and yields the suite's events as they become final: an event of block <c>b</c> once
    /// the head reaches <c>b + Confirmations − 1</c>. The enumeration runs until <paramref name="cancellationToken"/>
    /// is cancelled (it then ends without an exception) or a reorg orphans an event already delivered.
    /// </summary>
    /// <param name="options">Start, confirmation depth, polling, filters and resume cursor.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    /// <returns>The events, in chain order, each exactly once.</returns>
    /// <remarks>
    /// <para><b>Guarantees.</b> Events are delivered in chain order (block, then log index) and never twice: the
    /// watch never goes back before the last delivered position. An event is delivered only after the chain at
    /// its block has been read consistently (the hash of the chunk's last block is the same before and after the
    /// logs are read), so a reorg of fewer than <see cref="WatchOptions.Confirmations"/> blocks never reaches a
    /// delivered event, and a chunk the chain changed under is read again rather than delivered.</para>
    /// <para><b>Deeper reorgs.</b> Before each chunk the watch checks that the last block it read is still
    /// canonical. If it is not and no delivered event's block was orphaned, the watch re-reads from the fork (logged
    /// as a warning) and delivers the new chain's events. If a delivered event's block was orphaned, the watch ends
    /// with <see cref="Errors.ChainReorganizedException"/> (the orphaned position and, when known, the last block still
    /// canonical): the application decides how to undo, and restarts.</para>
    /// <para><b>Failures.</b> An unreachable node, rate limits and other transient JSON-RPC errors are retried with
    /// back-off (<see cref="WatchOptions.RetryDelay"/> doubling to <see cref="WatchOptions.MaxRetryDelay"/>) from the
    /// last position, without gaps or repeats; each is logged as a warning. Other errors end the watch.</para>
    /// <para><b>Resuming a process.</b> Each event carries <see cref="SuiteEvent.Cursor"/>; store the last one with
    /// your effects and pass it as <see cref="WatchOptions.ResumeAfter"/> after a restart.</para>
    /// </remarks>
    /// <example>
    /// <code>
    /// var options = new WatchOptions { Confirmations = 3, EventNames = ["UnitsIssued", "Purchased"], ResumeAfter = saved };
    /// await foreach (var e in client.Events.WatchAsync(options, stoppingToken))
    /// {
    ///     if (e.As&lt;UnitsIssuedEventDTO&gt;() is { } issued) { /* ... */ }
    ///     saved = e.Cursor;
    /// }
    /// </code>
    /// </example>
    /// <exception cref="ArgumentException">A setting is out of range, both <see cref="WatchOptions.FromBlock"/> and
    /// <see cref="WatchOptions.ResumeAfter"/> are set, or <see cref="WatchOptions.Contracts"/> names an unknown
    /// contract.</exception>
    public IAsyncEnumerable<SuiteEvent> WatchAsync(WatchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Confirmations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Confirmations, "Confirmations must not be negative.");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.RetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "PollInterval and RetryDelay must be positive, MaxRetryDelay at least RetryDelay.");
        }

        if (options.ReorgHistory < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ReorgHistory, "ReorgHistory must be positive.");
        }

        if (options.FromBlock < 0 || options.ResumeAfter is { BlockNumber: < 0 } or { LogIndex: < 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Blocks and log indices are not negative.");
        }

        if (options.FromBlock is not null && options.ResumeAfter is not null)
        {
            throw new ArgumentException("Set FromBlock or ResumeAfter, not both.", nameof(options));
        }

        var watched = addresses;
        if (options.Contracts is { } names)
        {
            var unknown = names.Where(name => !contracts.ContainsKey(name)).ToList();
            if (names.Count == 0 || unknown.Count > 0)
            {
                throw new ArgumentException($"Contracts must name some of {string.Join(", ", contracts.Keys)}; unknown: {string.Join(", ", unknown)}.", nameof(options));
            }

            watched = [.. names.Distinct(StringComparer.Ordinal).Select(name => contracts[name])];
        }

        return new EventWatcher(rpc, decoder, new ChunkedLogReader(rpc, watched, this.options), options, logger).RunAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<SuiteEvent>> FilterAsync(Func<SuiteEvent, bool> predicate, BlockRange? range, CancellationToken cancellationToken)
    {
        var events = new List<SuiteEvent>();
        await foreach (var item in StreamAsync(range, cancellationToken).ConfigureAwait(false))
        {
            if (predicate(item))
            {
                events.Add(item);
            }
        }

        return events;
    }
}
