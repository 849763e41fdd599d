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
        Assert.Equal(eurc, (await Valid("lot-show", "lot", "show", lotId)).GetProperty("currency").GetString(), ignoreCase: true);

        var offerId = (await Valid("offer", "offer", lotId, "10", "--price", "2", "--expires", "5d", "--as", "provider")).GetProperty("offerId").GetString()!;
        await Valid("buy", "buy", offerId, "10", "--as", "alice");

        // The proceeds are owed in EURC: withdrawing the manifest's stablecoin finds none of them, EURC pays 20.
        var withdrawn = await Valid("withdraw", "withdraw", "--currency", eurc, "--as", "provider");
        Assert.Equal("20", withdrawn.GetProperty("amountUsdc").GetString());
        Assert.Equal(eurc, withdrawn.GetProperty("currency").GetString(), ignoreCase: true);

        await Valid("currency-change", "currency", "refuse", eurc, "--as", "admin");
        Assert.False((await Valid("currency-show", "currency", "show", eurc)).GetProperty("accepted").GetBoolean());
        var late = await CliRun.RunAsync(Chain.Args(IssueArgs(eurc, "late")));
        Assert.True(late.ExitCode == ExitCodes.ContractRevert, late.ToString());
    }

    private static string[] IssueArgs(string currency, string metadata) =>
        ["lot", "issue", "--pool", SuiteFixture.Pool, "--gpu", "H100-SXM5-80G", "--region", "eu-west", "--ends", "20d", "--price", "2", "--sla", "99%", "--units", "10",
            "--currency", currency, "--metadata-hash", "0x" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(metadata))).ToLowerInvariant(), "--as", "provider"];

    private async Task<JsonElement> Valid(string schema, params string[] args)
    {
        var run = SuiteFixture.Require(await CliRun.RunAsync(Chain.Args([.. args, "--json"])));
        JsonSchemas.AssertValid(schema, run.Stdout);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }
}
