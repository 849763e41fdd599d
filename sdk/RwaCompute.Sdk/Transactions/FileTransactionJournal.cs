using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// A <see cref="ITransactionJournal"/> in one small JSON file (for example <c>deployments/31337.pending.json</c>),
/// written atomically (temporary file, flush, rename) before every broadcast. Entries belong to an
/// <see cref="Operation"/> — a key the application derives from what the user asked for (the CLI uses the command
/// line) — so a re-run of the same operation finds its own earlier attempts; <see cref="CompleteAsync"/> removes them
/// once the operation succeeded. Entries of other operations stay until their own re-run resolves them
/// (<see cref="ReadAllAsync"/> lists them).
/// </summary>
public sealed class FileTransactionJournal : ITransactionJournal, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Opens (lazily) the journal file for one operation.</summary>
    /// <param name="path">The file (created on the first record).</param>
    /// <param name="operation">The operation key: the same for a re-run of the same request.</param>
    public FileTransactionJournal(string path, string operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        Path = path;
        Operation = operation;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>How long to wait for another process's update of the same file (default 10 s).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The operation this instance records for.</summary>
    public string Operation { get; }

    /// <summary>The journal path of a chain: <c>&lt;directory&gt;/&lt;chainId&gt;.pending.json</c>.</summary>
    /// <param name="directory">The directory (the CLI's deployments directory).</param>
    /// <param name="chainId">The chain.</param>
    /// <returns>The path.</returns>
    public static string PathFor(string directory, long chainId) =>
        System.IO.Path.Combine(directory, chainId.ToString(CultureInfo.InvariantCulture) + ".pending.json");

    /// <inheritdoc/>
    public async ValueTask<JournaledTransaction?> FindAsync(long chainId, string from, TransactionCall transactionCall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactionCall);
        var selector = transactionCall.Data.Length >= 10 ? transactionCall.Data[..10] : transactionCall.Data;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var fileLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            var document = await ReadAsync(cancellationToken).ConfigureAwait(false);
            var match = document.Entries.FirstOrDefault(entry =>
                entry.Operation == Operation
                && entry.ChainId == chainId
                && string.Equals(entry.From, from, StringComparison.OrdinalIgnoreCase)
                && string.Equals(entry.To, transactionCall.To, StringComparison.OrdinalIgnoreCase)
                && entry.Data.StartsWith(selector, StringComparison.OrdinalIgnoreCase)
                && !used.Contains(entry.Hash));
            if (match is null)
            {
                return null;
            }

            used.Add(match.Hash);
            return ToTransaction(match);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask RecordAsync(JournaledTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await UpdateAsync(
            document =>
            {
                document.Entries.RemoveAll(entry => string.Equals(entry.Hash, transaction.Hash, StringComparison.OrdinalIgnoreCase));
                document.Entries.Add(ToEntry(transaction));
                used.Add(transaction.Hash);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records several transactions with one atomic write (a batch's chunk).</summary>
    /// <param name="transactions">The transactions.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public async ValueTask RecordManyAsync(IReadOnlyList<JournaledTransaction> transactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var hashes = new HashSet<string>(transactions.Select(t => t.Hash), StringComparer.OrdinalIgnoreCase);
        await UpdateAsync(
            document =>
            {
                document.Entries.RemoveAll(entry => hashes.Contains(entry.Hash));
                document.Entries.AddRange(transactions.Select(ToEntry));
                used.UnionWith(hashes);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks several transactions mined with one atomic write.</summary>
    /// <param name="hashes">The transactions.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public ValueTask MarkMinedManyAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var set = new HashSet<string>(hashes, StringComparer.OrdinalIgnoreCase);
        return UpdateAsync(
            document =>
            {
                foreach (var entry in document.Entries.Where(entry => set.Contains(entry.Hash)))
                {
                    entry.Mined = true;
                }
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask MarkMinedAsync(string hash, CancellationToken cancellationToken) =>
        UpdateAsync(
            document =>
            {
                foreach (var entry in document.Entries.Where(entry => string.Equals(entry.Hash, hash, StringComparison.OrdinalIgnoreCase)))
                {
                    entry.Mined = true;
                }
            },
            cancellationToken);

    /// <inheritdoc/>
    public ValueTask ForgetAsync(string hash, CancellationToken cancellationToken) =>
        UpdateAsync(document => document.Entries.RemoveAll(entry => string.Equals(entry.Hash, hash, StringComparison.OrdinalIgnoreCase)), cancellationToken);

    /// <summary>Removes this operation's entries: it succeeded, so a later identical request is a new operation.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public ValueTask CompleteAsync(CancellationToken cancellationToken = default) =>
        UpdateAsync(document => document.Entries.RemoveAll(entry => entry.Operation == Operation), cancellationToken);

    /// <summary>Every recorded transaction of every operation.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The transactions with their operation keys.</returns>
    public async Task<IReadOnlyList<(string Operation, JournaledTransaction Transaction)>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var fileLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            var document = await ReadAsync(cancellationToken).ConfigureAwait(false);
            return document.Entries.Select(entry => (entry.Operation, ToTransaction(entry))).ToList();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => gate.Dispose();

    private static JournaledTransaction ToTransaction(PendingJournalEntry entry) =>
        new(
            entry.ChainId,
            entry.Hash,
            entry.From,
            BigInteger.Parse(entry.Nonce, CultureInfo.InvariantCulture),
            entry.To,
            entry.Data,
            BigInteger.Parse(entry.Value, CultureInfo.InvariantCulture),
            BigInteger.Parse(entry.GasLimit, CultureInfo.InvariantCulture),
            entry.SignedTransaction,
            entry.Description,
            entry.RecordedAt)
        { Mined = entry.Mined };

    private PendingJournalEntry ToEntry(JournaledTransaction transaction) => new()
    {
        Operation = Operation,
        ChainId = transaction.ChainId,
        Hash = transaction.Hash,
        From = transaction.From,
        Nonce = transaction.Nonce.ToString(CultureInfo.InvariantCulture),
        To = transaction.To,
        Data = transaction.Data,
        Value = transaction.Value.ToString(CultureInfo.InvariantCulture),
        GasLimit = transaction.GasLimit.ToString(CultureInfo.InvariantCulture),
        SignedTransaction = transaction.SignedTransaction,
        Description = transaction.Description,
        RecordedAt = transaction.RecordedAt,
        Mined = transaction.Mined,
    };

    private async ValueTask UpdateAsync(Action<PendingJournalDocument> change, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another process (a second rwa command) may update the same file: read-modify-write under an exclusive
            // lock file, or one of the two updates would be lost.
            await using var fileLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            var document = await ReadAsync(cancellationToken).ConfigureAwait(false);
            change(document);
            await WriteAsync(document, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Takes the journal's cross-process lock: <c>&lt;path&gt;.lock</c> opened exclusively, retried briefly
    /// while another process holds it.</summary>
    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var lockPath = Path + ".lock";
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(lockPath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var deadline = DateTimeOffset.UtcNow + LockTimeout;
        var delay = TimeSpan.FromMilliseconds(2);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));
            }
            catch (IOException ex)
            {
                throw new IOException($"The pending-transaction journal {Path} stayed locked by another process for {LockTimeout.TotalSeconds:0} s ({lockPath}).", ex);
            }
        }
    }

    private async Task<PendingJournalDocument> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return new PendingJournalDocument();
        }

        try
        {
            await using var stream = File.OpenRead(Path);
            var document = await JsonSerializer.DeserializeAsync(stream, PendingJournalJsonContext.Default.PendingJournalDocument, cancellationToken).ConfigureAwait(false);
            return document ?? new PendingJournalDocument();
        }
        catch (JsonException ex)
        {
            throw new IOException($"The pending-transaction journal {Path} is not valid JSON ({ex.Message}); inspect it (it lists signed transactions whose outcome was unknown) before removing it.", ex);
        }
    }

    private async Task WriteAsync(PendingJournalDocument document, CancellationToken cancellationToken)
    {
        if (document.Entries.Count == 0)
        {
            File.Delete(Path);
            return;
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = Path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, document, PendingJournalJsonContext.Default.PendingJournalDocument, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
