using System.Text.Json;
using RwaCompute.Cli.Tests.Infrastructure;
using RwaCompute.Devnet.Anvil;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>
/// Interruptible lots from the command line against anvil, on a suite of its own (the test moves the clock): <c>rwa lot
/// issue --interruptible</c> bonds the refund cover, <c>rwa lot show</c> prints the class, its worst case and the
/// curtailment so far, <c>rwa curtailment sync|finalize|claim|claim-redemption</c> count a reported curtailment and pay
/// the holders; usage errors and refusals send nothing. Every output is checked against its JSON Schema.
/// </summary>
public sealed class CurtailmentCommandTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    private const string Pool = "interruptible-pool";

    private TestChain Chain => suite.Chain;

    [Fact]
    public async Task InterruptibleLot_IssueShowSyncFinalizeClaim()
    {
        var a = SuiteFixture.Accounts;
        SuiteFixture.Require(await CliRun.RunAsync(Chain.Args("provider", a.Provider.Address, "--pool", Pool, "--as", "admin")));
        var issued = await Valid("lot-issue", "lot", "issue", "--pool", Pool, "--gpu", "H100-SXM5-80G", "--region", "eu-west", "--starts", "1h", "--ends", "10d", "--price", "3", "--sla", "99%", "--units", "800", "--interruptible", "20%", "--curtail-refund", "1.5", "--capacity", "1000", "--as", "provider");
        var lotId = issued.GetProperty("lotId").GetString()!;
        Assert.Contains("interruptible", issued.GetProperty("summary").GetString(), StringComparison.Ordinal);

        var shown = (await Valid("lot-show", "lot", "show", lotId)).GetProperty("interruptible");
        Assert.Equal(2_000, shown.GetProperty("maxCurtailBps").GetInt32());
        Assert.Equal("1.5", shown.GetProperty("refundPerCurtailedHour").GetString());
        Assert.Equal("1000", shown.GetProperty("capacityUnits").GetString());
        Assert.Equal("0.3", shown.GetProperty("curtailCover").GetString());
        Assert.Equal("2.7", shown.GetProperty("worstCaseValue").GetString()); // 3 − 0.2 × (3 − 1.5)
        Assert.Equal(1_000, shown.GetProperty("maxDiscountBps").GetInt32());
        Assert.False(shown.GetProperty("finalized").GetBoolean());
        var table = SuiteFixture.Require(await CliRun.RunAsync(Chain.Args("lot", "show", lotId))).Stdout;
        Assert.Contains("Worst case per unit", table, StringComparison.Ordinal);
        var firm = await Valid("lot-show", "lot", "show", suite.LotId);
        Assert.False(firm.TryGetProperty("interruptible", out _));

        SuiteFixture.Require(await CliRun.RunAsync(Chain.Args("transfer", lotId, "500", "--to", a.Alice.Address, "--as", "provider")));
        SuiteFixture.Require(await CliRun.RunAsync(Chain.Args("transfer", lotId, "50", "--to", a.Bob.Address, "--as", "provider")));
        var redemptionId = (await Valid("redeem", "redeem", lotId, "50", "--as", "bob")).GetProperty("redemptionId").GetString()!;
        await Valid("confirm", "confirm", redemptionId, "--as", "bob");
        var anvil = new AnvilRpc(Chain.RpcUrl);
        await anvil.IncreaseTimeAsync(TimeSpan.FromMinutes(1));
        await ReportAsync(epoch: 1, curtailed: 0);
        await anvil.IncreaseTimeAsync(TimeSpan.FromDays(1));
        await ReportAsync(epoch: 2, curtailed: 12);
        var synced = await Valid("curtailment-sync", "curtailment", "sync", Pool, "--as", "bob");
        Assert.Equal("12", synced.GetProperty("units").GetString());

        // Finalizing before the window ends is refused, nothing sent.
        var bobNonce = await Chain.NonceAsync(a.Bob.Address);
        var early = await CliRun.RunAsync(Chain.Args("curtailment", "finalize", lotId, "--as", "bob"));
        Assert.NotEqual(ExitCodes.Success, early.ExitCode);
        Assert.Contains("Curtailment_WindowNotEnded", early.ToString(), StringComparison.Ordinal);
        Assert.Equal(bobNonce, await Chain.NonceAsync(a.Bob.Address));

        await anvil.IncreaseTimeAsync(TimeSpan.FromDays(10));
        await ReportAsync(epoch: 3, curtailed: 12);
        await Valid("curtailment-sync", "curtailment", "sync", Pool, "--as", "bob");
        var finalized = await Valid("curtailment-finalize", "curtailment", "finalize", lotId, "--as", "bob");
        Assert.Equal("18", finalized.GetProperty("amount").GetString()); // 12 h × 1.5 on the 800 sold hours
        var claimed = await Valid("curtailment-claim", "curtailment", "claim", lotId, "--account", a.Alice.Address, "--as", "bob");
        Assert.Equal("11.25", claimed.GetProperty("amount").GetString()); // 500 × 18 / 800
        Assert.Equal(a.Alice.Address, claimed.GetProperty("account").GetString(), ignoreCase: true);
        var own = await Valid("curtailment-claim", "curtailment", "claim", lotId, "--as", "provider");
        Assert.Equal("5.625", own.GetProperty("amount").GetString()); // its 250 units
        var redeemed = await Valid("curtailment-claim-redemption", "curtailment", "claim-redemption", redemptionId, "--as", "alice");
        Assert.Equal("1.125", redeemed.GetProperty("amount").GetString()); // bob's 50 delivered units
        Assert.Equal(a.Bob.Address, redeemed.GetProperty("account").GetString(), ignoreCase: true);
        Assert.True((await Valid("lot-show", "lot", "show", lotId)).GetProperty("interruptible").GetProperty("finalized").GetBoolean());
    }

    [Fact]
    public async Task InterruptibleOptions_WithoutTheirPartner_AreUsageErrors()
    {
        var run = await CliRun.RunAsync(Chain.Args("lot", "issue", "--pool", SuiteFixture.Pool, "--gpu", "H100-SXM5-80G", "--region", "eu-west", "--starts", "1h", "--ends", "10d", "--price", "3", "--sla", "99%", "--units", "10", "--interruptible", "20%", "--as", "provider"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--curtail-refund", run.ToString(), StringComparison.Ordinal);
        run = await CliRun.RunAsync(Chain.Args("lot", "issue", "--pool", SuiteFixture.Pool, "--gpu", "H100-SXM5-80G", "--region", "eu-west", "--ends", "10d", "--price", "3", "--sla", "99%", "--units", "10", "--capacity", "100", "--as", "provider"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--interruptible", run.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Three reporters sign a report of the pool at <paramref name="epoch"/> with cumulative curtailed
    /// GPU-hours <paramref name="curtailed"/>, and alice relays it.</summary>
    private async Task ReportAsync(int epoch, int curtailed)
    {
        var first = Path.Combine(Chain.Directory, $"curtail-{epoch}-1.json");
        var e = epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        SuiteFixture.Require(await CliRun.RunAsync(Chain.Args("oracle", "sign", "--pool", Pool, "--epoch", e, "--utilization", "80%", "--uptime", "100%", "--delivered", (100 * epoch).ToString(System.Globalization.CultureInfo.InvariantCulture), "--energy", "10", "--curtailed", curtailed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", first, "--as", "reporter1")));
        List<string> files = [first];
        for (var i = 2; i <= 3; i++)
        {
            var path = Path.Combine(Chain.Directory, $"curtail-{epoch}-{i}.json");
            SuiteFixture.Require(await CliRun.RunAsync(Chain.Args("oracle", "sign", "--cosign", first, "--out", path, "--as", "reporter" + i)));
            files.Add(path);
        }

        SuiteFixture.Require(await CliRun.RunAsync(Chain.Args(["oracle", "report", .. files, "--as", "alice"])));
    }

    private async Task<JsonElement> Valid(string schema, params string[] args)
    {
        var run = SuiteFixture.Require(await CliRun.RunAsync(Chain.Args([.. args, "--json"])));
        JsonSchemas.AssertValid(schema, run.Stdout);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }
}
