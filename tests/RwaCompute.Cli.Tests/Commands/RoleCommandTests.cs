using System.Reflection;
using System.Text.Json;
using Nethereum.ABI.FunctionEncoding.Attributes;
using RwaCompute.Cli.AccessControl;
using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary><c>rwa role list|grant|revoke</c> against the devnet suite (whose admin holds every operating role).</summary>
public sealed class RoleCommandTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    private TestChain Chain => suite.Chain;

    [Fact]
    public void Catalog_ListsEveryRoleConstantOfTheGeneratedBindings()
    {
        foreach (var contract in RoleCatalog.Contracts)
        {
            var ns = "RwaCompute.Sdk.Contracts." + contract.ManifestName;
            var constants = typeof(Sdk.Clients.Roles).Assembly.GetTypes()
                .Where(t => t.Namespace == ns)
                .Select(t => t.GetCustomAttribute<FunctionAttribute>(inherit: true))
                .Where(f => f is not null && f.Name.EndsWith("_ROLE", StringComparison.Ordinal) && f.ReturnType == "bytes32")
                .Select(f => f!.Name)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            Assert.Equal(constants, contract.RoleNames.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task List_ShowsEachRoleItsAdminAndItsHolders()
    {
        var roles = Roles(await Run("role", "list", "--json"));

        var registrar = roles.Single(r => r.GetProperty("contract").GetString() == "token" && r.GetProperty("role").GetString() == "REGISTRAR_ROLE");
        Assert.Equal("DEFAULT_ADMIN_ROLE", registrar.GetProperty("adminRole").GetString());
        Assert.Equal(Sdk.Clients.Roles.Id("REGISTRAR_ROLE"), Convert.FromHexString(registrar.GetProperty("roleId").GetString()![2..]));
        Assert.Contains(SuiteFixture.Accounts.Admin.Address, Holders(registrar));
        var escrowRole = roles.Single(r => r.GetProperty("role").GetString() == "ESCROW_ROLE");
        Assert.Equal([suite.EscrowAddress], Holders(escrowRole), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(["DEFAULT_ADMIN_ROLE", "MARKET_ROLE", "LENDING_ROLE"], roles.Where(r => r.GetProperty("contract").GetString() == "escrow").Select(r => r.GetProperty("role").GetString()));
        var marketRole = roles.Single(r => r.GetProperty("role").GetString() == "MARKET_ROLE");
        Assert.Equal([suite.MarketAddress], Holders(marketRole), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(["DEFAULT_ADMIN_ROLE", "RISK_ROLE"], roles.Where(r => r.GetProperty("contract").GetString() == "market").Select(r => r.GetProperty("role").GetString()));
        var lendingRole = roles.Single(r => r.GetProperty("role").GetString() == "LENDING_ROLE");
        Assert.Equal([suite.LendingAddress], Holders(lendingRole), StringComparer.OrdinalIgnoreCase);
        var collateralRole = roles.Single(r => r.GetProperty("role").GetString() == "COLLATERAL_ROLE");
        Assert.Equal([suite.LendingAddress], Holders(collateralRole), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(["DEFAULT_ADMIN_ROLE", "RISK_ROLE"], roles.Where(r => r.GetProperty("contract").GetString() == "lending").Select(r => r.GetProperty("role").GetString()));
        Assert.Single(roles, r => r.GetProperty("contract").GetString() == "oracle");

        var oracleOnly = Roles(await Run("role", "list", "--contract", "oracle", "--json"));
        Assert.Equal("DEFAULT_ADMIN_ROLE", Assert.Single(oracleOnly).GetProperty("role").GetString());
    }

    [Fact]
    public async Task GrantThenRevoke_ChangeHasRole_AndARepeatSendsNothing()
    {
        var bob = SuiteFixture.Accounts.Bob.Address;
        var admin = SuiteFixture.Accounts.Admin.Address;

        var granted = await Run("role", "grant", "token", "Pauser", bob, "--as", "admin");
        Assert.StartsWith("ok: granted token PAUSER_ROLE to " + bob, granted.Stdout, StringComparison.Ordinal);
        Assert.Contains(bob, Holders(Roles(await Run("role", "list", "--contract", "token", "--json")).Single(r => r.GetProperty("role").GetString() == "PAUSER_ROLE")));

        var nonce = await Chain.NonceAsync(admin);
        var again = Json(await Run("role", "grant", "token", "PAUSER_ROLE", bob, "--as", "admin", "--json"));
        Assert.False(again.RootElement.GetProperty("changed").GetBoolean());
        Assert.Equal(nonce, await Chain.NonceAsync(admin));

        var revoked = Json(await Run("role", "revoke", "token", "pauser_role", bob, "--as", "admin", "--json"));
        Assert.True(revoked.RootElement.GetProperty("changed").GetBoolean());
        Assert.DoesNotContain(bob, Holders(Roles(await Run("role", "list", "--contract", "token", "--json")).Single(r => r.GetProperty("role").GetString() == "PAUSER_ROLE")));
    }

    [Fact]
    public async Task Grant_WithoutTheAdminRole_IsRefusedBeforeSending_NamingTheAdminRoleAndItsHolder()
    {
        var alice = SuiteFixture.Accounts.Alice.Address;
        var nonce = await Chain.NonceAsync(alice);

        var run = await CliRun.RunAsync(Chain.Args("role", "grant", "lending", "risk", alice, "--as", "alice"));

        Assert.Equal(ExitCodes.PreflightRefused, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("DEFAULT_ADMIN_ROLE", line, StringComparison.Ordinal);
        Assert.Contains("held by " + SuiteFixture.Accounts.Admin.Address, line, StringComparison.Ordinal);
        Assert.Equal(nonce, await Chain.NonceAsync(alice));
    }

    [Theory]
    [InlineData("token", "minter", "REGISTRAR_ROLE, COMPLIANCE_ROLE, PAUSER_ROLE, RECOVERY_ROLE, ESCROW_ROLE, COLLATERAL_ROLE")]
    [InlineData("escrow", "registrar", "MARKET_ROLE, LENDING_ROLE")]
    [InlineData("token", "DEFAULT_ADMIN_ROLE", "rwa admin")]
    [InlineData("oracle", "default_admin", "rwa admin")]
    [InlineData("vault", "risk", "token, escrow, market, lending, oracle")]
    public async Task Grant_UnknownRoleOrTheDefaultAdmin_IsAUsageError(string contract, string role, string expected)
    {
        var run = await CliRun.RunAsync(Chain.Args("role", "grant", contract, role, SuiteFixture.Accounts.Bob.Address, "--as", "admin"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    private static List<JsonElement> Roles(CliRun run) => [.. Json(run).RootElement.GetProperty("roles").EnumerateArray()];

    private static List<string> Holders(JsonElement role) => [.. role.GetProperty("holders").EnumerateArray().Select(h => h.GetString()!)];

    private static JsonDocument Json(CliRun run) => JsonDocument.Parse(run.Stdout);

    private async Task<CliRun> Run(params string[] args)
    {
        var run = await CliRun.RunAsync(Chain.Args(args));
        Assert.True(run.ExitCode == ExitCodes.Success, string.Join(' ', args) + "\n" + run);
        return run;
    }
}
