using System.Text.Json;
using RwaCompute.Cli.Tests.Infrastructure;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary><c>rwa keystore new|import</c>: a v3 keystore the <c>--keystore</c> signer opens, only the address in
/// the output, never an overwrite, and no password without a file or a terminal.</summary>
public sealed class KeystoreCommandTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    // anvil's account 0 (public test key): funded, and the devnet suite's admin.
    private const string AdminKey = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string Password = "not-echoed-9f3b27";

    private TestChain Chain => suite.Chain;

    [Fact]
    public async Task New_WritesAScryptV3KeystoreThatOpensWithThePasswordAndPrintsOnlyTheAddress()
    {
        var path = Unique("new.json");
        var run = await CliRun.RunAsync("keystore", "new", "--out", path, "--password-file", await PasswordFileAsync(), "--light-kdf", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var address = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("address").GetString()!;
        using var keystore = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal(3, keystore.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("scrypt", keystore.RootElement.GetProperty("crypto").GetProperty("kdf").GetString());
        Assert.Equal(address, (await RwaSigner.FromKeystoreFileAsync(path, Password)).Address);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.DoesNotContain(Password, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ThenSignWithKeystore_SendsATransaction()
    {
        var variable = Variable(AdminKey);
        try
        {
            var path = Unique("admin.json");
            var passwordFile = await PasswordFileAsync();
            var imported = await CliRun.RunAsync("keystore", "import", "--out", path, "--private-key-env", variable, "--password-file", passwordFile, "--light-kdf");
            Assert.True(imported.ExitCode == ExitCodes.Success, imported.ToString());
            Assert.Contains(SuiteFixture.Accounts.Admin.Address, imported.Stdout, StringComparison.Ordinal);

            var sent = await CliRun.RunAsync(Chain.Args("account", "allow", SuiteFixture.Accounts.Reporters[1].Address, "--keystore", path, "--password-file", passwordFile));

            Assert.True(sent.ExitCode == ExitCodes.Success, sent.ToString());
            Assert.StartsWith("ok: allowlisted", sent.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Import_NeverPrintsTheKeyTheMnemonicOrThePassword()
    {
        var keyVariable = Variable("0x" + AdminKey);
        var mnemonicVariable = Variable(AnvilOptions.TestMnemonic);
        var badKeyVariable = Variable(AdminKey[..60] + "zz!!");
        var passwordFile = await PasswordFileAsync();
        try
        {
            var runs = new[]
            {
                await CliRun.RunAsync("keystore", "import", "--out", Unique("k.json"), "--private-key-env", keyVariable, "--password-file", passwordFile, "--light-kdf"),
                await CliRun.RunAsync("keystore", "import", "--out", Unique("m.json"), "--mnemonic-env", mnemonicVariable, "--account-index", "2", "--password-file", passwordFile, "--light-kdf", "--json", "--verbose"),
                await CliRun.RunAsync("keystore", "import", "--out", Unique("f.json"), "--private-key-file", await WriteAsync("key.txt", AdminKey), "--password-file", passwordFile, "--light-kdf"),
                await CliRun.RunAsync("keystore", "import", "--out", Unique("bad.json"), "--private-key-env", badKeyVariable, "--password-file", passwordFile, "--verbose"),
                await CliRun.RunAsync("keystore", "import", "--out", Unique("nopw.json"), "--private-key-env", keyVariable),
            };

            Assert.Equal([ExitCodes.Success, ExitCodes.Success, ExitCodes.Success, ExitCodes.SignerProblem, ExitCodes.SignerProblem], runs.Select(r => r.ExitCode));
            foreach (var run in runs)
            {
                var output = run.Stdout + run.Stderr;
                Assert.DoesNotContain(AdminKey[..16], output, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("test test test", output, StringComparison.Ordinal);
                Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
            }

            Assert.Contains(SuiteFixture.Accounts.Alice.Address, runs[1].Stdout, StringComparison.Ordinal); // account 2
        }
        finally
        {
            Environment.SetEnvironmentVariable(keyVariable, null);
            Environment.SetEnvironmentVariable(mnemonicVariable, null);
            Environment.SetEnvironmentVariable(badKeyVariable, null);
        }
    }

    [Fact]
    public async Task New_ToAnExistingFile_IsAUsageError_AndLeavesItAlone()
    {
        var path = await WriteAsync("existing.json", "keep me");

        var run = await CliRun.RunAsync("keystore", "new", "--out", path, "--password-file", await PasswordFileAsync());

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("already exists", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task New_WithoutPasswordFileOrTerminal_IsASignerProblem_AndWritesNothing()
    {
        var path = Unique("nopassword.json");

        var run = await CliRun.RunAsync("keystore", "new", "--out", path);

        Assert.Equal(ExitCodes.SignerProblem, run.ExitCode);
        Assert.Contains("--password-file", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("--private-key-env", "K", "--mnemonic-env", "M")]
    [InlineData("--private-key-env", "K", "--account-index", "1")]
    [InlineData("--private-key-env", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478", null, null)]
    public async Task Import_WithBadSourceOptions_IsAUsageError(string option, string value, string? other, string? otherValue)
    {
        string[] extra = other is null ? [] : [other, otherValue!];
        var run = await CliRun.RunAsync(["keystore", "import", "--out", Unique("x.json"), option, value, .. extra, "--password-file", await PasswordFileAsync()]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.DoesNotContain("bec39a17e36", run.Stderr, StringComparison.Ordinal);
    }

    private static string Variable(string value)
    {
        var name = "RWA_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, value);
        return name;
    }

    private string Unique(string name) => Path.Combine(Chain.Directory, Guid.NewGuid().ToString("N")[..8] + "-" + name);

    private Task<string> PasswordFileAsync() => WriteAsync("pw", Password + "\n");

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Unique(name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
