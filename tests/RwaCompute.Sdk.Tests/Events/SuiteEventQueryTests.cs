using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Events;
using RwaCompute.Sdk.Tests.Fakes;
using Xunit;

namespace RwaCompute.Sdk.Tests.Events;

public sealed class SuiteEventQueryTests
{
    /// <summary>A node holding <paramref name="logs"/> that refuses ranges over <paramref name="maxBlocks"/> blocks the way
    /// hosted providers do.</summary>
    private static FakeRpcClient Node(IReadOnlyList<FilterLog> logs, long head, long maxBlocks = long.MaxValue, string refusal = "query returned more than 10000 results") =>
        new FakeRpcClient()
            .Returns("eth_blockNumber", new HexBigInteger(head))
            .On("eth_getLogs", p =>
            {
                var (from, to) = RangeOf(p);
                if (to - from + 1 > maxBlocks)
                {
                    throw Rpc.Error(refusal, code: -32005);
                }

                return logs.Where(l => (long)l.BlockNumber.Value >= from && (long)l.BlockNumber.Value <= to).ToArray();
            });

    private static (long From, long To) RangeOf(object?[] parameters)
    {
        var filter = Assert.IsType<NewFilterInput>(parameters[0]);
        return ((long)filter.FromBlock.BlockNumber.Value, (long)filter.ToBlock.BlockNumber.Value);
    }

    private static List<FilterLog> OnePerBlock(int blocks) =>
        [.. Enumerable.Range(0, blocks).Select(b => Logs.UnitsIssued(b, 0, 1_000 + b, Logs.Holder, 1))];

    [Fact]
    public async Task Get_NodeRefusesLargeRanges_HalvesTheChunkAndStillReturnsEveryEventInOrder()
    {
        var logs = OnePerBlock(100);
        logs.Add(Logs.UnitsIssued(40, 1, 9_999, Logs.Holder, 2));
        var node = Node([.. logs.OrderBy(l => (long)l.BlockNumber.Value).ThenBy(l => (long)l.LogIndex.Value)], head: 99, maxBlocks: 10);
        var query = new SuiteEventQuery(Rpc.Over(node), Logs.Suite, new EventQueryOptions { BlockChunkSize = 64 });

        var events = await query.GetAsync(new BlockRange(0, 99));

        Assert.Equal(101, events.Count);
        Assert.Equal(events.OrderBy(e => e.BlockNumber).ThenBy(e => e.LogIndex), events);
        Assert.Equal(new BigInteger(9_999), events[41].As<UnitsIssuedEventDTO>()!.LotId);

        // The accepted requests tile the range exactly: contiguous, no overlap, none over the node's limit.
        var accepted = node.CallsOf("eth_getLogs").Select(c => RangeOf(c.Parameters)).Where(r => r.To - r.From + 1 <= 10).ToList();
        Assert.Equal(0, accepted[0].From);
        Assert.Equal(99, accepted[^1].To);
        Assert.All(accepted.Zip(accepted.Skip(1)), pair => Assert.Equal(pair.First.To + 1, pair.Second.From));
    }

    [Fact]
    public async Task Get_ChunkStillTooLargeAtTheMinimum_RethrowsTheNodesError()
    {
        var node = Node(OnePerBlock(10), head: 9, maxBlocks: 1);
        var query = new SuiteEventQuery(Rpc.Over(node), Logs.Suite, new EventQueryOptions { BlockChunkSize = 8, MinimumChunkSize = 4 });
        var ex = await Assert.ThrowsAsync<RpcResponseException>(() => query.GetAsync(new BlockRange(0, 9)));
        Assert.Contains("more than 10000", ex.RpcError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OpenEndedRange_ReadsTheHeadOnceAndStopsThere()
    {
        var node = Node(OnePerBlock(30), head: 19);
        var query = new SuiteEventQuery(Rpc.Over(node), Logs.Suite, new EventQueryOptions { BlockChunkSize = 8 });

        var events = await query.GetAsync(new BlockRange(5));

        Assert.Equal(Enumerable.Range(5, 15).Select(b => (long)b), events.Select(e => e.BlockNumber));
        Assert.Equal(1, node.CountOf("eth_blockNumber"));
        Assert.Equal(2, node.CountOf("eth_getLogs")); // 5..12, 13..19
    }

    [Fact]
    public async Task Get_FilterNamesTheSuitesAddresses()
    {
        var node = Node([], head: 3);
        await new SuiteEventQuery(Rpc.Over(node), Logs.Suite).GetAsync(new BlockRange(0, 3));
        var filter = Assert.IsType<NewFilterInput>(node.CallsOf("eth_getLogs").Single().Parameters[0]);
        Assert.Equal(Logs.Suite.Values.Order(), filter.Address.Order());
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(6, 5)]
    public async Task Get_EmptyOrNegativeRange_AsksNothing(long from, long to)
    {
        var node = Node([], head: 10);
        Assert.Empty(await new SuiteEventQuery(Rpc.Over(node), Logs.Suite).GetAsync(new BlockRange(from, to)));
        Assert.Equal(0, node.CountOf("eth_getLogs"));
    }

    [Fact]
    public async Task Get_RemovedAndForeignLogs_AreSkipped()
    {
        var removed = Logs.UnitsIssued(1, 0, 1, Logs.Holder, 1);
        removed.Removed = true;
        var foreign = Logs.Log(Logs.Token, 2, 0, "Mystery(uint256)", [], Logs.Word(1));
        var kept = Logs.UnitsIssued(3, 0, 3, Logs.Holder, 1);
        var events = await new SuiteEventQuery(Rpc.Over(Node([removed, foreign, kept], head: 3)), Logs.Suite).GetAsync(new BlockRange(0, 3));
        Assert.Equal(3, Assert.Single(events).BlockNumber);
    }

    [Fact]
    public async Task ByLot_IncludesFollowUpsOfRecordsCreatedForTheLot()
    {
        FilterLog[] logs =
        [
            Logs.UnitsIssued(1, 0, 77, Logs.Holder, 10),
            Logs.UnitsIssued(1, 1, 78, Logs.Holder, 10),
            Logs.PledgeRequested(2, 0, 3, Logs.Holder, 77),
            Logs.PledgeRequested(2, 1, 4, Logs.Holder, 78),
            Logs.PledgeFunded(3, 0, 4, Logs.Lender, 1_000),
            Logs.PledgeFunded(3, 1, 3, Logs.Lender, 1_000),
        ];
        var query = new SuiteEventQuery(Rpc.Over(Node(logs, head: 3)), Logs.Suite);

        var events = await query.ByLotAsync(77, new BlockRange(0, 3));

        Assert.Equal(["UnitsIssued@1.0", "PledgeRequested@2.0", "PledgeFunded@3.1"], events.Select(e => $"{e.Name}@{e.BlockNumber}.{e.LogIndex}"));
    }

    [Fact]
    public async Task ByAccount_MatchesAnyAddressField()
    {
        FilterLog[] logs = [Logs.UnitsIssued(1, 0, 77, Logs.Holder, 10), Logs.PledgeFunded(2, 0, 3, Logs.Lender, 1)];
        var events = await new SuiteEventQuery(Rpc.Over(Node(logs, head: 2)), Logs.Suite).ByAccountAsync(Logs.Lender.ToLowerInvariant(), new BlockRange(0, 2));
        Assert.Equal("PledgeFunded", Assert.Single(events).Name);
    }

    [Fact]
    public async Task ByPool_MatchesThePoolId()
    {
        var pool = Enumerable.Repeat((byte)0x11, 32).ToArray();
        FilterLog[] logs = [Logs.PoolRegistered(1, 0, pool, Logs.Holder), Logs.PoolRegistered(2, 0, new byte[32], Logs.Holder)];
        var events = await new SuiteEventQuery(Rpc.Over(Node(logs, head: 2)), Logs.Suite).ByPoolAsync(pool, new BlockRange(0, 2));
        Assert.Equal(1, Assert.Single(events).BlockNumber);
    }

    [Fact]
    public void Constructor_NonPositiveChunk_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuiteEventQuery(Rpc.Over(new FakeRpcClient()), Logs.Suite, new EventQueryOptions { BlockChunkSize = 0 }));

    /// <summary>SDK BUG (fails until fixed): "limit", "range", "exceed" are in the range-too-large fragments, so a
    /// provider's "rate limit exceeded" (HTTP 429 / -32005) is taken for "range too large": the chunk is halved again
    /// and again and the rest of the scan runs in tiny chunks, multiplying the requests into a provider that is
    /// already throttling. A rate limit must be retried (with back-off) or surfaced, never shrink the chunk.</summary>
    [Fact]
    public async Task Get_RateLimited_DoesNotShrinkTheChunk()
    {
        var throttled = 0;
        var node = new FakeRpcClient()
            .On("eth_getLogs", _ => Interlocked.Increment(ref throttled) <= 3 ? throw Rpc.Error("rate limit exceeded", code: -32005) : Array.Empty<FilterLog>());
        var query = new SuiteEventQuery(Rpc.Over(node), Logs.Suite, new EventQueryOptions { BlockChunkSize = 100 });

        try
        {
            await query.GetAsync(new BlockRange(0, 999));
        }
        catch (RpcResponseException)
        {
            // Surfacing the rate limit is one acceptable answer.
        }

        var spans = node.CallsOf("eth_getLogs").Select(c => RangeOf(c.Parameters)).Select(r => r.To - r.From + 1).ToList();
        Assert.All(spans, span => Assert.Equal(100, span));
    }
}
