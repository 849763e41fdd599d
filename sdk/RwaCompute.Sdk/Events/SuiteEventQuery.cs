using System.Numerics;
using System.Runtime.CompilerServices;
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

    /// <summary>Creates the query service.</summary>
    /// <param name="rpc">The chain.</param>
    /// <param name="contracts">Contract name → address of the suite.</param>
    /// <param name="options">Chunking.</param>
    public SuiteEventQuery(ChainRpc rpc, IReadOnlyDictionary<string, string> contracts, EventQueryOptions? options = null)
    {
        this.rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        ArgumentNullException.ThrowIfNull(contracts);
        decoder = new EventDecoder(contracts);
        addresses = [.. contracts.Values];
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
