using System.Text.Json;
using RwaCompute.Cli.Tests.Infrastructure;
using RwaCompute.Devnet.Anvil;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>
/// <c>rwa pledge auction|buy|settle</c> against anvil on a suite of their own (the clock moves): a defaulted pledge's
/// collateral auctioned by the lender, bought in part by bob, the rest settled to the lender; every output checked
/// against its JSON Schema, and the refusals exit 3 with nothing sent.
/// </summary>
public sealed class CollateralAuctionCommandTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    private TestChain Chain => suite.Chain;

    [Fact]
    public async Task PledgeAuctionBuySettle_DefaultedPledge_PrintsJsonMatchingTheSchemasAndMovesUnitsAndMoney()
    {
        var a = SuiteFixture.Accounts;
        SuiteFixture.Require(await CliRun.RunAsync(Chain.Args("transfer", suite.LotId, "80", "--to", a.Alice.Address, "--as", "provider")));
        var pledgeId = (await Valid("pledge-request", "pledge", "request", suite.LotId, "80", "--principal", "100", "--fee", "5", "--maturity", "2d", "--lender", a.Lender.Address, "--as", "alice")).GetProperty("pledgeId").GetString()!;
        await Valid("pledge-fund", "pledge", "fund", pledgeId, "--as", "lender");

        // Before maturity the lender cannot auction yet: refused before sending.
        var early = await CliRun.RunAsync(Chain.Args("pledge", "auction", pledgeId, "--start-price", "4", "--floor-price", "2", "--ends", "1d", "--as", "lender"));
        Assert.True(early.ExitCode == ExitCodes.PreflightRefused, early.ToString());

        await new AnvilRpc(Chain.RpcUrl).IncreaseTimeAsync(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));
        var started = await Valid("pledge-auction", "pledge", "auction", pledgeId, "--start-price", "4", "--floor-price", "2", "--ends", "1d", "--as", "lender");
        Assert.Equal("80", started.GetProperty("units").GetString());
        Assert.Equal("4", started.GetProperty("startPrice").GetString());

        var shown = await Valid("pledge-show", "pledge", "show", pledgeId);
        Assert.Equal("Auctioning", shown.GetProperty("status").GetString());
        Assert.Equal("80", shown.GetProperty("auction").GetProperty("unitsLeft").GetString());

        // Nobody buys in the block that started it; a minute later bob buys 50 at a limit of 4 USDC (the price is at most
        // that): 105 USDC repay the lender, the rest is alice's.
        var sameBlock = await CliRun.RunAsync(Chain.Args("pledge", "buy", pledgeId, "1", "--as", "bob"));
        Assert.True(sameBlock.ExitCode == ExitCodes.PreflightRefused, sameBlock.ToString());
        await new AnvilRpc(Chain.RpcUrl).IncreaseTimeAsync(TimeSpan.FromMinutes(1));
        var bought = await Valid("pledge-buy", "pledge", "buy", pledgeId, "50", "--max-price", "4", "--as", "bob");
        Assert.Equal("105", bought.GetProperty("toLender").GetString());
        Assert.Equal(decimal.Parse(bought.GetProperty("cost").GetString()!, System.Globalization.CultureInfo.InvariantCulture) - 105m, decimal.Parse(bought.GetProperty("toHolder").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        // Settling before the end is refused; after it the 30 unsold units go to the lender.
        var soon = await CliRun.RunAsync(Chain.Args("pledge", "settle", pledgeId, "--as", "bob"));
        Assert.True(soon.ExitCode == ExitCodes.PreflightRefused, soon.ToString());
        await new AnvilRpc(Chain.RpcUrl).IncreaseTimeAsync(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        var settled = await Valid("pledge-settle", "pledge", "settle", pledgeId, "--as", "bob");
        Assert.True(settled.GetProperty("unitsToLender").GetBoolean());
        var after = await Valid("pledge-show", "pledge", "show", pledgeId);
        Assert.Equal("Liquidated", after.GetProperty("status").GetString());
        Assert.Equal("0", after.GetProperty("auction").GetProperty("unitsLeft").GetString());
        Assert.Equal("105", after.GetProperty("auction").GetProperty("paidToLender").GetString());
    }

    private async Task<JsonElement> Valid(string schema, params string[] args)
    {
        var run = SuiteFixture.Require(await CliRun.RunAsync(Chain.Args([.. args, "--json"])));
        JsonSchemas.AssertValid(schema, run.Stdout);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }
}
