using RwaCompute.Devnet;
using Xunit;

namespace RwaCompute.Cli.Tests.Infrastructure;

/// <summary>One anvil with the suite deployed (as the devnet does), a provider with a pool, the actors allowlisted and
/// a lot issued to the provider (issuing pulled its bond; the fixture tops it up by 10 USDC) — all through the CLI —
/// shared by a test class.</summary>
public sealed class SuiteFixture : IAsyncLifetime
{
    public const string Pool = "test-pool-1";

    public TestChain Chain { get; private set; } = null!;

    public string LotId { get; private set; } = null!;

    public string EscrowAddress { get; private set; } = null!;

    public string MarketAddress { get; private set; } = null!;

    public string LendingAddress { get; private set; } = null!;

    public string StablecoinAddress { get; private set; } = null!;

    public static DevnetAccounts Accounts => DevnetAccounts.Standard;

    public async Task InitializeAsync()
    {
        Chain = await TestChain.StartAsync();
        await Chain.DeploySuiteAsync();
        Require(await CliRun.RunAsync(Chain.Args("provider", Accounts.Provider.Address, "--pool", Pool, "--as", "admin")));
        Require(await CliRun.RunAsync(Chain.Args("account", "allow", Accounts.Provider.Address, Accounts.Alice.Address, Accounts.Bob.Address, Accounts.Lender.Address, "--as", "admin")));
        var issued = Require(await CliRun.RunAsync(Chain.Args(
            "lot", "issue", "--pool", Pool, "--gpu", "H100-SXM5-80G", "--region", "eu-west", "--ends", "30d", "--price", "3",
            "--sla", "99%", "--energy", "700", "--units", "1000", "--as", "provider", "--json")));
        using var json = System.Text.Json.JsonDocument.Parse(issued.Stdout);
        LotId = json.RootElement.GetProperty("lotId").GetString()!;
        Require(await CliRun.RunAsync(Chain.Args("bond", LotId, "10", "--as", "provider")));
        var manifest = await Sdk.Deployment.DeploymentManifest.LoadAsync(Chain.ManifestPath);
        EscrowAddress = manifest.EscrowAddress;
        MarketAddress = manifest.MarketAddress;
        LendingAddress = manifest.LendingAddress;
        StablecoinAddress = manifest.StablecoinAddress;
    }

    public async Task DisposeAsync() => await Chain.DisposeAsync();

    public static CliRun Require(CliRun run) =>
        run.ExitCode == ExitCodes.Success ? run : throw new InvalidOperationException("rwa failed: " + run);
}
