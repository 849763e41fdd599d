using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Cli;

/// <summary>
/// The CLI's pending-transaction journal with a memory of this run: it passes every call on to the file journal and
/// remembers, in order, each transaction this run sent or resolved (a re-run picks up an earlier attempt through
/// <see cref="FindAsync"/>) and whether it was mined — so that <c>--json</c> lists every transaction a command sent,
/// the SDK's automatic approvals included, without the SDK reporting them.
/// </summary>
internal sealed class RecordingTransactionJournal : ITransactionJournal
{
    private readonly ITransactionJournal inner;
    private readonly List<string> order = [];
    private readonly Dictionary<string, (string Description, bool Mined)> seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    /// <summary>Wraps a journal.</summary>
    /// <param name="inner">The journal that persists (the file journal).</param>
    public RecordingTransactionJournal(ITransactionJournal inner)
    {
        this.inner = inner;
    }

    /// <summary>The transactions of this run that were mined successfully, in the order they were sent.</summary>
    public IReadOnlyList<(string Hash, string Description)> Mined
    {
        get
        {
            lock (gate)
            {
                return [.. order.Where(hash => seen[hash].Mined).Select(hash => (hash, seen[hash].Description))];
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<JournaledTransaction?> FindAsync(long chainId, string from, TransactionCall transactionCall, CancellationToken cancellationToken)
    {
        var previous = await inner.FindAsync(chainId, from, transactionCall, cancellationToken).ConfigureAwait(false);
        if (previous is not null)
        {
            Remember(previous.Hash, previous.Description);
        }

        return previous;
    }

    /// <inheritdoc />
    public async ValueTask RecordAsync(JournaledTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await inner.RecordAsync(transaction, cancellationToken).ConfigureAwait(false);
        Remember(transaction.Hash, transaction.Description);
    }

    /// <inheritdoc />
    public async ValueTask MarkMinedAsync(string hash, CancellationToken cancellationToken)
    {
        await inner.MarkMinedAsync(hash, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            if (seen.TryGetValue(hash, out var entry))
            {
                seen[hash] = entry with { Mined = true };
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask ForgetAsync(string hash, CancellationToken cancellationToken)
    {
        await inner.ForgetAsync(hash, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            if (seen.TryGetValue(hash, out var entry))
            {
                seen[hash] = entry with { Mined = false };
            }
        }
    }

    private void Remember(string hash, string description)
    {
        lock (gate)
        {
            if (!seen.ContainsKey(hash))
            {
                order.Add(hash);
                seen[hash] = (description, false);
            }
        }
    }
}
