using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Sdk.Tests.Wallets;

/// <summary>Configured sources only: every environment variable has a name unique to its test.</summary>
public sealed class SignerResolverTests : IDisposable
{
    private const string Password = "keystore-Pa55word";
    private readonly string directory = Directory.CreateTempSubdirectory("rwa-resolver-").FullName;
    private readonly List<string> variables = [];

    public void Dispose()
    {
        foreach (var variable in variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task PrivateKeyVariable_ResolvesTheKey()
    {
        var variable = SetVariable("0x" + RwaSignerTests.Account0Key);

        var signer = await SignerResolver.ResolveAsync(new SignerOptions { PrivateKeyEnvironmentVariable = variable });

        Assert.Equal(RwaSignerTests.Account0, signer.Address);
    }

    [Fact]
    public async Task PrivateKeyFile_WithTrailingNewline_ResolvesTheKey()
    {
        var path = WriteFile("key.txt", RwaSignerTests.Account0Key + "\n");

        var signer = await SignerResolver.ResolveAsync(new SignerOptions { PrivateKeyFile = path });

        Assert.Equal(RwaSignerTests.Account0, signer.Address);
    }

    [Fact]
    public async Task MnemonicVariable_WithAccountIndex_DerivesThatAccount()
    {
        var variable = SetVariable(RwaSignerTests.TestMnemonic);

        var signer = await SignerResolver.ResolveAsync(new SignerOptions { MnemonicEnvironmentVariable = variable, AccountIndex = 1 });

        Assert.Equal(RwaSignerTests.Account1, signer.Address);
    }

    [Fact]
    public async Task MnemonicFile_WithDerivationPath_DerivesThatPath()
    {
        var path = WriteFile("mnemonic.txt", RwaSignerTests.TestMnemonic + "\n");

        var signer = await SignerResolver.ResolveAsync(new SignerOptions { MnemonicFile = path, DerivationPath = "m/44'/60'/0'/0/2" });

        Assert.Equal(RwaSignerTests.Account2, signer.Address);
    }

    [Fact]
    public async Task Keystore_WithPasswordVariable_Decrypts()
    {
        var keystore = WriteKeystore();
        var variable = SetVariable(Password);

        var signer = await SignerResolver.ResolveAsync(
            new SignerOptions { KeystorePath = keystore, KeystorePasswordEnvironmentVariable = variable });

        Assert.Equal(RwaSignerTests.Account1, signer.Address);
    }

    [Fact]
    public async Task Keystore_WithPasswordFileEndingInNewline_Decrypts()
    {
        var keystore = WriteKeystore();
        var passwordFile = WriteFile("password.txt", Password + "\r\n");

        var signer = await SignerResolver.ResolveAsync(new SignerOptions { KeystorePath = keystore, KeystorePasswordFile = passwordFile });

        Assert.Equal(RwaSignerTests.Account1, signer.Address);
    }

    [Fact]
    public async Task Keystore_WrongPassword_ThrowsWithoutThePassword()
    {
        var keystore = WriteKeystore();
        var variable = SetVariable("wrong-Pa55word");

        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(
            new SignerOptions { KeystorePath = keystore, KeystorePasswordEnvironmentVariable = variable }));

        Assert.Contains(keystore, ex.Message, StringComparison.Ordinal);
        RwaSignerTests.AssertNoSecret(ex, "wrong-Pa55word");
        RwaSignerTests.AssertNoSecret(ex, Password);
    }

    [Fact]
    public async Task MissingVariable_ThrowsNamingTheVariable()
    {
        var variable = UniqueName();

        var ex = await Assert.ThrowsAsync<SignerException>(
            () => SignerResolver.ResolveAsync(new SignerOptions { PrivateKeyEnvironmentVariable = variable }));

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyVariable_ThrowsNamingTheVariable()
    {
        var variable = SetVariable("   ");

        var ex = await Assert.ThrowsAsync<SignerException>(
            () => SignerResolver.ResolveAsync(new SignerOptions { MnemonicEnvironmentVariable = variable }));

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_ThrowsNamingThePath()
    {
        var path = Path.Combine(directory, "nope", "key.txt");

        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(new SignerOptions { PrivateKeyFile = path }));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyFile_ThrowsNamingThePath()
    {
        var path = WriteFile("empty.txt", "\n");

        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(new SignerOptions { MnemonicFile = path }));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingKeystorePasswordVariable_ThrowsNamingIt()
    {
        var keystore = WriteKeystore();
        var variable = UniqueName();

        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(
            new SignerOptions { KeystorePath = keystore, KeystorePasswordEnvironmentVariable = variable }));

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralSources_ThrowsListingThem()
    {
        var keyVariable = SetVariable(RwaSignerTests.Account0Key);
        var mnemonicFile = WriteFile("mnemonic.txt", RwaSignerTests.TestMnemonic);

        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(
            new SignerOptions { PrivateKeyEnvironmentVariable = keyVariable, MnemonicFile = mnemonicFile }));

        Assert.Contains(nameof(SignerOptions.PrivateKeyEnvironmentVariable), ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SignerOptions.MnemonicFile), ex.Message, StringComparison.Ordinal);
        Assert.Contains("exactly one", ex.Message, StringComparison.Ordinal);
        RwaSignerTests.AssertNoSecret(ex, RwaSignerTests.Account0Key);
    }

    [Fact]
    public async Task BothPasswordSources_Throws()
    {
        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(new SignerOptions
        {
            KeystorePath = WriteKeystore(),
            KeystorePasswordEnvironmentVariable = SetVariable(Password),
            KeystorePasswordFile = WriteFile("password.txt", Password),
        }));

        Assert.Contains(nameof(SignerOptions.KeystorePasswordFile), ex.Message, StringComparison.Ordinal);
        RwaSignerTests.AssertNoSecret(ex, Password);
    }

    [Fact]
    public async Task PasswordWithoutKeystore_Throws()
    {
        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(new SignerOptions
        {
            PrivateKeyEnvironmentVariable = SetVariable(RwaSignerTests.Account0Key),
            KeystorePasswordEnvironmentVariable = SetVariable(Password),
        }));

        Assert.Contains(nameof(SignerOptions.KeystorePath), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountIndexWithPrivateKey_Throws()
    {
        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(new SignerOptions
        {
            PrivateKeyEnvironmentVariable = SetVariable(RwaSignerTests.Account0Key),
            AccountIndex = 2,
        }));

        Assert.Contains("mnemonic only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountIndexAndDerivationPath_Throws()
    {
        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(new SignerOptions
        {
            MnemonicEnvironmentVariable = SetVariable(RwaSignerTests.TestMnemonic),
            AccountIndex = 1,
            DerivationPath = "m/44'/60'/0'/0/1",
        }));

        Assert.Contains(nameof(SignerOptions.DerivationPath), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NegativeAccountIndex_Throws()
    {
        await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(new SignerOptions
        {
            MnemonicEnvironmentVariable = SetVariable(RwaSignerTests.TestMnemonic),
            AccountIndex = -1,
        }));
    }

    [Fact]
    public async Task InvalidKeyInVariable_ThrowsNamingTheVariableButNotTheKey()
    {
        const string badKey = "0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdead";
        var variable = SetVariable(badKey);

        var ex = await Assert.ThrowsAsync<SignerException>(
            () => SignerResolver.ResolveAsync(new SignerOptions { PrivateKeyEnvironmentVariable = variable }));

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        RwaSignerTests.AssertNoSecret(ex, "deadbeef");
    }

    [Fact]
    public async Task InvalidMnemonicInFile_ThrowsNamingThePathButNotTheWords()
    {
        var path = WriteFile("mnemonic.txt", "test test test test test test test test test test test zebrafish");

        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(new SignerOptions { MnemonicFile = path }));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        RwaSignerTests.AssertNoSecret(ex, "zebrafish");
    }

    [Fact]
    public async Task WhitespaceOptions_CountAsUnset()
    {
        var variable = SetVariable(RwaSignerTests.Account0Key);

        var signer = await SignerResolver.ResolveAsync(new SignerOptions
        {
            PrivateKeyEnvironmentVariable = variable,
            PrivateKeyFile = "",
            MnemonicFile = "  ",
            DerivationPath = "",
        });

        Assert.Equal(RwaSignerTests.Account0, signer.Address);
    }

    [Fact]
    public async Task Options_ToString_ShowsNoSecret()
    {
        var variable = SetVariable(RwaSignerTests.Account0Key);
        var options = new SignerOptions { PrivateKeyEnvironmentVariable = variable };

        var signer = await SignerResolver.ResolveAsync(options);

        Assert.DoesNotContain(RwaSignerTests.Account0Key, options.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(RwaSignerTests.Account0Key, signer.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NullOptions_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => SignerResolver.ResolveAsync(null!));
    }

    private static string UniqueName() => "RWA_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant();

    private string SetVariable(string value)
    {
        var name = UniqueName();
        variables.Add(name);
        Environment.SetEnvironmentVariable(name, value);
        return name;
    }

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string WriteKeystore()
        => WriteFile(
            "keystore-" + Guid.NewGuid().ToString("N") + ".json",
            RwaSigner.FromMnemonic(RwaSignerTests.TestMnemonic, 1).ToKeystoreJson(Password, 1024, 8, 1));
}
