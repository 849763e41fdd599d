using System.Text.Json;
using RwaCompute.Cli.Tests.Infrastructure;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>The noun-verb command tree (<c>rwa account …</c>, <c>rwa token …</c>, <c>rwa pledge …</c>) and the old
/// spellings kept as hidden aliases for one release.</summary>
public sealed class NounVerbCommandTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    private TestChain Chain => suite.Chain;

    private static string Subject => SuiteFixture.Accounts.Reporters[1].Address;

    [Fact]
    public async Task Account_AllowDisallowFreezeUnfreeze_ChangeTheAccountsState()
    {
        var token = (await ClientAsync()).Token;

        var allowed = await Run("account", "allow", Subject, "--as", "admin");
        Assert.StartsWith("ok: allowlisted", allowed.Stdout, StringComparison.Ordinal);
        Assert.Empty(allowed.Stderr);
        Assert.True(await token.IsAllowedAsync(Subject));
        await Run("account", "disallow", Subject, "--as", "admin");
        Assert.False(await token.IsAllowedAsync(Subject));

        await Run("account", "freeze", Subject, "--as", "admin");
        Assert.True(await token.IsFrozenAsync(Subject));
        await Run("account", "unfreeze", Subject, "--as", "admin");
        Assert.False(await token.IsFrozenAsync(Subject));
    }

    [Fact]
    public async Task Token_PauseUnpause_ChangeThePauseState()
    {
        await Run("token", "pause", "--as", "admin");
        Assert.True(Json(await Run("status", "--json")).RootElement.GetProperty("tokenPaused").GetBoolean());
        await Run("token", "unpause", "--as", "admin");
        Assert.False(Json(await Run("status", "--json")).RootElement.GetProperty("tokenPaused").GetBoolean());
    }

    [Fact]
    public async Task Pledge_RequestFundRepayShow_AndClaimOfARepaidPledgeReverts()
    {
        var accounts = SuiteFixture.Accounts;
        await Run("transfer", suite.LotId, "20", "--to", accounts.Alice.Address, "--as", "provider");
        var request = Json(await Run("pledge", "request", suite.LotId, "10", "--principal", "5", "--maturity", "10d", "--lender", accounts.Lender.Address, "--as", "alice", "--json"));
        var pledgeId = request.RootElement.GetProperty("pledgeId").GetString()!;
        await Run("pledge", "fund", pledgeId, "--as", "lender");
        var repaid = await Run("pledge", "repay", pledgeId, "--as", "alice");
        Assert.StartsWith($"ok: repaid pledge {pledgeId}", repaid.Stdout, StringComparison.Ordinal);
        Assert.Empty(repaid.Stderr);
        Assert.Equal("Repaid", Json(await Run("pledge", "show", pledgeId, "--json")).RootElement.GetProperty("status").GetString());

        var before = await Chain.NonceAsync(accounts.Lender.Address);
        var claim = await CliRun.RunAsync(Chain.Args("pledge", "claim", pledgeId, "--as", "lender"));
        Assert.True(claim.ExitCode == ExitCodes.ContractRevert, claim.ToString());
        Assert.StartsWith("error: ", Assert.Single(claim.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, await Chain.NonceAsync(accounts.Lender.Address));
    }

    [Fact]
    public async Task OldSpellings_StillWork_ChangeTheStateAndPrintOneDeprecationLine()
    {
        var token = (await ClientAsync()).Token;
        (string[] Args, string Notice, Func<Task<bool>> State, bool Expected)[] cases =
        [
            (["allow", Subject], "'rwa allow' is deprecated; use 'rwa account allow'", () => token.IsAllowedAsync(Subject), true),
            (["allow", Subject, "--remove"], "'rwa allow --remove' is deprecated; use 'rwa account disallow'", () => token.IsAllowedAsync(Subject), false),
            (["freeze", Subject], "'rwa freeze' is deprecated; use 'rwa account freeze'", () => token.IsFrozenAsync(Subject), true),
            (["freeze", Subject, "--unfreeze"], "'rwa freeze --unfreeze' is deprecated; use 'rwa account unfreeze'", () => token.IsFrozenAsync(Subject), false),
            (["pause"], "'rwa pause' is deprecated; use 'rwa token pause'", () => token.IsPausedAsync(), true),
            (["pause", "--resume"], "'rwa pause --resume' is deprecated; use 'rwa token unpause'", () => token.IsPausedAsync(), false),
        ];

        foreach (var (args, notice, state, expected) in cases)
        {
            var run = await Run([.. args, "--as", "admin"]);
            Assert.StartsWith("ok: ", run.Stdout, StringComparison.Ordinal);
            Assert.Equal("warning: " + notice, Assert.Single(run.ErrorLines));
            Assert.Equal(expected, await state());
        }

        var accounts = SuiteFixture.Accounts;
        await Run("transfer", suite.LotId, "20", "--to", accounts.Bob.Address, "--as", "provider");
        var pledgeId = Json(await Run("pledge", "request", suite.LotId, "10", "--principal", "5", "--maturity", "10d", "--as", "bob", "--json")).RootElement.GetProperty("pledgeId").GetString()!;
        await Run("pledge", "fund", pledgeId, "--as", "lender");
        var repaid = await Run("repay", pledgeId, "--as", "bob");
        Assert.StartsWith($"ok: repaid pledge {pledgeId}", repaid.Stdout, StringComparison.Ordinal);
        Assert.Equal("warning: 'rwa repay' is deprecated; use 'rwa pledge repay'", Assert.Single(repaid.ErrorLines));
        Assert.Equal("Repaid", Json(await Run("pledge", "show", pledgeId, "--json")).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OldSpelling_Failing_IsOneErrorLineWithoutTheDeprecationLine()
    {
        var before = await Chain.NonceAsync(SuiteFixture.Accounts.Admin.Address);

        var badAddress = await CliRun.RunAsync(Chain.Args("allow", "0x1234", "--remove", "--as", "admin"));
        var unknownPledge = await CliRun.RunAsync(Chain.Args("claim", "999", "--as", "lender"));

        Assert.Equal(ExitCodes.BadInput, badAddress.ExitCode);
        Assert.Contains("not a valid address", Assert.Single(badAddress.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.PreflightRefused, unknownPledge.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(unknownPledge.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, await Chain.NonceAsync(SuiteFixture.Accounts.Admin.Address));
    }

    [Fact]
    public async Task Help_ListsTheNounsAndHidesTheOldSpellings()
    {
        var help = await CliRun.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, help.ExitCode);
        var commands = help.Stdout.Split('\n').Select(l => l.Trim().Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("account", commands);
        Assert.Contains("token", commands);
        Assert.Contains("pledge", commands);
        foreach (var old in new[] { "allow", "freeze", "pause", "repay", "claim" })
        {
            Assert.DoesNotContain(old, commands);
        }

        var pledge = await CliRun.RunAsync("pledge", "--help");
        foreach (var verb in new[] { "request", "fund", "repay", "claim", "show", "record-settlement-pause" })
        {
            Assert.Contains("  " + verb + " ", pledge.Stdout, StringComparison.Ordinal);
        }
    }

    private static JsonDocument Json(CliRun run) => JsonDocument.Parse(run.Stdout);

    private async Task<RwaComputeClient> ClientAsync() =>
        await RwaComputeClient.ConnectAsync(new RwaComputeClientOptions { RpcUrl = new Uri(Chain.RpcUrl) }, await DeploymentManifest.LoadAsync(Chain.ManifestPath));

    private async Task<CliRun> Run(params string[] args)
    {
        var run = await CliRun.RunAsync(Chain.Args(args));
        Assert.True(run.ExitCode == ExitCodes.Success, string.Join(' ', args) + "\n" + run);
        return run;
    }
}
