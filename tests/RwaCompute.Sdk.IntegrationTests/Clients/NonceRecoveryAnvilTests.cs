using System.Numerics;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>R-3 on a real node: a chain that goes backwards, a node restarted from saved state. Each test runs its own
/// anvil.</summary>
public sealed class NonceRecoveryAnvilTests
{
    private static readonly TransactionOptions Fast = FastTransactions.Options;

    [Fact]
    public async Task R3_ChainLostItsLastBlocks_LostSuccessesAreRebroadcastAndTheNextSendIsMined()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain, Fast);
        await market.ApproveBondsAsync();
        var bob = SuiteChain.Accounts.Bob.Address;
        var provider = SuiteChain.Accounts.Provider.Address;
        var nonceBefore = await chain.Anvil.NonceAsync(provider);
        var snapshot = await chain.Anvil.SnapshotAsync();
        for (var i = 0; i < 5; i++)
        {
            await market.Provider.Token.IssueAsync(market.LotId, bob, 1); // reported mined...
        }

        await chain.Anvil.RevertAsync(snapshot); // ...and gone: the node lost its last blocks
        Assert.Equal(nonceBefore, await chain.Anvil.NonceAsync(provider));

        // The client still counts from nonce + 5: this transaction waits behind a gap the SDK must notice and refill.
        await market.Provider.Token.IssueAsync(market.LotId, bob, 1);

        Assert.Equal(nonceBefore + 6, await chain.Anvil.NonceAsync(provider));
        Assert.Equal(6, await market.Bob.Token.BalanceOfAsync(bob, market.LotId));
    }

    [Fact]
    public async Task R3_NodeRestartedFromSavedState_MinedTransactionsAreNeverDeclaredDropped()
    {
        var anvil = await AnvilProcess.StartAsync();
        try
        {
            var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
            var market = await MarketSetup.CreateAsync(chain, Fast with { ReceiptTimeout = TimeSpan.FromSeconds(20) });
            await market.ApproveBondsAsync();
            var bob = SuiteChain.Accounts.Bob.Address;
            var sender = market.Provider.Transactions;
            await chain.Anvil.SetAutomineAsync(false);
            var sent = new List<SentTransaction>();
            for (var i = 0; i < 20; i++)
            {
                sent.Add(await sender.SendAsync(market.Provider.Token.IssueCall(market.LotId, bob, 1)));
            }

            await chain.Anvil.MineAsync();
            var state = await chain.Anvil.DumpStateAsync();
            anvil.Kill();
            await anvil.DisposeAsync();
            anvil = await AnvilProcess.StartAsync(new AnvilOptions { Port = anvil.Port });
            await new AnvilRpc(anvil.RpcUrl).LoadStateAsync(state);

            var outcomes = await Task.WhenAll(sent.Select(async tx =>
            {
                try
                {
                    await sender.WaitAsync(tx);
                    return "mined";
                }
                catch (TransactionDroppedException)
                {
                    return "dropped";
                }
                catch (TransactionPossiblySentException ex)
                {
                    return ex.Reason.ToString();
                }
            }));

            Assert.DoesNotContain("dropped", outcomes);
            Assert.Equal(20, await market.Bob.Token.BalanceOfAsync(bob, market.LotId));
        }
        finally
        {
            await anvil.DisposeAsync();
        }
    }
}
