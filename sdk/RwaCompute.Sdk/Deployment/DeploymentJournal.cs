using System.Text;
using System.Text.Json;

namespace RwaCompute.Sdk.Deployment;

/// <summary>
/// The write-ahead journal beside a manifest: one JSON object per line, appended and flushed to disk before each
/// transaction is broadcast (with its hash, known from signing) and after its receipt. The chain remains the source of
/// truth; the journal lets a re-run find a transaction that was sent but whose outcome was never recorded.
/// </summary>
internal sealed class DeploymentJournal
{
    private readonly List<JournalEntry> entries;

    private DeploymentJournal(string path, List<JournalEntry> entries, int skippedLines)
    {
        Path = path;
        this.entries = entries;
        SkippedLines = skippedLines;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>Lines that could not be parsed (a torn last line after a crash); they are ignored.</summary>
    public int SkippedLines { get; }

    /// <summary>Every entry read or appended, in order.</summary>
    public IReadOnlyList<JournalEntry> Entries => entries;

    /// <summary>The journal path of a chain: <c>&lt;directory&gt;/&lt;chainId&gt;.journal.jsonl</c>.</summary>
    public static string PathFor(string directory, long chainId) =>
        System.IO.Path.Combine(directory, chainId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".journal.jsonl");

    /// <summary>Reads the journal (an absent file is an empty journal).</summary>
    public static async Task<DeploymentJournal> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var entries = new List<JournalEntry>();
        var skipped = 0;
        if (File.Exists(path))
        {
            var lines = await File.ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            foreach (var line in lines)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    var entry = JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalEntry);
                    if (entry is { Step.Length: > 0, State.Length: > 0 })
                    {
                        entries.Add(entry);
                        continue;
                    }
                }
                catch (JsonException)
                {
                    // A torn line (crash mid-append): ignored, the chain is authoritative.
                }

                skipped++;
            }
        }

        return new DeploymentJournal(path, entries, skipped);
    }

    /// <summary>Appends one entry and flushes it to disk.</summary>
    public async Task AppendAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(entry, JournalJsonContext.Default.JournalEntry) + "\n";
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(new UTF8Encoding(false).GetBytes(line), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        entries.Add(entry);
    }

    /// <summary>The transaction hashes journaled for a step (newest first), optionally only those for one predicted
    /// address.</summary>
    public IReadOnlyList<string> TransactionHashes(string step, string? predictedAddress = null) =>
        entries
            .Where(e => string.Equals(e.Step, step, StringComparison.Ordinal) && e.TxHash is not null
                && (predictedAddress is null || e.PredictedAddress is null || EthereumHex.SameHex(e.PredictedAddress, predictedAddress)))
            .Select(e => e.TxHash!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Reverse()
            .ToList();

    /// <summary>The last <c>done</c> entry of a step, if any.</summary>
    public JournalEntry? LastDone(string step, string? predictedAddress = null) =>
        entries.LastOrDefault(e => string.Equals(e.Step, step, StringComparison.Ordinal)
            && string.Equals(e.State, JournalStates.Done, StringComparison.Ordinal)
            && (predictedAddress is null || e.PredictedAddress is null || EthereumHex.SameHex(e.PredictedAddress, predictedAddress)));
}
