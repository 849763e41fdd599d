using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Tests.Fakes;

/// <summary>An in-memory <see cref="ITransactionJournal"/> that matches calls like the file journal (same contract and
/// selector, each entry once per instance) and records the order of events.</summary>
internal sealed class MemoryJournal : ITransactionJournal
{
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    public List<JournaledTransaction> Entries { get; } = [];

    public List<string> Events { get; } = [];

    /// <summary>The same entries, as a new run (another process) would see them.</summary>
    public MemoryJournal NextRun()
    {
        var next = new MemoryJournal();
        next.Entries.AddRange(Entries);
        return next;
    }

    public ValueTask<JournaledTransaction?> FindAsync(long chainId, string from, TransactionCall transactionCall, CancellationToken cancellationToken)
    {
        var match = Entries.FirstOrDefault(e => e.ChainId == chainId && string.Equals(e.From, from, StringComparison.OrdinalIgnoreCase)
            && string.Equals(e.To, transactionCall.To, StringComparison.OrdinalIgnoreCase) && string.Equals(e.Selector, transactionCall.Data.Length >= 10 ? transactionCall.Data[..10] : transactionCall.Data, StringComparison.OrdinalIgnoreCase)
            && !used.Contains(e.Hash));
        if (match is not null)
        {
            used.Add(match.Hash);
        }

        return ValueTask.FromResult(match);
    }

    public ValueTask RecordAsync(JournaledTransaction transaction, CancellationToken cancellationToken)
    {
        Entries.Add(transaction);
        used.Add(transaction.Hash);
        Events.Add("record " + transaction.Hash);
        return ValueTask.CompletedTask;
    }

    public ValueTask MarkMinedAsync(string hash, CancellationToken cancellationToken)
    {
        var index = Entries.FindIndex(e => e.Hash == hash);
        if (index >= 0)
        {
            Entries[index] = Entries[index] with { Mined = true };
        }

        Events.Add("mined " + hash);
        return ValueTask.CompletedTask;
    }

    public ValueTask ForgetAsync(string hash, CancellationToken cancellationToken)
    {
        Entries.RemoveAll(e => e.Hash == hash);
        Events.Add("forget " + hash);
        return ValueTask.CompletedTask;
    }
}
