using System.Text.Json;
using RwaCompute.Cli.Tests.Infrastructure;
using RwaCompute.Devnet;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Clients;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary><c>rwa deploy</c> with a <c>governance</c> section, the admin fields of <c>rwa status</c>, and
/// <c>rwa admin accept</c> / <c>rwa admin calldata</c>: refusals are one error line with the documented exit code and
/// the signer's nonce unchanged.</summary>
public sealed class AdminCommandTests
{
    private static readonly DevnetAccounts Accounts = DevnetAccounts.Standard;

    [Fact]
    public async Task AdminAccept_HandoverToAnAccount_RefusedBeforeTheDelayThenAcceptedAndShownByStatus()
    {
        await using var chain = await TestChain.StartAsync();
        var config = await WriteConfigAsync(chain, "\"adminDelaySeconds\": 3600, \"governance\": { \"admin\": \"" + Accounts.Bob.Address + "\" }");

        var deployed = await CliRun.RunAsync(chain.Args("deploy", "--config", config, "--as", "admin"));

        Assert.True(deployed.ExitCode == ExitCodes.Success, deployed.ToString());
        Assert.Contains($"began handing ComputeEscrow's default admin to {Accounts.Bob.Address}", deployed.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Admin hand-over pending to {Accounts.Bob.Address}", deployed.Stdout, StringComparison.Ordinal);
        Assert.Contains("rwa admin accept", deployed.Stdout, StringComparison.Ordinal);

        using (var status = Json(Schema("status", await Run(chain, "status", "--json"))))
        {
            var admins = status.RootElement.GetProperty("admins").EnumerateArray().ToList();
            Assert.Equal(["ComputeCapacityToken", "UtilizationOracle", "ComputeEscrow", "ComputeMarket", "ComputeLending"], admins.Select(a => a.GetProperty("contract").GetString()));
            Assert.All(admins, admin =>
            {
                Assert.Equal(Accounts.Admin.Address, admin.GetProperty("admin").GetString());
                Assert.Equal(Accounts.Bob.Address, admin.GetProperty("pendingAdmin").GetString());
                Assert.True(admin.GetProperty("pendingSchedule").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
                Assert.False(admin.GetProperty("pendingAcceptable").GetBoolean());
                Assert.Equal("3600", admin.GetProperty("delaySeconds").GetString());
            });
            Assert.False(status.RootElement.TryGetProperty("timelock", out _));
        }

        var table = await Run(chain, "status");
        Assert.Contains("Default admins", table.Stdout, StringComparison.Ordinal);
        Assert.Contains(Accounts.Bob.Address, table.Stdout, StringComparison.Ordinal);

        // Too early, and the wrong account: exit 3, one line, nothing sent.
        var bobNonce = await chain.NonceAsync(Accounts.Bob.Address);
        var early = await CliRun.RunAsync(chain.Args("admin", "accept", "--as", "bob"));
        Assert.True(early.ExitCode == ExitCodes.PreflightRefused, early.ToString());
        Assert.Contains("can be accepted only after", Assert.Single(early.ErrorLines), StringComparison.Ordinal);
        var stranger = await CliRun.RunAsync(chain.Args("admin", "accept", "--as", "alice"));
        Assert.True(stranger.ExitCode == ExitCodes.PreflightRefused, stranger.ToString());
        Assert.Contains("is not the pending default admin", Assert.Single(stranger.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(bobNonce, await chain.NonceAsync(Accounts.Bob.Address));

        await new AnvilRpc(chain.RpcUrl).IncreaseTimeAsync(TimeSpan.FromSeconds(3601));
        using (var accepted = Json(Schema("admin-accept", await Run(chain, "admin", "accept", "--as", "bob", "--json"))))
        {
            Assert.Equal(Accounts.Bob.Address, accepted.RootElement.GetProperty("account").GetString());
            Assert.All(accepted.RootElement.GetProperty("contracts").EnumerateArray(), c => Assert.StartsWith("0x", c.GetProperty("transactionHash").GetString(), StringComparison.Ordinal));
            Assert.Equal(5, accepted.RootElement.GetProperty("transactions").GetArrayLength());
        }

        Assert.Equal(bobNonce + 5, await chain.NonceAsync(Accounts.Bob.Address));
        using (var status = Json(Schema("status", await Run(chain, "status", "--json"))))
        {
            Assert.All(status.RootElement.GetProperty("admins").EnumerateArray(), admin =>
            {
                Assert.Equal(Accounts.Bob.Address, admin.GetProperty("admin").GetString());
                Assert.False(admin.TryGetProperty("pendingAdmin", out _));
            });
        }

        var again = await Run(chain, "admin", "accept", "--as", "bob");
        Assert.Contains("already is the default admin (nothing sent)", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(bobNonce + 5, await chain.NonceAsync(Accounts.Bob.Address));
        var redeploy = await Run(chain, "deploy", "--config", config, "--as", "admin");
        Assert.Contains("Admin hand-over complete", redeploy.Stdout, StringComparison.Ordinal);
        Assert.Contains("Nothing to do", redeploy.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminAcceptViaTimelock_SchedulesThenExecutesAfterTheDelay()
    {
        await using var chain = await TestChain.StartAsync();
        var bob = Accounts.Bob.Address;
        var config = await WriteConfigAsync(chain, $$"""
            "adminDelaySeconds": 30,
            "governance": { "timelock": { "minDelaySeconds": 60, "proposers": ["{{bob}}"], "executors": ["{{bob}}"] } }
            """);

        string timelock;
        using (var deployed = Json(Schema("deploy", await Run(chain, "deploy", "--config", config, "--as", "admin", "--json"))))
        {
            Assert.Equal(20, deployed.RootElement.GetProperty("transactionsSent").GetInt32()); // 12 suite steps, the timelock, 5 hand-overs, RISK_ROLE renounced on the market and the lending module
            timelock = deployed.RootElement.GetProperty("contracts").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "SuiteTimelock").GetProperty("address").GetString()!;
            Assert.All(deployed.RootElement.GetProperty("admins").EnumerateArray(), a => Assert.Equal(timelock, a.GetProperty("pendingAdmin").GetString()));
            Assert.Contains("rwa admin accept --via-timelock", deployed.RootElement.GetProperty("nextStep").GetString(), StringComparison.Ordinal);
        }

        using (var status = Json(Schema("status", await Run(chain, "status", "--json"))))
        {
            var view = status.RootElement.GetProperty("timelock");
            Assert.Equal(timelock, view.GetProperty("address").GetString());
            Assert.Equal("60", view.GetProperty("minDelaySeconds").GetString());
            Assert.Equal("Unset", view.GetProperty("acceptOperationState").GetString());
        }

        var aliceNonce = await chain.NonceAsync(Accounts.Alice.Address);
        var notProposer = await CliRun.RunAsync(chain.Args("admin", "accept", "--via-timelock", "--as", "alice"));
        Assert.True(notProposer.ExitCode == ExitCodes.PreflightRefused, notProposer.ToString());
        Assert.Contains("PROPOSER_ROLE", Assert.Single(notProposer.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(aliceNonce, await chain.NonceAsync(Accounts.Alice.Address));

        var bobNonce = await chain.NonceAsync(bob);
        var scheduled = await Run(chain, "admin", "accept", "--via-timelock", "--as", "bob");
        Assert.Contains("scheduled the admin acceptance", scheduled.Stdout, StringComparison.Ordinal);
        var early = await CliRun.RunAsync(chain.Args("admin", "accept", "--via-timelock", "--as", "bob"));
        Assert.True(early.ExitCode == ExitCodes.PreflightRefused, early.ToString());
        Assert.Contains("is ready only at", Assert.Single(early.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(bobNonce + 1, await chain.NonceAsync(bob));
        using (var status = Json(Schema("status", await Run(chain, "status", "--json"))))
        {
            Assert.Equal("Waiting", status.RootElement.GetProperty("timelock").GetProperty("acceptOperationState").GetString());
        }

        await new AnvilRpc(chain.RpcUrl).IncreaseTimeAsync(TimeSpan.FromSeconds(61));
        using (var executed = Json(Schema("admin-accept", await Run(chain, "admin", "accept", "--via-timelock", "--as", "bob", "--json"))))
        {
            Assert.Equal(nameof(TimelockAction.Executed), executed.RootElement.GetProperty("action").GetString());
            Assert.Equal("Done", executed.RootElement.GetProperty("state").GetString());
        }

        using (var status = Json(Schema("status", await Run(chain, "status", "--json"))))
        {
            Assert.All(status.RootElement.GetProperty("admins").EnumerateArray(), a => Assert.Equal(timelock, a.GetProperty("admin").GetString()));
            Assert.Equal("Done", status.RootElement.GetProperty("timelock").GetProperty("acceptOperationState").GetString());
        }

        var again = await Run(chain, "admin", "accept", "--via-timelock", "--as", "bob");
        Assert.Contains("Nothing to do", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(bobNonce + 2, await chain.NonceAsync(bob));
    }

    [Fact]
    public async Task Admin_UsageErrorsAndDevnetDefaults()
    {
        await using var chain = await TestChain.StartAsync();
        await chain.DeploySuiteAsync();
        var before = await chain.NonceAsync(Accounts.Bob.Address);

        string[][] usage =
        [
            ["admin", "accept", "--via-timelock", "--timelock", "0x1234", "--as", "bob"],
            ["admin", "accept", "--timelock", Accounts.Alice.Address, "--as", "bob"],
            ["admin", "accept", "--via-timelock", "--as", "bob"],
            ["admin", "calldata", "--via-timelock"],
            ["admin", "accept", "--as", "bob", "--no-such-option"],
            ["admin"],
        ];
        foreach (var args in usage)
        {
            var run = await CliRun.RunAsync(chain.Args(args));
            Assert.True(run.ExitCode == ExitCodes.BadInput, string.Join(' ', args) + ": " + run);
            Assert.StartsWith("error: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        }

        Assert.Equal(before, await chain.NonceAsync(Accounts.Bob.Address));

        // The devnet keeps its deployer as admin, with no delay and no hand-over.
        using (var status = Json(Schema("status", await Run(chain, "status", "--json"))))
        {
            Assert.All(status.RootElement.GetProperty("admins").EnumerateArray(), a =>
            {
                Assert.Equal(Accounts.Admin.Address, a.GetProperty("admin").GetString());
                Assert.Equal("0", a.GetProperty("delaySeconds").GetString());
                Assert.False(a.TryGetProperty("pendingAdmin", out _));
            });
        }

        using (var calldata = Json(Schema("admin-calldata", await Run(chain, "admin", "calldata", "--json"))))
        {
            var transactions = calldata.RootElement.GetProperty("calls").EnumerateArray().ToList();
            Assert.Equal(5, transactions.Count);
            Assert.All(transactions, t => Assert.Equal(GovernanceClient.AcceptAdminCalldata, t.GetProperty("data").GetString()));
        }

        var adminNonce = await chain.NonceAsync(Accounts.Admin.Address);
        var nothingPending = await CliRun.RunAsync(chain.Args("admin", "accept", "--as", "alice"));
        Assert.True(nothingPending.ExitCode == ExitCodes.PreflightRefused, nothingPending.ToString());
        Assert.Contains("no hand-over is pending", Assert.Single(nothingPending.ErrorLines), StringComparison.Ordinal);
        var alreadyAdmin = await Run(chain, "admin", "accept", "--as", "admin");
        Assert.Contains("already is the default admin", alreadyAdmin.Stdout, StringComparison.Ordinal);
        Assert.Equal(adminNonce, await chain.NonceAsync(Accounts.Admin.Address));
    }

    /// <summary>Checks a run's stdout against docs/schemas/<paramref name="schema"/>.schema.json.</summary>
    private static CliRun Schema(string schema, CliRun run)
    {
        JsonSchemas.AssertValid(schema, run.Stdout);
        return run;
    }

    private static async Task<string> WriteConfigAsync(TestChain chain, string governance)
    {
        var stablecoin = await chain.DeployStablecoinAsync();
        var path = Path.Combine(chain.Directory, "deploy.json");
        await File.WriteAllTextAsync(path, $$"""
            {
              "stablecoin": "{{stablecoin}}",
              "reporters": ["{{Accounts.Reporters[0].Address}}", "{{Accounts.Reporters[1].Address}}"],
              "quorum": 2,
              {{governance}}
            }
            """);
        return path;
    }

    private static async Task<CliRun> Run(TestChain chain, params string[] args)
    {
        var run = await CliRun.RunAsync(chain.Args(args));
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        return run;
    }

    private static JsonDocument Json(CliRun run) => JsonDocument.Parse(run.Stdout);
}
