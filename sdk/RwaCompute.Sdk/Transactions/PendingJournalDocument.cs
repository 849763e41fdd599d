using System.Text.Json.Serialization;

namespace RwaCompute.Sdk.Transactions;

/// <summary>The file form of a <see cref="FileTransactionJournal"/> (numbers as decimal strings).</summary>
internal sealed class PendingJournalDocument
{
    public int SchemaVersion { get; set; } = 1;

    public List<PendingJournalEntry> Entries { get; set; } = [];
}

/// <summary>One transaction in the file.</summary>
internal sealed class PendingJournalEntry
{
    public string Operation { get; set; } = string.Empty;

    public long ChainId { get; set; }

    public string Hash { get; set; } = string.Empty;

    public string From { get; set; } = string.Empty;

    public string Nonce { get; set; } = "0";

    public string To { get; set; } = string.Empty;

    public string Data { get; set; } = "0x";

    public string Value { get; set; } = "0";

    public string GasLimit { get; set; } = "0";

    public string SignedTransaction { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }

    public bool Mined { get; set; }
}

/// <summary>Source-generated JSON metadata of the pending-transaction journal.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(PendingJournalDocument))]
internal sealed partial class PendingJournalJsonContext : JsonSerializerContext
{
}
