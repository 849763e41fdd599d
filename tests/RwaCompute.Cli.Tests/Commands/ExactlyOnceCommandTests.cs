using System.Numerics;
using System.Text.Json;
using Nethereum.Web3;
using RwaCompute.Cli.Tests.Infrastructure;
using RwaCompute.Sdk.Transactions;
using Xunit;
using TokenBalanceOf = RwaCompute.Sdk.Contracts.ComputeCapacityToken.BalanceOfFunction;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>R-1 and R-2 through the command line: a re-run after an ambiguous failure resolves the earlier attempt
/// instead of buying twice; RPC failures anywhere exit 5, never 1.</summary>
public sealed class ExactlyOnceCommandTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    /// <summary>The selector of <c>purchase(uint256,uint256)</c>, as it appears inside a signed transaction's hex.</summary>
    private const string PurchaseSelector = "9b8b9305";

    private TestChain Chain => suite.Chain;

    private static string Hash(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, "0x[0-9a-fA-F]{64}").Value;

    private string[] Via(string rpc, params string[] args) => [.. args, "--rpc", rpc, "--deployments", Chain.Deployments];

    private async Task<string> OfferAsync(int units)
    {
        var offer = SuiteFixture.Require(await CliRun.RunAsync(Chain.Args("offer", suite.LotId, units.ToString(System.Globalization.CultureInfo.InvariantCulture), "--price", "3", "--expires", "7d", "--as", "provider", "--json")));
        using var json = JsonDocument.Parse(offer.Stdout);
        return json.RootElement.GetProperty("offerId").GetString()!;
    }

    private async Task<BigInteger> UnitsOfAsync(string account)
    {
        var manifest = await Sdk.Deployment.DeploymentManifest.LoadAsync(Chain.ManifestPath);
        return await new Web3(Chain.RpcUrl).Eth.GetContractQueryHandler<TokenBalanceOf>()
            .QueryAsync<BigInteger>(manifest.TokenAddress, new TokenBalanceOf { Account = account, Id = BigInteger.Parse("0" + suite.LotId[2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) });
    }

    private Task<object?> AnvilAsync(string method, params object[] parameters) =>
        new Web3(Chain.RpcUrl).Client.SendRequestAsync<object?>(method, null, parameters);

    [Fact]
    public async Task R1_BuyWhoseConnectionDiesAfterTheNodeTookIt_ReRunBuysOnce()
    {
        var offerId = await OfferAsync(50);
        var alice = SuiteFixture.Accounts.Alice.Address;
        var before = await UnitsOfAsync(alice);
        await using var proxy = CuttingProxy.Start(Chain.RpcUrl);
        proxy.CutAfterForwarding = body => body.Contains("eth_sendRawTransaction", StringComparison.Ordinal) && body.Contains(PurchaseSelector, StringComparison.OrdinalIgnoreCase);

        var cut = await CliRun.RunAsync(Via(proxy.Url, "buy", offerId, "10", "--as", "alice"));
        proxy.CutAfterForwarding = null;
        var rerun = await CliRun.RunAsync(Via(proxy.Url, "buy", offerId, "10", "--as", "alice"));

        Assert.True(cut.ExitCode == ExitCodes.RpcUnavailable, cut.ToString());
        Assert.Equal(1, proxy.Cut);
        var hash = Hash(cut.Stderr);
        Assert.Contains("may have been sent", cut.Stderr, StringComparison.Ordinal);
        Assert.Single(cut.ErrorLines);
        Assert.True(rerun.ExitCode == ExitCodes.Success, rerun.ToString());
        Assert.Contains(hash, rerun.Stdout, StringComparison.OrdinalIgnoreCase); // the first purchase, reported
        Assert.Equal(before + 10, await UnitsOfAsync(alice)); // 10 units, not 20
        Assert.False(File.Exists(FileTransactionJournal.PathFor(Chain.Deployments, 31_337)), "the journal should be empty after success");

        var status = await CliRun.RunAsync(Chain.Args("tx", "status", hash, "--json"));
        Assert.True(status.ExitCode == ExitCodes.Success, status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        Assert.Equal("mined", json.RootElement.GetProperty("state").GetString());

        // After a success the same command line is a new purchase.
        SuiteFixture.Require(await CliRun.RunAsync(Chain.Args("buy", offerId, "10", "--as", "alice")));
        Assert.Equal(before + 20, await UnitsOfAsync(alice));
    }

    [Fact]
    public async Task R1_CtrlCWhileTheReceiptIsAwaited_SaysSentAndTheReRunReportsIt()
    {
        var offerId = await OfferAsync(30);
        var bob = SuiteFixture.Accounts.Bob.Address;
        // Bob approves the market up front, so the one transaction in flight when Ctrl+C comes is the purchase.
        var manifest = await Sdk.Deployment.DeploymentManifest.LoadAsync(Chain.ManifestPath);
        var bobWeb3 = new Web3(SuiteFixture.Accounts.Bob.ToAccount(31_337), Chain.RpcUrl);
        bobWeb3.TransactionReceiptPolling.SetPollingRetryIntervalInMilliseconds(10);
        await bobWeb3.Eth.GetContractTransactionHandler<RwaCompute.Devnet.Contracts.MockUSDC.ApproveFunction>().SendRequestAndWaitForReceiptAsync(
            manifest.StablecoinAddress, new RwaCompute.Devnet.Contracts.MockUSDC.ApproveFunction { Spender = manifest.MarketAddress, Value = BigInteger.Pow(10, 30) });
        var before = await UnitsOfAsync(bob);
        await AnvilAsync("evm_setAutomine", false);
        try
        {
            using var ctrlC = new CancellationTokenSource();
            var buy = CliRun.RunAsync(Chain.Args("buy", offerId, "7", "--as", "bob"), ctrlC.Token);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await PendingCountAsync() == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await ctrlC.CancelAsync();
            var cancelled = await buy;

            Assert.True(cancelled.ExitCode == ExitCodes.Cancelled, cancelled.ToString());
            Assert.True(cancelled.Stderr.Contains("may have been sent", StringComparison.Ordinal), cancelled.ToString());
            var hash = Hash(cancelled.Stderr);
            Assert.NotEmpty(hash);

            var pending = await CliRun.RunAsync(Chain.Args("tx", "pending", "--json"));
            using (var list = JsonDocument.Parse(pending.Stdout))
            {
                var entry = Assert.Single(list.RootElement.EnumerateArray());
                Assert.Equal("pending", entry.GetProperty("state").GetString());
                Assert.Equal(hash, entry.GetProperty("hash").GetString(), ignoreCase: true);
            }

            await AnvilAsync("evm_setAutomine", true);
            await AnvilAsync("evm_mine");
            var rerun = await CliRun.RunAsync(Chain.Args("buy", offerId, "7", "--as", "bob"));

            Assert.True(rerun.ExitCode == ExitCodes.Success, rerun.ToString());
            Assert.Contains(hash, rerun.Stdout, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(before + 7, await UnitsOfAsync(bob));
        }
        finally
        {
            await AnvilAsync("evm_setAutomine", true);
        }
    }

    [Fact]
    public async Task R2_EndpointDyingDuringTheManifestChecks_ExitsRpcUnavailable()
    {
        await using var proxy = CuttingProxy.Start(Chain.RpcUrl);
        proxy.DieAfterRequests = 2;

        var run = await CliRun.RunAsync(Via(proxy.Url, "status"));

        Assert.True(run.ExitCode == ExitCodes.RpcUnavailable, run.ToString());
        Assert.Single(run.ErrorLines);
    }

    [Fact]
    public async Task R2_EndpointDyingBeforeTheBroadcast_ExitsRpcUnavailableAndNothingIsPending()
    {
        var offerId = await OfferAsync(5);
        await using var proxy = CuttingProxy.Start(Chain.RpcUrl);
        proxy.DieAfterRequests = 12;

        var run = await CliRun.RunAsync(Via(proxy.Url, "buy", offerId, "1", "--as", "alice"));

        Assert.True(run.ExitCode == ExitCodes.RpcUnavailable, run.ToString());
        Assert.Single(run.ErrorLines);
    }

    private async Task<int> PendingCountAsync()
    {
        var status = (Newtonsoft.Json.Linq.JObject?)await AnvilAsync("txpool_status");
        return Convert.ToInt32((string?)status?["pending"] ?? "0x0", 16);
    }
}
