using System.Text.Json.Nodes;
using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>Bad input gets its exit code and one error line, and nothing is sent (the sender's nonce is
/// unchanged).</summary>
public sealed class BadInputTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    private const string UnknownLot = "0x0000000000000000000000000000000000000000000000000000000000001234";

    public static TheoryData<string, string[], int, string> Cases()
    {
        var bob = SuiteFixture.Accounts.Bob.Address;
        return new()
        {
            { "bad address", ["transfer", "{lot}", "1", "--to", "0x1234", "--as", "alice"], ExitCodes.BadInput, "not a valid address" },
            { "bad checksum", ["transfer", "{lot}", "1", "--to", bob.Replace('B', 'b'), "--as", "alice"], ExitCodes.BadInput, "checksum" },
            { "negative units", ["transfer", "{lot}", "-5", "--to", bob, "--as", "alice"], ExitCodes.BadInput, "-5" },
            { "negative price", ["offer", "{lot}", "5", "--price=-1", "--expires", "7d", "--as", "alice"], ExitCodes.BadInput, "negative" },
            { "too many decimals", ["offer", "{lot}", "5", "--price", "1.0000001", "--expires", "7d", "--as", "alice"], ExitCodes.BadInput, "decimals" },
            { "bad duration", ["offer", "{lot}", "5", "--price", "1", "--expires", "soon", "--as", "alice"], ExitCodes.BadInput, "not a time" },
            { "unknown lot", ["transfer", UnknownLot, "1", "--to", bob, "--as", "alice"], ExitCodes.PreflightRefused, "does not exist" },
            { "unknown offer", ["buy", "999", "1", "--as", "alice"], ExitCodes.PreflightRefused, "no offer 999" },
            { "not allowlisted", ["transfer", "{lot}", "1", "--to", SuiteFixture.Accounts.Reporters[2].Address, "--as", "provider"], ExitCodes.PreflightRefused, "ReceiverNotAllowed" },
            { "missing signer", ["transfer", "{lot}", "1", "--to", bob, "--private-key-env", "RWA_TEST_UNSET_VARIABLE_6d1f"], ExitCodes.SignerProblem, "RWA_TEST_UNSET_VARIABLE_6d1f" },
            { "unknown devnet account", ["transfer", "{lot}", "1", "--to", bob, "--as", "mallory"], ExitCodes.SignerProblem, "mallory" },
            { "unknown option", ["transfer", "{lot}", "1", "--to", bob, "--private-key", "0xabc"], ExitCodes.BadInput, "--private-key" },
            { "unreachable rpc", ["transfer", "{lot}", "1", "--to", bob, "--as", "alice"], ExitCodes.RpcUnavailable, "unavailable" },
            { "zero coverage", Issue("--coverage-bps", "0"), ExitCodes.BadInput, "--coverage-bps" },
            { "coverage above 100%", Issue("--coverage-bps", "10001"), ExitCodes.BadInput, "exceeds 10000" },
            { "zero metadata hash", Issue("--metadata-hash", "0x" + new string('0', 64)), ExitCodes.BadInput, "is zero" },
            { "short metadata hash", Issue("--metadata-hash", "0x1234"), ExitCodes.BadInput, "64 hex" },
            { "both metadata options", Issue("--metadata-hash", "0x" + new string('1', 64), "--metadata", "lot.json"), ExitCodes.BadInput, "not both" },
            { "missing metadata file", Issue("--metadata", "/nonexistent/lot.json"), ExitCodes.BadInput, "not found" },
            { "pledge maturity too soon", ["pledge", "request", "{lot}", "10", "--principal", "1", "--maturity", "2h", "--as", "alice"], ExitCodes.PreflightRefused, "too soon" },
            { "pledge maturity too late", ["pledge", "request", "{lot}", "10", "--principal", "1", "--maturity", "30d", "--as", "alice"], ExitCodes.PreflightRefused, "too late" },
            { "settlement not paused", ["pledge", "record-settlement-pause", "--as", "alice"], ExitCodes.ContractRevert, "SettlementNotPaused" },
            { "account: bad address", ["account", "freeze", "0x1234", "--as", "alice"], ExitCodes.BadInput, "not a valid address" },
            { "account: one bad address of several", ["account", "disallow", bob, "0x1234", "--as", "alice"], ExitCodes.BadInput, "address[1]" },
            { "pledge: id not a number", ["pledge", "repay", "one", "--as", "alice"], ExitCodes.BadInput, "not a whole number" },
            { "pledge: unknown pledge", ["pledge", "claim", "999", "--as", "alice"], ExitCodes.PreflightRefused, "999" },
            { "token: unknown verb", ["token", "resume", "--as", "alice"], ExitCodes.BadInput, "resume" },
            { "withdraw to the escrow", ["withdraw", "--to", "{escrow}", "--as", "provider"], ExitCodes.BadInput, "escrow itself" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_OneErrorLineAndNothingSent(string name, string[] args, int exitCode, string message)
    {
        var senders = new[] { SuiteFixture.Accounts.Alice.Address, SuiteFixture.Accounts.Provider.Address };
        var before = await Task.WhenAll(senders.Select(suite.Chain.NonceAsync));

        var run = await CliRun.RunAsync(Substitute(name, suite.Chain.Args(args)));

        Assert.True(run.ExitCode == exitCode, name + ": " + run);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at RwaCompute", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await Task.WhenAll(senders.Select(suite.Chain.NonceAsync)));
    }

    [Theory]
    [MemberData(nameof(UsageErrorTests.BadValues), MemberType = typeof(UsageErrorTests))]
    public async Task BadValue_ExitCode2_OneLineNamingTheOptionAndTheValue_NothingSent(string kind, string[] args, string option, string value)
    {
        var accounts = SuiteFixture.Accounts;
        var senders = new[] { accounts.Admin, accounts.Provider, accounts.Alice, accounts.Bob, accounts.Lender, accounts.Reporters[0] }.Select(a => a.Address).ToArray();
        var before = await Task.WhenAll(senders.Select(suite.Chain.NonceAsync));

        // The chain's --rpc unless the case is about --rpc itself.
        var run = await CliRun.RunAsync(args.Contains("--rpc") ? [.. args, "--deployments", suite.Chain.Deployments] : suite.Chain.Args(args));

        Assert.True(run.ExitCode == ExitCodes.BadInput, kind + ": " + run);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: {option}: '{value}'", line, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
        Assert.Equal(before, await Task.WhenAll(senders.Select(suite.Chain.NonceAsync)));
    }

    [Fact]
    public async Task WrongChainId_InManifest_RefusedWithPreflightExitCode()
    {
        var node = JsonNode.Parse(await File.ReadAllTextAsync(suite.Chain.ManifestPath))!;
        node["chainId"] = 1;
        var edited = Path.Combine(suite.Chain.Directory, "edited-chain.json");
        await File.WriteAllTextAsync(edited, node.ToJsonString());
        var before = await suite.Chain.NonceAsync(SuiteFixture.Accounts.Alice.Address);

        var run = await CliRun.RunAsync([.. suite.Chain.Args("transfer", suite.LotId, "1", "--to", SuiteFixture.Accounts.Bob.Address, "--as", "alice"), "--manifest", edited]);

        Assert.Equal(ExitCodes.PreflightRefused, run.ExitCode);
        Assert.Contains("chain 1", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, await suite.Chain.NonceAsync(SuiteFixture.Accounts.Alice.Address));
    }

    [Fact]
    public async Task Verbose_AddsTheStackTrace()
    {
        var run = await CliRun.RunAsync(suite.Chain.Args("lot", "show", UnknownLot, "--verbose"));

        Assert.Equal(ExitCodes.PreflightRefused, run.ExitCode);
        Assert.StartsWith("error: Lot ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("LotNotFoundException", run.Stderr, StringComparison.Ordinal);
        Assert.True(run.ErrorLines.Count > 1);
    }

    private static string[] Issue(params string[] extra) =>
        ["lot", "issue", "--pool", SuiteFixture.Pool, "--gpu", "H100-SXM5-80G", "--region", "eu-west", "--ends", "20d", "--price", "3", "--sla", "99%", "--units", "10", "--as", "provider", .. extra];

    private string[] Substitute(string name, string[] args) =>
        [.. args.Select(a => a switch
        {
            "{lot}" => suite.LotId,
            "{escrow}" => suite.EscrowAddress,
            _ when name == "unreachable rpc" && a == suite.Chain.RpcUrl => "http://127.0.0.1:1",
            _ => a,
        })];
}
