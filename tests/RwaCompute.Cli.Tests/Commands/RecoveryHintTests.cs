using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>Errors end with what to do — the command that fixes them or the spelling meant — on their one line, with
/// the exit code they always had.</summary>
public sealed class RecoveryHintTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    [Fact]
    public async Task TransferToAnAccountOffTheAllowlist_SuggestsAllowingIt()
    {
        var receiver = SuiteFixture.Accounts.Reporters[2].Address;

        var run = await CliRun.RunAsync(suite.Chain.Args("transfer", suite.LotId, "1", "--to", receiver, "--as", "provider"));

        Assert.Equal(ExitCodes.PreflightRefused, run.ExitCode);
        Assert.EndsWith("ReceiverNotAllowed. — allow it: rwa account allow " + receiver, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevertForAMissingRole_NamesTheRoleAndSuggestsGrantingIt()
    {
        var alice = SuiteFixture.Accounts.Alice.Address;

        var run = await CliRun.RunAsync(suite.Chain.Args("account", "freeze", SuiteFixture.Accounts.Bob.Address, "--as", "alice"));

        Assert.Equal(ExitCodes.ContractRevert, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("AccessControlUnauthorizedAccount", line, StringComparison.Ordinal);
        Assert.EndsWith("— grant it: rwa role grant token COMPLIANCE_ROLE " + alice, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSigner_NamesTheSignerOptions()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("RWA_PRIVATE_KEY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("RWA_MNEMONIC")), "the test needs RWA_PRIVATE_KEY and RWA_MNEMONIC unset");

        var run = await CliRun.RunAsync(suite.Chain.Args("token", "pause"));

        Assert.Equal(ExitCodes.SignerProblem, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        foreach (var option in new[] { "--keystore", "--private-key-file", "--private-key-env", "--mnemonic-env", "--as" })
        {
            Assert.Contains(option, line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { "offer", "1", "2", "--prise", "3", "--expires", "7d" }, "did you mean '--price'?")]
    [InlineData(new[] { "lot", "list", "--jsn" }, "did you mean '--json'?")]
    [InlineData(new[] { "token", "pauze" }, "did you mean 'pause'?")]
    [InlineData(new[] { "rol", "list" }, "did you mean 'role'?")]
    [InlineData(new[] { "keystore", "nwe", "--out", "x.json" }, "did you mean 'new'?")]
    public async Task AnUnknownOptionOrCommand_GetsDidYouMean(string[] args, string expected)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWordFarFromEveryOption_GetsNoGuess()
    {
        var run = await CliRun.RunAsync("lot", "list", "--frobnicate-everything");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.DoesNotContain("did you mean", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsdcDeployMock_OffTheDevnetChain_IsRefused()
    {
        await using var anvil = await RwaCompute.Devnet.Anvil.AnvilProcess.StartAsync(new RwaCompute.Devnet.Anvil.AnvilOptions { ChainId = 4242 });

        var run = await CliRun.RunAsync("usdc", "deploy-mock", "--private-key-env", "RWA_TEST_UNUSED", "--rpc", anvil.RpcUrl);

        Assert.Equal(ExitCodes.PreflightRefused, run.ExitCode);
        Assert.Contains("chain 31337", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, await new RwaCompute.Devnet.Anvil.AnvilRpc(anvil.RpcUrl).BlockNumberAsync());
    }
}
