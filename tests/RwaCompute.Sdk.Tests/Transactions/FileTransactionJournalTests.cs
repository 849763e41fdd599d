using System.Numerics;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.Tests.Transactions;

public sealed class FileTransactionJournalTests : IDisposable
{
    private const string From = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private const string Escrow = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private readonly string directory = Directory.CreateTempSubdirectory("rwa-journal-").FullName;

    private string PathOf => FileTransactionJournal.PathFor(directory, 31_337);

    private static TransactionCall Purchase(int units) => new(Escrow, "0xabcdef01" + units.ToString("x64", System.Globalization.CultureInfo.InvariantCulture), BigInteger.Zero, "purchase");

    private static JournaledTransaction Entry(string hash, TransactionCall call, int nonce = 7) =>
        new(31_337, hash, From, nonce, call.To, call.Data, call.Value, 120_000, "0x02signed" + hash[2..], call.Description, DateTimeOffset.UnixEpoch);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Recorded_IsFoundByTheSameOperationInTheNextRun_WithEveryField()
    {
        var entry = Entry("0x01", Purchase(10));
        using (var first = new FileTransactionJournal(PathOf, "op-a"))
        {
            await first.RecordAsync(entry, default);
        }

        using var rerun = new FileTransactionJournal(PathOf, "op-a");
        Assert.Equal(entry, await rerun.FindAsync(31_337, From.ToLowerInvariant(), Purchase(10), default));
    }

    [Fact]
    public async Task RecordMany_WritesABatchsChunkAtOnce_InNonceOrder_AndMarkMinedManyMarksThem()
    {
        var entries = Enumerable.Range(0, 5).Select(i => Entry("0x0" + i, Purchase(i), 7 + i)).ToList();
        using (var first = new FileTransactionJournal(PathOf, "op-a"))
        {
            await first.RecordManyAsync(entries, default);
            await first.MarkMinedManyAsync([entries[0].Hash, entries[1].Hash], default);
        }

        using var rerun = new FileTransactionJournal(PathOf, "op-a");
        var all = await rerun.ReadAllAsync();
        Assert.Equal(entries.Select(e => e.Hash), all.Select(a => a.Transaction.Hash));
        Assert.Equal([true, true, false, false, false], all.Select(a => a.Transaction.Mined));
        // A re-run of the batch finds them call by call, in the order they were sent.
        Assert.Equal(entries[0].Hash, (await rerun.FindAsync(31_337, From, Purchase(0), default))!.Hash);
        Assert.Equal(entries[1].Hash, (await rerun.FindAsync(31_337, From, Purchase(1), default))!.Hash);
    }

    [Fact]
    public async Task Find_MatchesContractAndFunction_NotTheArguments_AndEachEntryOncePerRun()
    {
        using (var first = new FileTransactionJournal(PathOf, "op-a"))
        {
            await first.RecordAsync(Entry("0x01", Purchase(10)), default);
        }

        using var rerun = new FileTransactionJournal(PathOf, "op-a");
        // A relative time in the arguments may differ on a re-run: the same function of the same contract matches.
        Assert.NotNull(await rerun.FindAsync(31_337, From, Purchase(11), default));
        Assert.Null(await rerun.FindAsync(31_337, From, Purchase(10), default));
    }

    [Fact]
    public async Task Find_IgnoresOtherOperationsChainsAccountsAndFunctions()
    {
        using (var first = new FileTransactionJournal(PathOf, "op-a"))
        {
            await first.RecordAsync(Entry("0x01", Purchase(10)), default);
        }

        using var other = new FileTransactionJournal(PathOf, "op-b");
        Assert.Null(await other.FindAsync(31_337, From, Purchase(10), default));
        using var same = new FileTransactionJournal(PathOf, "op-a");
        Assert.Null(await same.FindAsync(1, From, Purchase(10), default));
        Assert.Null(await same.FindAsync(31_337, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", Purchase(10), default));
        Assert.Null(await same.FindAsync(31_337, From, Purchase(10) with { Data = "0x12345678" }, default));
    }

    [Fact]
    public async Task MarkMined_Forget_AndComplete_ChangeWhatARerunSees()
    {
        using var journal = new FileTransactionJournal(PathOf, "op-a");
        await journal.RecordAsync(Entry("0x01", Purchase(1), 1), default);
        await journal.RecordAsync(Entry("0x02", Purchase(2) with { Data = "0x11111111" }, 2), default);
        await journal.MarkMinedAsync("0x01", default);
        await journal.ForgetAsync("0x02", default);

        var all = await journal.ReadAllAsync();
        var only = Assert.Single(all);
        Assert.True(only.Transaction.Mined);

        await journal.CompleteAsync();
        Assert.Empty(await journal.ReadAllAsync());
        Assert.False(File.Exists(PathOf)); // an empty journal leaves no file behind
    }

    [Fact]
    public async Task Complete_KeepsOtherOperationsEntries()
    {
        using var a = new FileTransactionJournal(PathOf, "op-a");
        using var b = new FileTransactionJournal(PathOf, "op-b");
        await a.RecordAsync(Entry("0x01", Purchase(1)), default);
        await b.RecordAsync(Entry("0x02", Purchase(2)), default);

        await a.CompleteAsync();

        Assert.Equal("op-b", Assert.Single(await b.ReadAllAsync()).Operation);
    }

    [Fact]
    public async Task CorruptFile_IsAnErrorNamingIt_NotSilentlyEmpty()
    {
        await File.WriteAllTextAsync(PathOf, "{ not json");
        using var journal = new FileTransactionJournal(PathOf, "op-a");

        var error = await Assert.ThrowsAsync<IOException>(() => journal.ReadAllAsync());

        Assert.Contains(PathOf, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R1_TwoProcessesRecordingAtOnce_LoseNoEntry()
    {
        // Two rwa commands (two processes: two journal instances, no shared in-process lock) record at the same time.
        // A lost entry would be a transaction whose re-run cannot find it, and so sends it again.
        using var first = new FileTransactionJournal(PathOf, "op-a");
        using var second = new FileTransactionJournal(PathOf, "op-b");

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 0; i < 150; i++)
                {
                    await first.RecordAsync(Entry("0xa" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture), Purchase(i), i), default);
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < 150; i++)
                {
                    await second.RecordAsync(Entry("0xb" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture), Purchase(i), i), default);
                }
            }));

        Assert.Equal(300, (await first.ReadAllAsync()).Count);
    }
}
