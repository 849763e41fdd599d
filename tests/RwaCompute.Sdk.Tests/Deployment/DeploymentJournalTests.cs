using RwaCompute.Sdk.Deployment;
using Xunit;

namespace RwaCompute.Sdk.Tests.Deployment;

public sealed class DeploymentJournalTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "rwa-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AppendThenOpen_ReadsTheEntriesBack()
    {
        var path = DeploymentJournal.PathFor(directory, 31337);
        var journal = await DeploymentJournal.OpenAsync(path, CancellationToken.None);
        await journal.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = "ComputeCapacityToken", State = JournalStates.Intent, PredictedAddress = ManifestSamples.TokenAddress }, CancellationToken.None);
        await journal.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = "ComputeCapacityToken", State = JournalStates.Sent, PredictedAddress = ManifestSamples.TokenAddress, TxHash = ManifestSamples.Hash1 }, CancellationToken.None);
        await journal.AppendAsync(new JournalEntry { At = DateTimeOffset.UtcNow, Step = "ComputeCapacityToken", State = JournalStates.Done, PredictedAddress = ManifestSamples.TokenAddress, TxHash = ManifestSamples.Hash1, Block = 3 }, CancellationToken.None);

        var reopened = await DeploymentJournal.OpenAsync(path, CancellationToken.None);

        Assert.Equal(Path.Combine(directory, "31337.journal.jsonl"), path);
        Assert.Equal(3, reopened.Entries.Count);
        Assert.Equal([ManifestSamples.Hash1], reopened.TransactionHashes("ComputeCapacityToken"));
        Assert.Equal(3, reopened.LastDone("ComputeCapacityToken")!.Block);
        Assert.Null(reopened.LastDone("UtilizationOracle"));
        Assert.Contains("\"state\":\"sent\"", (await File.ReadAllLinesAsync(path))[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_TornLastLine_IsSkipped()
    {
        Directory.CreateDirectory(directory);
        var path = DeploymentJournal.PathFor(directory, 1);
        await File.WriteAllTextAsync(path, "{\"step\":\"ComputeEscrow\",\"state\":\"sent\",\"txHash\":\"" + ManifestSamples.Hash2 + "\"}\n{\"step\":\"Comp");

        var journal = await DeploymentJournal.OpenAsync(path, CancellationToken.None);

        Assert.Equal(1, journal.SkippedLines);
        Assert.Equal([ManifestSamples.Hash2], journal.TransactionHashes("ComputeEscrow"));
    }

    [Fact]
    public async Task TransactionHashes_AreNewestFirstAndFilteredByPredictedAddress()
    {
        var journal = await DeploymentJournal.OpenAsync(DeploymentJournal.PathFor(directory, 1), CancellationToken.None);
        await journal.AppendAsync(new JournalEntry { Step = "s", State = JournalStates.Sent, PredictedAddress = ManifestSamples.TokenAddress, TxHash = ManifestSamples.Hash1 }, CancellationToken.None);
        await journal.AppendAsync(new JournalEntry { Step = "s", State = JournalStates.Sent, PredictedAddress = ManifestSamples.TokenAddress, TxHash = ManifestSamples.Hash2 }, CancellationToken.None);
        await journal.AppendAsync(new JournalEntry { Step = "s", State = JournalStates.Sent, PredictedAddress = ManifestSamples.OracleAddress, TxHash = ManifestSamples.Hash3 }, CancellationToken.None);

        Assert.Equal([ManifestSamples.Hash2, ManifestSamples.Hash1], journal.TransactionHashes("s", ManifestSamples.TokenAddress));
        Assert.Equal([ManifestSamples.Hash3, ManifestSamples.Hash2, ManifestSamples.Hash1], journal.TransactionHashes("s"));
    }
}
