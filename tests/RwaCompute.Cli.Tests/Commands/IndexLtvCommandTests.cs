using System.Text.Json;
using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>
/// <c>rwa pledge index-ltv on|off|show</c> against anvil on a suite of its own: risk staff (the devnet admin holds
/// the lending module's RISK_ROLE) let the loan-to-value cap follow the manifest's market's price index; after a
/// trade below the lot's reference price a request above the lowered cap is refused before sending, one within it
/// is made, and switching the index off brings the reference-price cap back. Every output is checked against its
/// JSON Schema.
/// </summary>
public sealed class IndexLtvCommandTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    private TestChain Chain => suite.Chain;

    [Fact]
    public async Task IndexLtv_OnLowersTheCapAfterACheapTrade_OffRestoresIt()
    {
        var a = SuiteFixture.Accounts;
        var off = await Valid("pledge-index-ltv-show", "pledge", "index-ltv", "show");
        Assert.False(off.GetProperty("on").GetBoolean());
        Assert.False(off.TryGetProperty("priceIndex", out _));

        var on = await Valid("pledge-index-ltv-on", "pledge", "index-ltv", "on", "--as", "admin");
        Assert.Equal("pledge.index-ltv.on", on.GetProperty("operation").GetString());
        Assert.Equal(suite.MarketAddress, on.GetProperty("priceIndex").GetString(), ignoreCase: true);
        var shown = await Valid("pledge-index-ltv-show", "pledge", "index-ltv", "show");
        Assert.True(shown.GetProperty("on").GetBoolean());
        Assert.True(shown.GetProperty("isManifestMarket").GetBoolean());

        // The lot's reference price is 3 USDC; one unit trades at 1 USDC: the cap for 100 units drops from
        // 100 × 3 × 50 % = 150 to 100 × 1 × 50 % = 50.
        var offerId = (await Valid("offer", "offer", suite.LotId, "10", "--price", "1", "--expires", "5d", "--as", "provider")).GetProperty("offerId").GetString()!;
        await Valid("buy", "buy", offerId, "1", "--as", "alice");

        var above = await CliRun.RunAsync(Chain.Args("pledge", "request", suite.LotId, "100", "--principal", "60", "--maturity", "10d", "--lender", a.Lender.Address, "--as", "provider"));
        Assert.True(above.ExitCode == ExitCodes.BadInput, above.ToString());
        Assert.Contains("loan-to-value cap", Assert.Single(above.ErrorLines), StringComparison.Ordinal);
        await Valid("pledge-request", "pledge", "request", suite.LotId, "100", "--principal", "50", "--maturity", "10d", "--lender", a.Lender.Address, "--as", "provider");

        var switchedOff = await Valid("pledge-index-ltv-off", "pledge", "index-ltv", "off", "--as", "admin");
        Assert.Equal("pledge.index-ltv.off", switchedOff.GetProperty("operation").GetString());
        Assert.False((await Valid("pledge-index-ltv-show", "pledge", "index-ltv", "show")).GetProperty("on").GetBoolean());
        await Valid("pledge-request", "pledge", "request", suite.LotId, "100", "--principal", "150", "--maturity", "10d", "--lender", a.Lender.Address, "--as", "provider");
    }

    [Fact]
    public async Task IndexLtvOn_WithoutRiskRole_IsRefused()
    {
        var run = await CliRun.RunAsync(Chain.Args("pledge", "index-ltv", "on", "--as", "bob"));
        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.Contains("RISK_ROLE", run.ToString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> Valid(string schema, params string[] args)
    {
        var run = SuiteFixture.Require(await CliRun.RunAsync(Chain.Args([.. args, "--json"])));
        JsonSchemas.AssertValid(schema, run.Stdout);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }
}
