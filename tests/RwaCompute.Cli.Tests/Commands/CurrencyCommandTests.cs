using System.Text.Json;
using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>
/// <c>rwa currency show|accept|refuse</c>, <c>rwa lot issue --currency</c> and <c>rwa withdraw --currency</c> against
/// anvil on a suite of their own: a second stablecoin (a EURC stand-in) accepted, a lot issued and sold in it, the
/// proceeds withdrawn in it, then refused for new lots; every output checked against its JSON Schema.
/// </summary>
public sealed class CurrencyCommandTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    private TestChain Chain => suite.Chain;

    [Fact]
    public async Task SecondCurrency_AcceptedIssuedSoldWithdrawnThenRefused()
    {
        var a = SuiteFixture.Accounts;
        var eurc = (await Valid("usdc-deploy-mock", "usdc", "deploy-mock", "--mint", $"{a.Provider.Address}=100000", "--mint", $"{a.Alice.Address}=100000", "--as", "admin")).GetProperty("address").GetString()!;

        var shown = await Valid("currency-show", "currency", "show", eurc);
        Assert.False(shown.GetProperty("accepted").GetBoolean());
        Assert.False(shown.GetProperty("isManifestStablecoin").GetBoolean());

        // Not accepted yet: issuing a lot in it is refused by the escrow (the contract's error, nothing mined).
        var early = await CliRun.RunAsync(Chain.Args(IssueArgs(eurc, "early")));
        Assert.True(early.ExitCode == ExitCodes.ContractRevert, early.ToString());
        Assert.Contains("Escrow_CurrencyNotAccepted", Assert.Single(early.ErrorLines), StringComparison.Ordinal);

        Assert.Equal("currency.accept", (await Valid("currency-change", "currency", "accept", eurc, "--as", "admin")).GetProperty("operation").GetString());
        var accepted = await Valid("currency-show", "currency", "show", eurc);
        Assert.True(accepted.GetProperty("accepted").GetBoolean());
        Assert.Equal(6, accepted.GetProperty("decimals").GetInt32());

        var lotId = (await Valid("lot-issue", IssueArgs(eurc, "an EUR lot"))).GetProperty("lotId").GetString()!;
        Assert.Equal(eurc, (await Valid("lot-show", "lot", "show", lotId)).GetProperty("currency").GetProperty("address").GetString(), ignoreCase: true);

        var offerId = (await Valid("offer", "offer", lotId, "10", "--price", "2", "--expires", "5d", "--as", "provider")).GetProperty("offerId").GetString()!;
        await Valid("buy", "buy", offerId, "10", "--as", "alice");

        // The proceeds are owed in EURC: withdrawing the manifest's stablecoin finds none of them, EURC pays 20.
        var withdrawn = await Valid("withdraw", "withdraw", "--currency", eurc, "--as", "provider");
        Assert.Equal("20", withdrawn.GetProperty("amount").GetString());
        Assert.Equal(eurc, withdrawn.GetProperty("currency").GetProperty("address").GetString(), ignoreCase: true);

        await Valid("currency-change", "currency", "refuse", eurc, "--as", "admin");
        Assert.False((await Valid("currency-show", "currency", "show", eurc)).GetProperty("accepted").GetBoolean());
        var late = await CliRun.RunAsync(Chain.Args(IssueArgs(eurc, "late")));
        Assert.True(late.ExitCode == ExitCodes.ContractRevert, late.ToString());
    }

    [Fact]
    public async Task EighteenDecimalCurrency_AmountsAreReadAndPrintedInItsDecimals()
    {
        var a = SuiteFixture.Accounts;
        var fund = System.Numerics.BigInteger.Pow(10, 24); // 1,000,000 coins of 18 decimals
        var dai = await RwaCompute.Devnet.DevnetSuite.DeployMockStablecoinAsync(Chain.RpcUrl, "Dollar 18 (test)", "USD18", 18, fund, [a.Provider.Address, a.Alice.Address]);
        await Valid("currency-change", "currency", "accept", dai, "--as", "admin");
        var shown = await Valid("currency-show", "currency", "show", dai);
        Assert.Equal(18, shown.GetProperty("decimals").GetInt32());
        Assert.Equal("USD18", shown.GetProperty("symbol").GetString());

        // "--price 2.5" means 2.5 coins of this currency: 2.5 x 10^18 base units, not 2.5 x 10^6.
        var issued = await Valid("lot-issue", IssueArgs(dai, "an 18-decimal lot", price: "2.5"));
        Assert.Equal(18, issued.GetProperty("currency").GetProperty("decimals").GetInt32());
        var lotId = issued.GetProperty("lotId").GetString()!;
        var lot = await Valid("lot-show", "lot", "show", lotId);
        Assert.Equal("2.5", lot.GetProperty("referencePrice").GetString());
        Assert.Equal("2500000000000000000", lot.GetProperty("referencePriceBaseUnits").GetString());
        Assert.Equal("USD18", lot.GetProperty("currency").GetProperty("symbol").GetString());

        // More decimals than the currency has, or another currency's symbol, is bad input before anything is sent.
        var tooFine = await CliRun.RunAsync(Chain.Args("offer", lotId, "10", "--price", "2.6000000000000000001", "--expires", "5d", "--as", "provider"));
        Assert.True(tooFine.ExitCode == ExitCodes.BadInput, tooFine.ToString());
        Assert.Contains("has 19 decimals; USD18 has 18", Assert.Single(tooFine.ErrorLines), StringComparison.Ordinal);
        var wrongCoin = await CliRun.RunAsync(Chain.Args("offer", lotId, "10", "--price", "2.6USDC", "--expires", "5d", "--as", "provider"));
        Assert.True(wrongCoin.ExitCode == ExitCodes.BadInput, wrongCoin.ToString());
        Assert.Contains("names USDC, but this settles in USD18", Assert.Single(wrongCoin.ErrorLines), StringComparison.Ordinal);

        var offered = await Valid("offer", "offer", lotId, "10", "--price", "2.6USD18", "--expires", "5d", "--as", "provider");
        Assert.Equal("2.6", offered.GetProperty("pricePerUnit").GetString());
        var offerId = offered.GetProperty("offerId").GetString()!;

        // A limit below the price is refused; at the price it buys, and the cost is printed in the coin's decimals.
        var tooLow = await CliRun.RunAsync(Chain.Args("buy", offerId, "10", "--max-price", "2.599999999999999999", "--as", "alice"));
        Assert.NotEqual(ExitCodes.Success, tooLow.ExitCode);
        var bought = await Valid("buy", "buy", offerId, "10", "--max-price", "2.6", "--as", "alice");
        Assert.Equal("26", bought.GetProperty("cost").GetString());
        Assert.Equal(dai, bought.GetProperty("currency").GetProperty("address").GetString(), ignoreCase: true);

        var withdrawn = await Valid("withdraw", "withdraw", "--currency", dai, "--as", "provider");
        Assert.Equal("26", withdrawn.GetProperty("amount").GetString());
        Assert.Equal("26000000000000000000", withdrawn.GetProperty("amountBaseUnits").GetString());

        var status = await Valid("status", "status");
        var books = status.GetProperty("solvency").EnumerateArray().Single(b => string.Equals(b.GetProperty("currency").GetProperty("address").GetString(), dai, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("25", books.GetProperty("bonds").GetString()); // 10 units x 2.5 x 100 % coverage
        Assert.True(books.GetProperty("solvent").GetBoolean());
    }

    private static string[] IssueArgs(string currency, string metadata, string price = "2") =>
        ["lot", "issue", "--pool", SuiteFixture.Pool, "--gpu", "H100-SXM5-80G", "--region", "eu-west", "--ends", "20d", "--price", price, "--sla", "99%", "--units", "10",
            "--currency", currency, "--metadata-hash", "0x" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(metadata))).ToLowerInvariant(), "--as", "provider"];

    private async Task<JsonElement> Valid(string schema, params string[] args)
    {
        var run = SuiteFixture.Require(await CliRun.RunAsync(Chain.Args([.. args, "--json"])));
        JsonSchemas.AssertValid(schema, run.Stdout);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }
}
