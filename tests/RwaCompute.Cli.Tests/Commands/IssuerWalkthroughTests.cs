using System.Text.Json;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;
using RwaCompute.Cli.Tests.Infrastructure;
using RwaCompute.Devnet.Anvil;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>docs/DEPLOYMENT.md, "From a plain anvil to a first offer with rwa alone", run as written: a fresh anvil
/// (no suite, no stablecoin), keystores made by <c>rwa keystore</c>, the stablecoin by <c>rwa usdc deploy-mock</c>, the
/// suite by <c>rwa deploy</c>, the roles by <c>rwa role grant</c>, then provider, lot and offer — every step an
/// <c>rwa</c> command signing with <c>--keystore</c>, except the provider's gas, which a faucet gives
/// (<c>anvil_setBalance</c>, as the walk-through's one curl line does).</summary>
public sealed class IssuerWalkthroughTests : IAsyncLifetime
{
    private const string Pool = "eu-west-h100-a";

    private TestChain chain = null!;

    public async Task InitializeAsync() => chain = await TestChain.StartAsync();

    public async Task DisposeAsync() => await chain.DisposeAsync();

    [Fact]
    public async Task PlainAnvil_ToAFirstOffer_WithRwaAlone()
    {
        var directory = chain.Directory;
        var password = Path.Combine(directory, "pw");
        await File.WriteAllTextAsync(password, "correct horse battery staple\n");
        var mnemonicVariable = "RWA_TEST_ANVIL_MNEMONIC_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(mnemonicVariable, AnvilOptions.TestMnemonic);
        try
        {
            // 1. Keystores: the issuer's admin (anvil's funded account 0, imported) and the provider's new key.
            var adminKeystore = Path.Combine(directory, "admin.json");
            var providerKeystore = Path.Combine(directory, "provider.json");
            var admin = Address(await Run("keystore", "import", "--out", adminKeystore, "--mnemonic-env", mnemonicVariable, "--password-file", password, "--light-kdf", "--json"));
            var provider = Address(await Run("keystore", "new", "--out", providerKeystore, "--password-file", password, "--light-kdf", "--json"));
            string[] asAdmin = ["--keystore", adminKeystore, "--password-file", password];
            string[] asProvider = ["--keystore", providerKeystore, "--password-file", password];
            await GiveGasAsync(provider);

            // 2. The stablecoin, with 10,000 USDC for the provider's bond.
            var usdc = Json(await Run(["usdc", "deploy-mock", "--mint", provider + "=10000", "--json", .. asAdmin]));
            var stablecoin = usdc.RootElement.GetProperty("address").GetString()!;

            // 3. The suite, the admin's operating roles, the provider.
            await Run(["deploy", "--stablecoin", stablecoin, "--reporter", admin, "--quorum", "1", .. asAdmin]);
            await Run(["role", "grant", "token", "registrar", admin, .. asAdmin]);
            await Run(["role", "grant", "token", "COMPLIANCE_ROLE", admin, .. asAdmin]);
            await Run(["account", "allow", provider, .. asAdmin]);
            await Run(["provider", provider, "--pool", Pool, .. asAdmin]);

            // 4. The provider issues a lot (its bond pulled from the minted USDC) and offers part of it.
            var lot = Json(await Run(["lot", "issue", "--pool", Pool, "--gpu", "H100-SXM5-80G", "--region", "eu-west", "--ends", "30d", "--price", "3", "--sla", "99%", "--units", "1000", "--json", .. asProvider]));
            var lotId = lot.RootElement.GetProperty("lotId").GetString()!;
            var offer = Json(await Run(["offer", lotId, "600", "--price", "3.5", "--expires", "7d", "--json", .. asProvider]));
            Assert.Equal("1", offer.RootElement.GetProperty("offerId").GetString());

            var roles = Json(await Run("role", "list", "--contract", "token", "--json")).RootElement.GetProperty("roles").EnumerateArray().ToList();
            Assert.Contains(admin, Holders(roles, "REGISTRAR_ROLE"));
            Assert.Contains(admin, Holders(roles, "COMPLIANCE_ROLE"));
            Assert.Contains(admin, Holders(roles, "DEFAULT_ADMIN_ROLE"));
            var shown = Json(await Run("lot", "show", lotId, "--json"));
            Assert.Equal(provider, shown.RootElement.GetProperty("provider").GetString(), ignoreCase: true);
            Assert.Equal("1000", shown.RootElement.GetProperty("unitsIssued").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(mnemonicVariable, null);
        }
    }

    private static IEnumerable<string> Holders(List<JsonElement> roles, string role) =>
        roles.Single(r => r.GetProperty("role").GetString() == role).GetProperty("holders").EnumerateArray().Select(h => h.GetString()!);

    private static string Address(CliRun run) => Json(run).RootElement.GetProperty("address").GetString()!;

    private static JsonDocument Json(CliRun run) => JsonDocument.Parse(run.Stdout);

    /// <summary>The faucet: on a real chain, an ETH transfer from any wallet.</summary>
    private async Task GiveGasAsync(string account) =>
        await new Web3(chain.RpcUrl).Client.SendRequestAsync(new RpcRequest(1, "anvil_setBalance", account, new HexBigInteger(System.Numerics.BigInteger.Pow(10, 21)).HexValue));

    private Task<CliRun> Run(params string[] args) => RunChecked(args);

    private async Task<CliRun> RunChecked(string[] args)
    {
        var run = await CliRun.RunAsync(chain.Args(args));
        Assert.True(run.ExitCode == ExitCodes.Success, string.Join(' ', args) + "\n" + run);
        return run;
    }
}
