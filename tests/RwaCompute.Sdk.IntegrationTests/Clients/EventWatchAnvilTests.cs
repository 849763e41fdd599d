using RwaCompute.Sdk.Errors;
using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Events;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary><see cref="SuiteEventQuery.WatchAsync"/> on anvil: real transactions, mining under the test's control
/// and <c>anvil_reorg</c>. Each test runs its own anvil. Timeouts are guards against a hang, not expectations.</summary>
public sealed class EventWatchAnvilTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(120);

    private static readonly TransactionOptions Fast = FastTransactions.Options;

    [Fact]
    public async Task Watch_Issues_YieldsExactlyThoseEventsOnceConfirmed_AndNothingFromReorgedBlocks()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain, Fast);
        await market.ApproveBondsAsync();
        var bob = SuiteChain.Accounts.Bob.Address;
        const int confirmations = 3;
        var options = new WatchOptions
        {
            Confirmations = confirmations,
            FromBlock = await chain.Anvil.BlockNumberAsync() + 1,
            PollInterval = TimeSpan.FromMilliseconds(10),
        };
        using var cts = new CancellationTokenSource();
        await using var watch = market.Admin.Events.WatchAsync(options, cts.Token).GetAsyncEnumerator();

        // N issues, one block each (anvil mines on arrival), then the blocks that confirm the last one.
        var issues = new List<TransactionResult>();
        for (var units = 1; units <= 5; units++)
        {
            issues.Add(await market.Provider.Token.IssueAsync(market.LotId, bob, units));
        }

        for (var i = 1; i < confirmations; i++)
        {
            await chain.Anvil.MineAsync();
        }

        var delivered = await TakeUntilAsync(watch, seen => seen.Count(e => e.Name == "UnitsIssued") == issues.Count);
        var issued = delivered.Where(e => e.Name == "UnitsIssued").ToList();
        Assert.Equal(issues.Select(r => r.TransactionHash), issued.Select(e => e.TransactionHash));
        Assert.Equal(Enumerable.Range(1, 5).Select(u => (BigInteger)u), issued.Select(e => e.As<UnitsIssuedEventDTO>()!.Units));
        Assert.All(issued, e => Assert.Equal(market.LotId, e.As<UnitsIssuedEventDTO>()!.LotId));

        // Two transfers (from Alice, so the provider's nonces stay untouched) land in the last two blocks, which a
        // 2-deep reorg then replaces before they have three confirmations.
        await market.Alice.Token.TransferAsync(bob, market.LotId, 11);
        await market.Alice.Token.TransferAsync(bob, market.LotId, 12);
        var head = await chain.Anvil.BlockNumberAsync();
        var orphaned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var block = head - 1; block <= head; block++)
        {
            orphaned.Add((await market.Admin.Rpc.GetBlockAsync(new BlockParameter(new HexBigInteger(block)), default))!.BlockHash);
        }

        await chain.Anvil.ReorgAsync(2);

        var marker = await market.Provider.Token.IssueAsync(market.LotId, bob, 99);
        for (var i = 1; i < confirmations; i++)
        {
            await chain.Anvil.MineAsync();
        }

        delivered.AddRange(await TakeUntilAsync(watch, seen => seen.Any(e => e.TransactionHash == marker.TransactionHash)));

        Assert.DoesNotContain(delivered, e => e.BlockHash is not null && orphaned.Contains(e.BlockHash));
        Assert.Equal(delivered.Count, delivered.Select(e => (e.TransactionHash, e.LogIndex)).Distinct().Count());
        Assert.Equal(delivered.OrderBy(e => e.BlockNumber).ThenBy(e => e.LogIndex), delivered);
        foreach (var e in delivered)
        {
            var canonical = await market.Admin.Rpc.GetBlockAsync(new BlockParameter(new HexBigInteger(e.BlockNumber)), default);
            Assert.Equal(canonical!.BlockHash, e.BlockHash, StringComparer.OrdinalIgnoreCase);
        }

        await cts.CancelAsync();
        Assert.False(await watch.MoveNextAsync());
    }

    [Fact]
    public async Task Watch_ReorgDeeperThanTheConfirmations_ThrowsForTheOrphanedDeliveredEvent()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain, Fast);
        var bob = SuiteChain.Accounts.Bob.Address;
        var options = new WatchOptions
        {
            Confirmations = 1,
            FromBlock = await chain.Anvil.BlockNumberAsync() + 1,
            PollInterval = TimeSpan.FromMilliseconds(10),
        };
        await using var watch = market.Admin.Events.WatchAsync(options).GetAsyncEnumerator();

        var transfer = await market.Alice.Token.TransferAsync(bob, market.LotId, 5);
        var delivered = await TakeUntilAsync(watch, seen => seen.Any(e => e.TransactionHash == transfer.TransactionHash));
        await chain.Anvil.ReorgAsync(1);

        var ex = await Assert.ThrowsAsync<ChainReorganizedException>(() => watch.MoveNextAsync().AsTask().WaitAsync(Guard));
        Assert.Equal(delivered[^1].Cursor, ex.Orphaned);
        Assert.True(ex.CommonAncestor is null || ex.CommonAncestor < transfer.BlockNumber);
    }

    private static async Task<List<SuiteEvent>> TakeUntilAsync(IAsyncEnumerator<SuiteEvent> watch, Func<List<SuiteEvent>, bool> done)
    {
        var events = new List<SuiteEvent>();
        while (!done(events))
        {
            Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(Guard), "The watch ended early.");
            events.Add(watch.Current);
        }

        return events;
    }
}
