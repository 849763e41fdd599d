using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Sdk.Tests.Wallets;

/// <summary>
/// The fallback to RWA_PRIVATE_KEY / RWA_MNEMONIC: these tests change process-wide variables, so they run alone
/// (their collection disables parallelization) and restore the previous values.
/// </summary>
[Collection(ProcessEnvironmentDefinition.Name)]
public sealed class SignerResolverDefaultsTests : IDisposable
{
    private readonly string? savedKey = Environment.GetEnvironmentVariable(SignerResolver.DefaultPrivateKeyVariable);
    private readonly string? savedMnemonic = Environment.GetEnvironmentVariable(SignerResolver.DefaultMnemonicVariable);
    private readonly string? savedPassword = Environment.GetEnvironmentVariable(SignerResolver.DefaultKeystorePasswordVariable);

    public SignerResolverDefaultsTests()
    {
        Environment.SetEnvironmentVariable(SignerResolver.DefaultPrivateKeyVariable, null);
        Environment.SetEnvironmentVariable(SignerResolver.DefaultMnemonicVariable, null);
        Environment.SetEnvironmentVariable(SignerResolver.DefaultKeystorePasswordVariable, null);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(SignerResolver.DefaultPrivateKeyVariable, savedKey);
        Environment.SetEnvironmentVariable(SignerResolver.DefaultMnemonicVariable, savedMnemonic);
        Environment.SetEnvironmentVariable(SignerResolver.DefaultKeystorePasswordVariable, savedPassword);
    }

    [Fact]
    public void DefaultVariableNames_AreTheDocumentedOnes()
    {
        Assert.Equal("RWA_PRIVATE_KEY", SignerResolver.DefaultPrivateKeyVariable);
        Assert.Equal("RWA_MNEMONIC", SignerResolver.DefaultMnemonicVariable);
        Assert.Equal("RWA_KEYSTORE_PASSWORD", SignerResolver.DefaultKeystorePasswordVariable);
    }

    [Fact]
    public async Task NothingConfigured_ThrowsNamingTheDefaultVariables()
    {
        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(new SignerOptions()));

        Assert.Contains("RWA_PRIVATE_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RWA_MNEMONIC", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SignerOptions.KeystorePath), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingConfigured_UsesRwaPrivateKey()
    {
        Environment.SetEnvironmentVariable(SignerResolver.DefaultPrivateKeyVariable, RwaSignerTests.Account0Key);

        var signer = await SignerResolver.ResolveAsync(new SignerOptions());

        Assert.Equal(RwaSignerTests.Account0, signer.Address);
    }

    [Fact]
    public async Task NothingConfigured_UsesRwaMnemonicWithTheAccountIndex()
    {
        Environment.SetEnvironmentVariable(SignerResolver.DefaultMnemonicVariable, RwaSignerTests.TestMnemonic);

        var signer = await SignerResolver.ResolveAsync(new SignerOptions { AccountIndex = 2 });

        Assert.Equal(RwaSignerTests.Account2, signer.Address);
    }

    [Fact]
    public async Task NothingConfigured_BothDefaultsSet_PrivateKeyWins()
    {
        Environment.SetEnvironmentVariable(SignerResolver.DefaultPrivateKeyVariable, RwaSignerTests.Account0Key);
        Environment.SetEnvironmentVariable(SignerResolver.DefaultMnemonicVariable, "test test test test test test test test test test test zebrafish");

        var signer = await SignerResolver.ResolveAsync(new SignerOptions());

        Assert.Equal(RwaSignerTests.Account0, signer.Address);
    }

    [Fact]
    public async Task ConfiguredSource_IgnoresTheDefaultVariables()
    {
        Environment.SetEnvironmentVariable(SignerResolver.DefaultPrivateKeyVariable, RwaSignerTests.Account0Key);
        var variable = "RWA_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, RwaSignerTests.TestMnemonic);
        try
        {
            var signer = await SignerResolver.ResolveAsync(new SignerOptions { MnemonicEnvironmentVariable = variable, AccountIndex = 1 });

            Assert.Equal(RwaSignerTests.Account1, signer.Address);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task InvalidDefaultKey_ThrowsNamingTheVariableButNotTheKey()
    {
        const string badKey = "0123456789abcdef";
        Environment.SetEnvironmentVariable(SignerResolver.DefaultPrivateKeyVariable, badKey);

        var ex = await Assert.ThrowsAsync<SignerException>(() => SignerResolver.ResolveAsync(new SignerOptions()));

        Assert.Contains("RWA_PRIVATE_KEY", ex.Message, StringComparison.Ordinal);
        RwaSignerTests.AssertNoSecret(ex, badKey);
    }

    [Fact]
    public async Task KeystoreWithoutPasswordOption_ReadsRwaKeystorePassword()
    {
        var directory = Directory.CreateTempSubdirectory("rwa-defaults-").FullName;
        try
        {
            var path = Path.Combine(directory, "keystore.json");
            await File.WriteAllTextAsync(path, RwaSigner.FromPrivateKey(RwaSignerTests.Account0Key).ToKeystoreJson("pw-from-env", 1024, 8, 1));
            Environment.SetEnvironmentVariable(SignerResolver.DefaultKeystorePasswordVariable, "pw-from-env");

            var signer = await SignerResolver.ResolveAsync(new SignerOptions { KeystorePath = path });

            Assert.Equal(RwaSignerTests.Account0, signer.Address);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task KeystoreWithoutAnyPassword_ThrowsNamingRwaKeystorePassword()
    {
        var ex = await Assert.ThrowsAsync<SignerException>(
            () => SignerResolver.ResolveAsync(new SignerOptions { KeystorePath = "/nonexistent/keystore.json" }));

        Assert.Contains("RWA_KEYSTORE_PASSWORD", ex.Message, StringComparison.Ordinal);
    }
}
