using System.Text.Json;
using System.Text.Json.Nodes;
using RwaCompute.Cli.Tests.Infrastructure;
using RwaCompute.Devnet;
using RwaCompute.Sdk.Deployment;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

public sealed class DeployCommandTests
{
    /// <summary>The six contracts, four role grants, the token's bond vault (setBondVault) and the escrow's curtailment
    /// module (setCurtailmentModule).</summary>
    private const int TransactionSteps = 12;

    private static readonly DevnetAccounts Accounts = DevnetAccounts.Standard;

    public static TheoryData<int> Steps() => [.. Enumerable.Range(0, TransactionSteps)];

    [Fact]
    public async Task Deploy_WithKeystoreSigner_WritesManifestAndJournal()
    {
        await using var chain = await TestChain.StartAsync();
        var stablecoin = await chain.DeployStablecoinAsync();
        var (keystore, passwordFile) = WriteKeystore(chain.Directory);

        var run = await CliRun.RunAsync(DeployArgs(chain, stablecoin, "--keystore", keystore, "--password-file", passwordFile, "--json"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        JsonSchemas.AssertValid("deploy", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(TransactionSteps, json.RootElement.GetProperty("transactionsSent").GetInt32());
        Assert.Equal(TransactionSteps, json.RootElement.GetProperty("transactions").GetArrayLength());
        Assert.Equal(Accounts.Admin.Address, json.RootElement.GetProperty("deployer").GetString());
        var manifest = await DeploymentManifest.LoadAsync(chain.ManifestPath);
        Assert.True(manifest.IsComplete);
        Assert.Equal(2, manifest.Oracle!.Quorum);
        Assert.True(File.Exists(chain.JournalPath));

        // A second run finds everything done: nothing sent.
        var again = await CliRun.RunAsync(DeployArgs(chain, stablecoin, "--keystore", keystore, "--password-file", passwordFile));
        Assert.True(again.ExitCode == ExitCodes.Success, again.ToString());
        Assert.Contains("Nothing to do", again.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Deploy_CancelledAfterEachStepThenReRun_SameAddressesAndEachContractDeployedOnce(int step)
    {
        var clean = await CleanAddressesAsync();
        await using var chain = await TestChain.StartAsync();
        var stablecoin = await chain.DeployStablecoinAsync();
        var before = await chain.NonceAsync(Accounts.Admin.Address);

        // Cancel synchronously right after the progress line of transaction step `step`, as a crash at that moment.
        using var crash = new CancellationTokenSource();
        var completed = 0;
        var watcher = new LineWatchingWriter(line =>
        {
            if (line.StartsWith("[ok] deploy: ", StringComparison.Ordinal) && !line.Contains("checked chain", StringComparison.Ordinal) && completed++ == step)
            {
                crash.Cancel();
            }
        });
        var interrupted = await CliRun.RunAsync(DeployArgs(chain, stablecoin, "--as", "admin"), crash.Token, watcher);
        if (step < TransactionSteps - 1)
        {
            Assert.True(interrupted.ExitCode == ExitCodes.Cancelled, interrupted.ToString());
        }

        Assert.Equal(before + step + 1, await chain.NonceAsync(Accounts.Admin.Address));

        var resumed = await CliRun.RunAsync(DeployArgs(chain, stablecoin, "--as", "admin"));

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Equal(before + TransactionSteps, await chain.NonceAsync(Accounts.Admin.Address));
        var manifest = await DeploymentManifest.LoadAsync(chain.ManifestPath);
        Assert.Equal(clean, Addresses(manifest));
        var sent = (await File.ReadAllLinesAsync(chain.JournalPath)).Count(line => line.Contains("\"state\":\"sent\"", StringComparison.Ordinal));
        Assert.Equal(TransactionSteps, sent);
    }

    [Fact]
    public async Task TamperedManifest_StatusAndDeploy_ExitWithManifestProblem()
    {
        await using var chain = await TestChain.StartAsync();
        var stablecoin = await chain.DeployStablecoinAsync();
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(DeployArgs(chain, stablecoin, "--as", "admin"))).ExitCode);
        var status = await CliRun.RunAsync(chain.Args("status", "--json"));
        Assert.True(status.ExitCode == ExitCodes.Success, status.ToString());
        using (var json = JsonDocument.Parse(status.Stdout))
        {
            Assert.Equal(31337, json.RootElement.GetProperty("chainId").GetInt64());
            Assert.Equal(2, json.RootElement.GetProperty("quorum").GetInt32());
        }

        var node = JsonNode.Parse(await File.ReadAllTextAsync(chain.ManifestPath))!;
        node["contracts"]!["ComputeEscrow"]!["runtimeCodeHash"] = "0x" + new string('1', 64);
        await File.WriteAllTextAsync(chain.ManifestPath, node.ToJsonString());
        var before = await chain.NonceAsync(Accounts.Admin.Address);

        foreach (var args in new[] { chain.Args("status"), DeployArgs(chain, stablecoin, "--as", "admin"), chain.Args("account", "allow", Accounts.Bob.Address, "--as", "admin") })
        {
            var run = await CliRun.RunAsync(args);
            Assert.True(run.ExitCode == ExitCodes.ManifestProblem, run.ToString());
            var line = Assert.Single(run.ErrorLines);
            Assert.StartsWith("error: ", line, StringComparison.Ordinal);
            Assert.Contains("ComputeEscrow", line, StringComparison.Ordinal);
        }

        Assert.Equal(before, await chain.NonceAsync(Accounts.Admin.Address));
    }

    [Fact]
    public async Task R5_TornJournalLine_PrintsTheDocumentedWarningOnStderr()
    {
        // The CLI used to create the deployer without a logger, so the journal warning of DEPLOYMENT.md never printed.
        await using var chain = await TestChain.StartAsync();
        var stablecoin = await chain.DeployStablecoinAsync();
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(DeployArgs(chain, stablecoin, "--as", "admin"))).ExitCode);
        await File.AppendAllTextAsync(chain.JournalPath, "{\"at\":\"2026-01-01T00:00:00Z\",\"step\":\"Comp");

        var run = await CliRun.RunAsync(DeployArgs(chain, stablecoin, "--as", "admin"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var warning = Assert.Single(run.ErrorLines);
        Assert.StartsWith("warning: Journal ", warning, StringComparison.Ordinal);
        Assert.Contains("31337.journal.jsonl: ignored 1 unreadable line(s)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_WithoutSigner_ExitsWithSignerProblemAndSendsNothing()
    {
        await using var chain = await TestChain.StartAsync();
        var stablecoin = await chain.DeployStablecoinAsync();
        var before = await chain.NonceAsync(Accounts.Admin.Address);

        var run = await CliRun.RunAsync(DeployArgs(chain, stablecoin, "--private-key-env", "RWA_TEST_UNSET_" + Guid.NewGuid().ToString("N")));

        Assert.Equal(ExitCodes.SignerProblem, run.ExitCode);
        Assert.Contains("is not set", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, await chain.NonceAsync(Accounts.Admin.Address));
        Assert.False(File.Exists(chain.ManifestPath));
    }

    private static string[] DeployArgs(TestChain chain, string stablecoin, params string[] extra) =>
        chain.Args([
            "deploy", "--stablecoin", stablecoin,
            "--reporter", Accounts.Reporters[0].Address, "--reporter", Accounts.Reporters[1].Address, "--reporter", Accounts.Reporters[2].Address,
            "--quorum", "2", .. extra]);

    private static (string Keystore, string PasswordFile) WriteKeystore(string directory)
    {
        var password = "correct horse " + Guid.NewGuid().ToString("N");
        var keystore = Path.Combine(directory, "admin.keystore.json");
        var passwordFile = Path.Combine(directory, "password.txt");
        File.WriteAllText(keystore, Accounts.Admin.ToKeystoreJson(password, 1024, 8, 1));
        File.WriteAllText(passwordFile, password + "\n");
        return (keystore, passwordFile);
    }

    private static Dictionary<string, string> Addresses(DeploymentManifest manifest) =>
        manifest.Contracts.ToDictionary(c => c.Key, c => c.Value.Address);

    private static readonly SemaphoreSlim CleanLock = new(1, 1);
    private static Dictionary<string, string>? cleanAddresses;

    private static async Task<Dictionary<string, string>> CleanAddressesAsync()
    {
        await CleanLock.WaitAsync();
        try
        {
            if (cleanAddresses is null)
            {
                await using var chain = await TestChain.StartAsync();
                var stablecoin = await chain.DeployStablecoinAsync();
                var run = await CliRun.RunAsync(DeployArgs(chain, stablecoin, "--as", "admin"));
                Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
                cleanAddresses = Addresses(await DeploymentManifest.LoadAsync(chain.ManifestPath));
            }

            return cleanAddresses;
        }
        finally
        {
            CleanLock.Release();
        }
    }
}
