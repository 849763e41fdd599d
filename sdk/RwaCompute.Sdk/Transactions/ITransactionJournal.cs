namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// Remembers signed transactions across failures and process runs, so that an operation re-run after an ambiguous
/// failure (a connection cut during the broadcast, Ctrl+C while the receipt was awaited, a node that went away) first
/// resolves its previous attempt — mined: report it; pending: wait; dropped: re-broadcast the same bytes; replaced:
/// forget it — instead of sending a second transaction. Set it on <see cref="TransactionOptions.Journal"/>;
/// <see cref="FileTransactionJournal"/> is the file-backed implementation the CLI uses.
/// </summary>
public interface ITransactionJournal
{
    /// <summary>Finds an earlier, unresolved or mined, attempt of the same call by the same account on the same chain
    /// (same contract and function) that this run has not used yet.</summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="from">The sender.</param>
    /// <param name="transactionCall">The call about to be sent.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The earlier attempt, or <see langword="null"/>.</returns>
    ValueTask<JournaledTransaction?> FindAsync(long chainId, string from, TransactionCall transactionCall, CancellationToken cancellationToken);

    /// <summary>Records a signed transaction before its broadcast (durably: a crash right after must not lose it).</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    ValueTask RecordAsync(JournaledTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Records several signed transactions before their broadcast (a batch's chunk), durably. The default
    /// records them one by one; a journal that can write them at once (<see cref="FileTransactionJournal"/>) should.</summary>
    /// <param name="transactions">The transactions.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    async ValueTask RecordManyAsync(IReadOnlyList<JournaledTransaction> transactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        foreach (var transaction in transactions)
        {
            await RecordAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks several transactions mined successfully. The default marks them one by one.</summary>
    /// <param name="hashes">The transactions.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    async ValueTask MarkMinedManyAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        foreach (var hash in hashes)
        {
            await MarkMinedAsync(hash, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks a transaction mined successfully.</summary>
    /// <param name="hash">The transaction.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    ValueTask MarkMinedAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Forgets a transaction whose outcome is final and needs no resolution (rejected by the node, mined
    /// reverted, replaced).</summary>
    /// <param name="hash">The transaction.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    ValueTask ForgetAsync(string hash, CancellationToken cancellationToken);
}
