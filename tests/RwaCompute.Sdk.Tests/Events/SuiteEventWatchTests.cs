using RwaCompute.Sdk.Errors;
using System.Numerics;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Events;
using RwaCompute.Sdk.Tests.Fakes;
using Xunit;

namespace RwaCompute.Sdk.Tests.Events;

/// <summary>
/// <see cref="SuiteEventQuery.WatchAsync"/> against a scripted chain. Time bounds are guards only: a test waits for
/// the watch to have polled the node a few more times (proof it had every chance to deliver) rather than for a
/// duration.
/// </summary>
public sealed class SuiteEventWatchTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private static WatchOptions Fast(int confirmations, long? from = 1) => new()
    {
        Confirmations = confirmations,
        FromBlock = from,
        PollInterval = TimeSpan.FromMilliseconds(1),
        RetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(4),
    };

    private static SuiteEventQuery Query(FakeChain chain, ListLogger? logger = null, int chunk = 5_000) =>
        new(Rpc.Over(chain.Node), Logs.Suite, new EventQueryOptions { BlockChunkSize = chunk }, logger);

    private static BigInteger Lot(SuiteEvent e) => e.As<UnitsIssuedEventDTO>()!.LotId;

    private static async Task<List<SuiteEvent>> TakeAsync(IAsyncEnumerator<SuiteEvent> watch, int count)
    {
        var events = new List<SuiteEvent>();
        while (events.Count < count)
        {
            Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(Guard), "The watch ended early.");
            events.Add(watch.Current);
        }

        return events;
    }

    /// <summary>Waits until the watch has asked for the head <paramref name="polls"/> more times.</summary>
    private static async Task PollsAsync(FakeChain chain, int polls = 3)
    {
        var target = chain.Node.CountOf("eth_blockNumber") + polls;
        using var guard = new CancellationTokenSource(Guard);
        while (chain.Node.CountOf("eth_blockNumber") < target)
        {
            await Task.Delay(1, guard.Token);
        }
    }

    [Fact]
    public async Task Watch_HeadAdvances_YieldsAnEventOnlyOnceItHasTheConfirmations()
    {
        var chain = new FakeChain();
        chain.Mine(101);
        using var cts = new CancellationTokenSource();
        await using var watch = Query(chain).WatchAsync(Fast(confirmations: 3), cts.Token).GetAsyncEnumerator();

        var next = watch.MoveNextAsync().AsTask();
        await PollsAsync(chain);
        Assert.False(next.IsCompleted); // head 1: one confirmation
        chain.Mine();
        await PollsAsync(chain);
        Assert.False(next.IsCompleted); // head 2: two
        chain.Mine(102);
        Assert.True(await next.WaitAsync(Guard)); // head 3: three

        Assert.Equal((101, 1L), (Lot(watch.Current), watch.Current.BlockNumber));
        Assert.Equal(chain.HashOf(1), watch.Current.BlockHash);
        Assert.Equal(new WatchCursor(1, 0, chain.HashOf(1)), watch.Current.Cursor);

        next = watch.MoveNextAsync().AsTask();
        await PollsAsync(chain);
        Assert.False(next.IsCompleted); // 102 has one confirmation
        chain.Mine();
        chain.Mine();
        Assert.True(await next.WaitAsync(Guard));
        Assert.Equal(102, Lot(watch.Current));
        await cts.CancelAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Watch_ZeroOrOneConfirmation_YieldsAsSoonAsMined(int confirmations)
    {
        var chain = new FakeChain();
        using var cts = new CancellationTokenSource();
        await using var watch = Query(chain).WatchAsync(Fast(confirmations), cts.Token).GetAsyncEnumerator();

        var next = watch.MoveNextAsync().AsTask();
        await PollsAsync(chain);
        chain.Mine(7, 8);

        Assert.True(await next.WaitAsync(Guard));
        Assert.Equal(7, Lot(watch.Current));
        Assert.Equal(8, Lot((await TakeAsync(watch, 1))[0]));
    }

    [Fact]
    public async Task Watch_WithoutStart_BeginsAtTheHead()
    {
        var chain = new FakeChain();
        chain.Mine(1);
        chain.Mine(2);
        chain.Mine(3); // the head when the watch starts
        using var cts = new CancellationTokenSource();
        await using var watch = Query(chain).WatchAsync(Fast(confirmations: 1, from: null), cts.Token).GetAsyncEnumerator();

        Assert.Equal(3, Lot((await TakeAsync(watch, 1))[0]));
        chain.Mine(4);
        Assert.Equal(4, Lot((await TakeAsync(watch, 1))[0]));
    }

    [Fact]
    public async Task Watch_NodeFailsEveryFewCalls_RetriesAndDeliversEveryEventOnceInOrder()
    {
        var chain = new FakeChain();
        for (var lot = 1; lot <= 40; lot++)
        {
            chain.Mine(lot, 1_000 + lot);
        }

        chain.FailEvery(7);
        var logger = new ListLogger();
        using var cts = new CancellationTokenSource();
        await using var watch = Query(chain, logger, chunk: 4).WatchAsync(Fast(confirmations: 2), cts.Token).GetAsyncEnumerator();

        var events = await TakeAsync(watch, 78); // blocks 1..39 are final at head 40

        Assert.Equal(Enumerable.Range(1, 39).SelectMany(lot => new BigInteger[] { lot, 1_000 + lot }), events.Select(Lot));
        Assert.Equal(events.Count, events.Select(e => e.Cursor).Distinct().Count());
        Assert.NotEmpty(logger.Warnings);
        Assert.All(logger.Warnings, w => Assert.Contains("retrying", w, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_NodeDownForAWhile_ResumesFromTheLastDeliveredEvent()
    {
        var chain = new FakeChain();
        chain.Mine(1);
        using var cts = new CancellationTokenSource();
        await using var watch = Query(chain).WatchAsync(Fast(confirmations: 1), cts.Token).GetAsyncEnumerator();
        Assert.Equal(1, Lot((await TakeAsync(watch, 1))[0]));

        chain.FailNext(25);
        chain.Mine(2);
        chain.Mine(3);

        Assert.Equal([2, 3], (await TakeAsync(watch, 2)).Select(Lot));
    }

    [Fact]
    public async Task Watch_ReorgShallowerThanTheConfirmations_NeverYieldsTheOrphanedEvents()
    {
        var chain = new FakeChain();
        chain.Mine(1);
        chain.Mine(2); // head 2: with 3 confirmations, nothing is final yet
        using var cts = new CancellationTokenSource();
        await using var watch = Query(chain).WatchAsync(Fast(confirmations: 3), cts.Token).GetAsyncEnumerator();
        var next = watch.MoveNextAsync().AsTask();
        await PollsAsync(chain);

        chain.Reorg(2, [11], []);
        chain.Mine();
        chain.Mine(12);
        chain.Mine();
        chain.Mine();

        var events = await TakeFromAsync(next, watch, 2);
        Assert.Equal([11, 12], events.Select(Lot));
        Assert.All(events, e => Assert.Equal(chain.HashOf(e.BlockNumber), e.BlockHash));
    }

    [Fact]
    public async Task Watch_ChainReorganizesWhileLogsAreRead_DiscardsThemAndReadsAgain()
    {
        var chain = new FakeChain();
        chain.Mine(1);
        chain.DuringNextGetLogs = () => chain.Reorg(1, [2]);
        using var cts = new CancellationTokenSource();
        await using var watch = Query(chain).WatchAsync(Fast(confirmations: 1), cts.Token).GetAsyncEnumerator();

        var first = (await TakeAsync(watch, 1))[0];

        Assert.Equal(2, Lot(first));
        Assert.Equal(chain.HashOf(1), first.BlockHash);
    }

    [Fact]
    public async Task Watch_DeepReorgOrphaningNoDeliveredEvent_ReadsTheNewBranchFromTheFork()
    {
        var chain = new FakeChain();
        chain.Mine(1);
        var logger = new ListLogger();
        using var cts = new CancellationTokenSource();
        await using var watch = Query(chain, logger).WatchAsync(Fast(confirmations: 1), cts.Token).GetAsyncEnumerator();
        Assert.Equal(1, Lot((await TakeAsync(watch, 1))[0]));

        var next = watch.MoveNextAsync().AsTask();
        chain.Mine();
        chain.Mine();
        await PollsAsync(chain); // blocks 2 and 3 (empty) are read
        chain.Reorg(2, [2], [3]); // deeper than one confirmation, but block 1 stands

        Assert.Equal([2, 3], (await TakeFromAsync(next, watch, 2)).Select(Lot));
        Assert.Contains(logger.Warnings, w => w.Contains("no delivered event was orphaned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_DeepReorgOrphaningADeliveredEvent_ThrowsWithTheForkPoint()
    {
        var chain = new FakeChain();
        chain.Mine(1);
        using var cts = new CancellationTokenSource();
        await using var watch = Query(chain).WatchAsync(Fast(confirmations: 1), cts.Token).GetAsyncEnumerator();
        await TakeAsync(watch, 1);
        chain.Mine(2);
        var orphaned = (await TakeAsync(watch, 1))[0];

        chain.Reorg(1, [3]);

        var ex = await Assert.ThrowsAsync<ChainReorganizedException>(() => watch.MoveNextAsync().AsTask().WaitAsync(Guard));
        Assert.Equal(orphaned.Cursor, ex.Orphaned);
        Assert.Equal(chain.HashOf(2), ex.CanonicalHash);
        Assert.Equal(1, ex.CommonAncestor);
    }

    [Fact]
    public async Task Watch_ResumeAfterCursor_ContinuesExactlyAfterThatEvent()
    {
        var chain = new FakeChain();
        chain.Mine(31, 32, 33);
        chain.Mine(41);
        WatchCursor saved;
        using (var first = new CancellationTokenSource())
        {
            await using var watch = Query(chain).WatchAsync(Fast(confirmations: 1), first.Token).GetAsyncEnumerator();
            saved = (await TakeAsync(watch, 2))[1].Cursor;
        }

        using var cts = new CancellationTokenSource();
        await using var resumed = Query(chain).WatchAsync(Fast(confirmations: 1, from: null) with { ResumeAfter = saved }, cts.Token).GetAsyncEnumerator();

        Assert.Equal(new WatchCursor(1, 1, chain.HashOf(1)), saved);
        Assert.Equal([33, 41], (await TakeAsync(resumed, 2)).Select(Lot));
    }

    [Fact]
    public async Task Watch_ResumeAfterAnOrphanedCursor_Throws()
    {
        var chain = new FakeChain();
        chain.Mine(1);
        var stale = new WatchCursor(1, 0, chain.HashOf(1));
        chain.Reorg(1, [2]);

        var watch = Query(chain).WatchAsync(Fast(confirmations: 1, from: null) with { ResumeAfter = stale });
        var ex = await Assert.ThrowsAsync<ChainReorganizedException>(() => TakeAsync(watch.GetAsyncEnumerator(), 1));
        Assert.Equal(stale, ex.Orphaned);
    }

    [Fact]
    public async Task Watch_NodeRefusesLargeRanges_HalvesTheChunk()
    {
        var chain = new FakeChain { MaxLogRange = 3 };
        for (var lot = 1; lot <= 20; lot++)
        {
            chain.Mine(lot);
        }

        using var cts = new CancellationTokenSource();
        await using var watch = Query(chain, chunk: 16).WatchAsync(Fast(confirmations: 1), cts.Token).GetAsyncEnumerator();

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (BigInteger)i), (await TakeAsync(watch, 20)).Select(Lot));
    }

    [Fact]
    public async Task Watch_PermanentNodeError_EndsTheWatch()
    {
        var chain = new FakeChain();
        chain.Mine(1);
        chain.Node.On("eth_getLogs", _ => throw Rpc.Error("invalid params", code: -32602));
        var watch = Query(chain).WatchAsync(Fast(confirmations: 1));
        await Assert.ThrowsAsync<RpcResponseException>(() => TakeAsync(watch.GetAsyncEnumerator(), 1));
    }

    [Fact]
    public async Task Watch_Cancelled_EndsTheEnumerationWithoutAnException()
    {
        var chain = new FakeChain();
        using var cts = new CancellationTokenSource();
        await using var watch = Query(chain).WatchAsync(Fast(confirmations: 1), cts.Token).GetAsyncEnumerator();
        var next = watch.MoveNextAsync().AsTask();
        await PollsAsync(chain);

        await cts.CancelAsync();

        Assert.False(await next.WaitAsync(Guard));
    }

    [Fact]
    public async Task Watch_ContractAndEventFilters_AskOnlyForThoseContractsAndYieldOnlyThoseEvents()
    {
        var chain = new FakeChain();
        chain.MineLogs(Logs.UnitsIssued(0, 0, 5, Logs.Holder, 1), Logs.BondVaultSet(0, 0, Logs.Lender), Logs.PledgeFunded(0, 0, 3, Logs.Lender, 1));
        chain.Mine(6);
        using var cts = new CancellationTokenSource();
        var options = Fast(confirmations: 1) with { Contracts = ["ComputeCapacityToken"], EventNames = ["UnitsIssued"] };
        await using var watch = Query(chain).WatchAsync(options, cts.Token).GetAsyncEnumerator();

        Assert.Equal([5, 6], (await TakeAsync(watch, 2)).Select(Lot));
        var filter = Assert.IsType<NewFilterInput>(chain.Node.CallsOf("eth_getLogs")[0].Parameters[0]);
        Assert.Equal([Logs.Token], filter.Address);
    }

    [Fact]
    public void Watch_InvalidOptions_AreRefusedBeforeAnyCall()
    {
        var chain = new FakeChain();
        var query = Query(chain);
        Assert.Throws<ArgumentOutOfRangeException>(() => query.WatchAsync(new WatchOptions { Confirmations = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => query.WatchAsync(new WatchOptions { PollInterval = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => query.WatchAsync(new WatchOptions { FromBlock = 1, ResumeAfter = new WatchCursor(1, 0) }));
        Assert.Throws<ArgumentException>(() => query.WatchAsync(new WatchOptions { Contracts = ["Stablecoin"] }));
        Assert.Empty(chain.Node.Calls);
    }

    private static async Task<List<SuiteEvent>> TakeFromAsync(Task<bool> pending, IAsyncEnumerator<SuiteEvent> watch, int count)
    {
        Assert.True(await pending.WaitAsync(Guard));
        return [watch.Current, .. await TakeAsync(watch, count - 1)];
    }
}
