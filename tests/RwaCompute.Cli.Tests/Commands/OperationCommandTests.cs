using System.Text.Json;
using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>The operation commands, in the order of a lot's life, against one deployed suite.</summary>
public sealed class OperationCommandTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    private TestChain Chain => suite.Chain;

    [Fact]
    public async Task Lifecycle_OfferBuyTransferPledgeRedeem_ThroughTheCli()
    {
        var accounts = SuiteFixture.Accounts;
        var offer = Json(await Run("offer", suite.LotId, "100", "--price", "3.25", "--expires", "7d", "--as", "provider", "--json"));
        var offerId = offer.RootElement.GetProperty("offerId").GetString()!;

        await Run("buy", offerId, "40", "--as", "alice");
        await Run("transfer", suite.LotId, "5", "--to", accounts.Bob.Address, "--as", "alice");

        var pledge = Json(await Run("pledge", "request", suite.LotId, "10", "--principal", "12.5", "--fee", "0.5", "--maturity", "10d", "--lender", accounts.Lender.Address, "--as", "alice", "--json"));
        var pledgeId = pledge.RootElement.GetProperty("pledgeId").GetString()!;
        await Run("pledge", "fund", pledgeId, "--as", "lender");
        await Run("withdraw", "--as", "alice");
        await Run("pledge", "repay", pledgeId, "--as", "alice");
        var shown = Json(await Run("pledge", "show", pledgeId, "--json"));
        Assert.Equal("Repaid", shown.RootElement.GetProperty("status").GetString());
        Assert.Equal("12.5", shown.RootElement.GetProperty("principal").GetString());

        var redemption = Json(await Run("redeem", suite.LotId, "5", "--as", "bob", "--json"));
        var redemptionId = redemption.RootElement.GetProperty("redemptionId").GetString()!;
        await Run("confirm", redemptionId, "--as", "bob");

        var lot = Json(await Run("lot", "show", suite.LotId, "--json"));
        Assert.Equal("1000", lot.RootElement.GetProperty("unitsIssued").GetString());
        Assert.Equal("5", lot.RootElement.GetProperty("unitsBurned").GetString());
        Assert.Equal("3", lot.RootElement.GetProperty("referencePrice").GetString());
        Assert.Equal(9900, lot.RootElement.GetProperty("slaUptimeBps").GetInt32());
        Assert.Equal(10_000, lot.RootElement.GetProperty("bondCoverageBps").GetInt32());
        Assert.Equal("3", lot.RootElement.GetProperty("unitCover").GetString());
        Assert.NotEqual("0x" + new string('0', 64), lot.RootElement.GetProperty("metadataHash").GetString());

        var list = Json(await Run("lot", "list", "--json"));
        Assert.Contains(list.RootElement.EnumerateArray(), l => l.GetProperty("lotId").GetString() == suite.LotId);
        var table = await Run("lot", "list");
        Assert.Contains("H100-SXM5-80G", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LotIssue_WithCoverageAndAMetadataFile_RecordsThemAndPullsTheCoveredBond()
    {
        var document = Path.Combine(Chain.Directory, "lot-metadata.json");
        await File.WriteAllTextAsync(document, "{\"gpu\":\"H100-SXM5-80G\",\"note\":\"half covered\"}");
        var provider = SuiteFixture.Accounts.Provider.Address;
        var usdcBefore = await UsdcBalanceAsync(provider);

        var issued = Json(await Run("lot", "issue", "--pool", SuiteFixture.Pool, "--gpu", "H100-SXM5-80G", "--region", "eu-west", "--ends", "20d", "--price", "3", "--sla", "0", "--coverage-bps", "50%", "--metadata", document, "--units", "100", "--as", "provider", "--json"));
        var lot = Json(await Run("lot", "show", issued.RootElement.GetProperty("lotId").GetString()!, "--json"));

        Assert.Equal(5_000, lot.RootElement.GetProperty("bondCoverageBps").GetInt32());
        Assert.Equal("1.5", lot.RootElement.GetProperty("unitCover").GetString());
        Assert.Equal(Nethereum.Hex.HexConvertors.Extensions.HexByteConvertorExtensions.ToHex(Sdk.Clients.LotTerms.HashMetadata(await File.ReadAllBytesAsync(document)), true), lot.RootElement.GetProperty("metadataHash").GetString());
        Assert.Equal(usdcBefore - 150_000_000, await UsdcBalanceAsync(provider)); // 100 units x 1.5 USDC
    }

    [Fact]
    public async Task Status_ShowsTheBondVaultAndASolventEscrow()
    {
        var status = Json(await Run("status", "--json"));
        var root = status.RootElement;
        Assert.Equal(suite.EscrowAddress, root.GetProperty("bondVault").GetString(), ignoreCase: true);
        Assert.True(root.GetProperty("bondVaultIsEscrow").GetBoolean());
        // One entry per currency the escrow accepted, the manifest's stablecoin first, each with its own books.
        var solvency = root.GetProperty("solvency")[0];
        Assert.Equal(suite.StablecoinAddress, solvency.GetProperty("currency").GetProperty("address").GetString(), ignoreCase: true);
        Assert.Equal(6, solvency.GetProperty("currency").GetProperty("decimals").GetInt32());
        Assert.True(solvency.GetProperty("solvent").GetBoolean());
        decimal Amount(string name) => decimal.Parse(solvency.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Amount("credits") + Amount("bonds"), Amount("obligations"));
        Assert.True(Amount("balance") >= Amount("obligations"));
        Assert.True(Amount("bonds") > 0);

        var table = await Run("status");
        Assert.Contains("Escrow in USDC", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("solvent", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("(the escrow)", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oracle_OneReporterSignsTwoCosignThenReport_ShowsTheReport()
    {
        var first = Path.Combine(Chain.Directory, "sig-1.json");
        await Run("oracle", "sign", "--pool", SuiteFixture.Pool, "--epoch", "1", "--utilization", "87%", "--uptime", "99.5%", "--delivered", "100", "--energy", "70", "--out", first, "--as", "reporter1");
        List<string> files = [first];
        for (var i = 2; i <= 3; i++)
        {
            var path = Path.Combine(Chain.Directory, $"sig-{i}.json");
            await Run("oracle", "sign", "--cosign", first, "--out", path, "--as", "reporter" + i);
            files.Add(path);
        }

        await Run(["oracle", "report", .. files, "--as", "alice"]);
        var report = Json(await Run("oracle", "show", SuiteFixture.Pool, "--json"));

        Assert.Equal("1", report.RootElement.GetProperty("epoch").GetString());
        Assert.Equal(8_700, report.RootElement.GetProperty("utilizationBps").GetInt32());
        Assert.Equal(9_950, report.RootElement.GetProperty("uptimeBps").GetInt32());
        Assert.Equal(3, report.RootElement.GetProperty("signers").GetInt32());
    }

    [Fact]
    public async Task Oracle_ReportFromSignaturesOverDifferentReports_UsageErrorNothingSent()
    {
        // O-1 from the command line: separately made reports are not one report; nothing is sent.
        var files = new List<string>();
        for (var i = 1; i <= 2; i++)
        {
            var path = Path.Combine(Chain.Directory, $"own-{i}.json");
            await Run("oracle", "sign", "--pool", SuiteFixture.Pool, "--epoch", "2", "--utilization", (8_500 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "--uptime", "99%", "--delivered", "100", "--energy", "70", "--out", path, "--as", "reporter" + i);
            files.Add(path);
        }

        var before = await Chain.NonceAsync(SuiteFixture.Accounts.Alice.Address);
        var result = await CliRun.RunAsync(Chain.Args(["oracle", "report", .. files, "--as", "alice"]));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--cosign", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, await Chain.NonceAsync(SuiteFixture.Accounts.Alice.Address));
    }

    [Fact]
    public async Task Compliance_FreezeAndPause_RefuseTransfersWithoutSending()
    {
        var accounts = SuiteFixture.Accounts;
        await Run("account", "freeze", accounts.Lender.Address, "--as", "admin");
        var before = await Chain.NonceAsync(accounts.Provider.Address);
        var frozen = await CliRun.RunAsync(Chain.Args("transfer", suite.LotId, "1", "--to", accounts.Lender.Address, "--as", "provider"));
        Assert.Equal(ExitCodes.PreflightRefused, frozen.ExitCode);
        Assert.Contains("ReceiverFrozen", Assert.Single(frozen.ErrorLines), StringComparison.Ordinal);
        await Run("account", "unfreeze", accounts.Lender.Address, "--as", "admin");

        await Run("token", "pause", "--as", "admin");
        var status = Json(await Run("status", "--json"));
        Assert.True(status.RootElement.GetProperty("tokenPaused").GetBoolean());
        var paused = await CliRun.RunAsync(Chain.Args("transfer", suite.LotId, "1", "--to", accounts.Lender.Address, "--as", "provider"));
        Assert.Equal(ExitCodes.PreflightRefused, paused.ExitCode);
        await Run("token", "unpause", "--as", "admin");
        Assert.Equal(before, await Chain.NonceAsync(accounts.Provider.Address));
    }

    [Fact]
    public async Task Signer_FromPrivateKeyEnvironmentVariable_Sends()
    {
        var variable = "RWA_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        try
        {
            var run = await Run("account", "allow", SuiteFixture.Accounts.Reporters[0].Address, "--private-key-env", variable);
            Assert.StartsWith("ok: allowlisted", run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", run.Stdout + run.Stderr, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private static JsonDocument Json(CliRun run) => JsonDocument.Parse(run.Stdout);

    private async Task<System.Numerics.BigInteger> UsdcBalanceAsync(string account)
    {
        var manifest = await Sdk.Deployment.DeploymentManifest.LoadAsync(Chain.ManifestPath);
        var client = await Sdk.Clients.RwaComputeClient.ConnectAsync(new Sdk.Clients.RwaComputeClientOptions { RpcUrl = new Uri(Chain.RpcUrl) }, manifest);
        return await client.Stablecoin.BalanceOfAsync(account);
    }

    private Task<CliRun> Run(params string[] args) => RunChecked(args);

    private async Task<CliRun> RunChecked(string[] args)
    {
        var run = await CliRun.RunAsync(Chain.Args(args));
        Assert.True(run.ExitCode == ExitCodes.Success, string.Join(' ', args) + "\n" + run);
        return run;
    }
}
