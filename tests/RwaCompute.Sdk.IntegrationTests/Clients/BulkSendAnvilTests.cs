using System.Numerics;
using Nethereum.Signer;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>The bulk path (<see cref="TransactionSender.SendBatchAsync"/>, <c>Token.IssueManyAsync</c>) on anvil: many
/// issues in JSON-RPC batches, one bad call among them, and validation before anything is sent. Each test runs its
/// own anvil.</summary>
public sealed class BulkSendAnvilTests
{
    private static readonly TransactionOptions Fast = FastTransactions.Options with { DroppedAfter = TimeSpan.FromMilliseconds(500) };

    [Fact]
    public async Task TwoHundredIssues_ViaSendBatchAsync_AreAllMinedWithConsecutiveNoncesAndBalances()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain, Fast);
        await market.ApproveBondsAsync();
        var alice = SuiteChain.Accounts.Alice.Address;
        var bob = SuiteChain.Accounts.Bob.Address;
        var provider = SuiteChain.Accounts.Provider.Address;
        var nonceBefore = await chain.Anvil.NonceAsync(provider);
        var aliceBefore = await market.Alice.Token.BalanceOfAsync(alice, market.LotId);
        var calls = Enumerable.Range(0, 200)
            .Select(i => market.Provider.Token.IssueCall(market.LotId, i % 2 == 0 ? alice : bob, (i % 3) + 1))
            .ToList();

        var results = await market.Provider.Transactions.SendBatchAsync(calls, new BatchOptions { ChunkSize = 50 });

        Assert.True(results.AllMined, results.Failures.Count > 0 ? results.Failures[0].Error?.Message : null);
        Assert.Equal(Enumerable.Range(0, 200), results.Select(r => r.Index));
        Assert.Equal(
            Enumerable.Range(0, 200).Select(i => new BigInteger(nonceBefore + i)),
            results.Select(r => r.Transaction!.Nonce));
        Assert.Equal(nonceBefore + 200, await chain.Anvil.NonceAsync(provider));
        var toAlice = Enumerable.Range(0, 200).Where(i => i % 2 == 0).Sum(i => (i % 3) + 1);
        var toBob = Enumerable.Range(0, 200).Where(i => i % 2 == 1).Sum(i => (i % 3) + 1);
        Assert.Equal(aliceBefore + toAlice, await market.Alice.Token.BalanceOfAsync(alice, market.LotId));
        Assert.Equal(toBob, await market.Bob.Token.BalanceOfAsync(bob, market.LotId));
        Assert.All(results, r => Assert.Equal(calls[r.Index].Data, r.Transaction!.Call.Data));
    }

    [Fact]
    public async Task OneBadCall_SampledShapeEstimate_IsMinedRevertedAndReportedTyped_TheRestAreMined()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain, Fast);
        await market.ApproveBondsAsync();
        var bob = SuiteChain.Accounts.Bob.Address;
        var stranger = EthECKey.GenerateKey().GetPublicAddress(); // never allowlisted
        var calls = Enumerable.Range(0, 40)
            .Select(i => market.Provider.Token.IssueCall(market.LotId, i == 17 ? stranger : bob, 1))
            .ToList();

        var results = await market.Provider.Transactions.SendBatchAsync(calls);

        var bad = results[17];
        Assert.Equal(BatchItemOutcome.Failed, bad.Outcome);
        var error = Assert.IsType<ComputeTokenReceiverNotAllowedException>(bad.Error);
        Assert.Equal(stranger, error.Error.Account, StringComparer.OrdinalIgnoreCase);
        Assert.NotNull(bad.Receipt); // mined with status 0: its nonce is used, nothing waits behind it
        Assert.Equal(39, results.MinedCount);
        Assert.Equal(39, await market.Bob.Token.BalanceOfAsync(bob, market.LotId));
        var summary = Assert.Throws<BatchSendException>(() => results.EnsureAllMined());
        Assert.Contains("#17", summary.Message, StringComparison.Ordinal);

        // The account goes on: the next single send gets the next nonce at once.
        await market.Provider.Token.IssueAsync(market.LotId, bob, 1);
        Assert.Equal(40, await market.Bob.Token.BalanceOfAsync(bob, market.LotId));
    }

    [Fact]
    public async Task OneBadCall_EveryCallSimulated_FailsBeforeSigning_AndLeavesNoNonceGap()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain, Fast);
        await market.ApproveBondsAsync();
        var bob = SuiteChain.Accounts.Bob.Address;
        var provider = SuiteChain.Accounts.Provider.Address;
        var stranger = EthECKey.GenerateKey().GetPublicAddress();
        var nonceBefore = await chain.Anvil.NonceAsync(provider);
        var calls = Enumerable.Range(0, 30)
            .Select(i => market.Provider.Token.IssueCall(market.LotId, i == 5 ? stranger : bob, 2))
            .ToList();

        var results = await market.Provider.Transactions.SendBatchAsync(calls, new BatchOptions { Simulation = BatchSimulation.EveryCall, ChunkSize = 8 });

        Assert.Equal(BatchItemOutcome.Failed, results[5].Outcome);
        Assert.IsType<ComputeTokenReceiverNotAllowedException>(results[5].Error);
        Assert.Null(results[5].Transaction);
        Assert.Equal(29, results.MinedCount);
        Assert.Equal(nonceBefore + 29, await chain.Anvil.NonceAsync(provider));
        Assert.Equal(58, await market.Bob.Token.BalanceOfAsync(bob, market.LotId));
    }

    [Fact]
    public async Task IssueManyAsync_IssuesEveryHolder_AndApprovesTheBondOnce()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain, Fast);
        var alice = SuiteChain.Accounts.Alice.Address;
        var bob = SuiteChain.Accounts.Bob.Address;
        var aliceBefore = await market.Alice.Token.BalanceOfAsync(alice, market.LotId);

        // No ApproveBondsAsync: the client raises the escrow's allowance to what all 60 issues pull, once.
        var results = await market.Provider.Token.IssueManyAsync(market.LotId, Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? alice : bob, new BigInteger(3))));

        results.EnsureAllMined();
        Assert.Equal(aliceBefore + 90, await market.Alice.Token.BalanceOfAsync(alice, market.LotId));
        Assert.Equal(90, await market.Bob.Token.BalanceOfAsync(bob, market.LotId));
    }

    [Fact]
    public async Task IssueManyAsync_OneMalformedRecipient_SendsNothing()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain, Fast);
        await market.ApproveBondsAsync();
        var provider = SuiteChain.Accounts.Provider.Address;
        var nonceBefore = await chain.Anvil.NonceAsync(provider);
        var bob = SuiteChain.Accounts.Bob.Address;

        var bad = await Assert.ThrowsAsync<InvalidAddressException>(() =>
            market.Provider.Token.IssueManyAsync(market.LotId, [(bob, 1), (bob, 2), ("0x1234", 1)]));
        var zero = await Assert.ThrowsAsync<AmountOutOfRangeException>(() =>
            market.Provider.Token.IssueManyAsync(market.LotId, [(bob, 1), (bob, 0)]));

        Assert.Contains("issues[2].To", bad.Message, StringComparison.Ordinal);
        Assert.Contains("issues[1].Units", zero.Message, StringComparison.Ordinal);
        Assert.Equal(nonceBefore, await chain.Anvil.NonceAsync(provider));
    }
}
