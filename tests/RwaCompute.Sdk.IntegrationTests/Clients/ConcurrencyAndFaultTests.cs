using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>The transaction pipeline under concurrency and faults: many sends from one account, a node that dies
/// and comes back, a dropped transaction, a reorg under a confirmation wait. Each test runs its own anvil.</summary>
public sealed class ConcurrencyAndFaultTests
{
    private static readonly TransactionOptions Fast = FastTransactions.Options;

    [Fact]
    public async Task FiftyConcurrentIssues_FromOneAccount_AreAllMinedWithConsecutiveNonces()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain, Fast);
        await market.ApproveBondsAsync();
        var bob = SuiteChain.Accounts.Bob.Address;
        var nonceBefore = await chain.Anvil.NonceAsync(SuiteChain.Accounts.Provider.Address);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => market.Provider.Token.IssueAsync(market.LotId, bob, 1)));

        Assert.Equal(50, results.Select(r => r.TransactionHash).Distinct().Count());
        Assert.Equal(50, await market.Bob.Token.BalanceOfAsync(bob, market.LotId));
        Assert.Equal(nonceBefore + 50, await chain.Anvil.NonceAsync(SuiteChain.Accounts.Provider.Address));
    }

    [Fact]
    public async Task PipelinedSends_ThenAwaitAll_AreAllMined()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain, Fast);
        await market.ApproveBondsAsync();
        var sender = market.Provider.Transactions;
        var call = market.Provider.Token.IssueCall(market.LotId, SuiteChain.Accounts.Alice.Address, 2);

        var sent = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => sender.SendAsync(call)));
        var receipts = await Task.WhenAll(sent.Select(tx => sender.WaitAsync(tx)));

        Assert.Equal(Enumerable.Range(0, 30).Select(i => sent.Min(s => s.Nonce) + i), sent.Select(s => s.Nonce).Order());
        Assert.All(receipts, r => Assert.Equal(BigInteger.One, r.Status.Value));
        Assert.Equal(100 + 60, await market.Alice.Token.BalanceOfAsync(SuiteChain.Accounts.Alice.Address, market.LotId));
    }

    [Fact]
    public async Task NodeKilledMidFlow_GivesRpcUnavailable_AndTheRerunCompletesAfterRestart()
    {
        var anvil = await AnvilProcess.StartAsync();
        try
        {
            var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
            var market = await MarketSetup.CreateAsync(chain, Fast);
            await market.ApproveBondsAsync();
            var bob = SuiteChain.Accounts.Bob.Address;
            await market.Provider.Token.IssueAsync(market.LotId, bob, 1);
            var state = await chain.Anvil.DumpStateAsync();

            anvil.Kill();
            var down = await Assert.ThrowsAsync<RpcUnavailableException>(() => market.Provider.Token.IssueAsync(market.LotId, bob, 1));
            Assert.Contains(anvil.RpcUrl, down.Message);

            // The node comes back on the same port with the state it had; the same client re-runs the step.
            await anvil.DisposeAsync();
            anvil = await AnvilProcess.StartAsync(new AnvilOptions { Port = anvil.Port });
            await new AnvilRpc(anvil.RpcUrl).LoadStateAsync(state);
            await market.Provider.Token.IssueAsync(market.LotId, bob, 1);
            await market.Provider.Token.IssueAsync(market.LotId, bob, 1);

            Assert.Equal(3, await market.Bob.Token.BalanceOfAsync(bob, market.LotId));
        }
        finally
        {
            await anvil.DisposeAsync();
        }
    }

    [Fact]
    public async Task DroppedTransaction_IsRebroadcastAndMined()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain, Fast);
        await market.ApproveBondsAsync();
        var sender = market.Provider.Transactions;
        await chain.Anvil.SetAutomineAsync(false);
        using var mining = new CancellationTokenSource();
        try
        {
            var sent = await sender.SendAsync(market.Provider.Token.IssueCall(market.LotId, SuiteChain.Accounts.Bob.Address, 7));
            await chain.Anvil.DropTransactionAsync(sent.Hash);
            Assert.Null(await market.Provider.Rpc.GetTransactionAsync(sent.Hash, default));

            var miner = MineEveryAsync(chain.Anvil, TimeSpan.FromMilliseconds(50), mining.Token);
            var receipt = await sender.WaitAsync(sent);

            Assert.Equal(sent.Hash, receipt.TransactionHash);
            Assert.Equal(BigInteger.One, receipt.Status.Value);
            Assert.Equal(7, await market.Bob.Token.BalanceOfAsync(SuiteChain.Accounts.Bob.Address, market.LotId));
            await mining.CancelAsync();
            await miner;
        }
        finally
        {
            await mining.CancelAsync();
            await chain.Anvil.SetAutomineAsync(true);
        }
    }

    [Fact]
    public async Task Reorg_BeforeConfirmations_ReceiptIsRecheckedAndOnlyACanonicalOneReturned()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var setup = await MarketSetup.CreateAsync(chain, Fast);
        await setup.ApproveBondsAsync();
        var confirmed = await chain.ConnectAsync(SuiteChain.Accounts.Provider, Fast with { Confirmations = 3 });
        var sender = confirmed.Transactions;

        var sent = await sender.SendAsync(confirmed.Token.IssueCall(setup.LotId, SuiteChain.Accounts.Bob.Address, 3));
        // anvil mines on arrival, but not always before the send returns: wait for the first receipt.
        Nethereum.RPC.Eth.DTOs.TransactionReceipt? first = null;
        for (var i = 0; i < 500 && first is null; i++)
        {
            first = await confirmed.Rpc.GetReceiptAsync(sent.Hash, default);
            if (first is null)
            {
                await Task.Delay(10);
            }
        }

        Assert.NotNull(first);

        var waiting = sender.WaitAsync(sent);
        await chain.Anvil.ReorgAsync(1);
        var reorgedBlock = await confirmed.Rpc.GetBlockAsync(new BlockParameter(first!.BlockNumber), default);
        Assert.NotEqual(first.BlockHash, reorgedBlock!.BlockHash);

        using var mining = new CancellationTokenSource();
        var miner = MineEveryAsync(chain.Anvil, TimeSpan.FromMilliseconds(30), mining.Token);
        var receipt = await waiting;
        await mining.CancelAsync();
        await miner;

        var canonical = await confirmed.Rpc.GetBlockAsync(new BlockParameter(receipt.BlockNumber), default);
        Assert.Equal(canonical!.BlockHash, receipt.BlockHash);
        Assert.NotEqual(first.BlockHash, receipt.BlockHash);
        Assert.Equal(3, await confirmed.Token.BalanceOfAsync(SuiteChain.Accounts.Bob.Address, setup.LotId));
    }

    private static async Task MineEveryAsync(AnvilRpc anvil, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await anvil.MineAsync(CancellationToken.None);
                await Task.Delay(interval, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
