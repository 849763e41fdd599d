using System.Text.Json.Nodes;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Sdk.Tests.Wallets;

public sealed class RwaSignerKeystoreTests : IDisposable
{
    private const string Password = "s3cr3t-Passw0rd!";

    // scrypt N = 1024 keeps each encryption/decryption around a millisecond.
    private const int TestScryptN = 1024;

    private readonly string directory = Directory.CreateTempSubdirectory("rwa-keystore-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void ToKeystoreJson_RoundTrips_WithTheSameAddress()
    {
        var signer = RwaSigner.FromPrivateKey(RwaSignerTests.Account0Key);

        var json = signer.ToKeystoreJson(Password, TestScryptN, 8, 1);
        var restored = RwaSigner.FromKeystoreJson(json, Password);

        Assert.Equal(signer.Address, restored.Address);
    }

    [Fact]
    public void ToKeystoreJson_WritesAVersion3ScryptKeystoreWithoutTheKeyOrPassword()
    {
        var signer = RwaSigner.FromPrivateKey(RwaSignerTests.Account0Key);

        var json = signer.ToKeystoreJson(Password, TestScryptN, 8, 1);

        var node = JsonNode.Parse(json)!;
        Assert.Equal(3, node["version"]!.GetValue<int>());
        Assert.Equal("scrypt", node["crypto"]!["kdf"]!.GetValue<string>());
        Assert.Equal(TestScryptN, node["crypto"]!["kdfparams"]!["n"]!.GetValue<int>());
        Assert.Equal(RwaSignerTests.Account0[2..].ToLowerInvariant(), node["address"]!.GetValue<string>());
        Assert.DoesNotContain(RwaSignerTests.Account0Key, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Password, json, StringComparison.Ordinal);
    }

    [Fact]
    public void FromKeystoreJson_WrongPassword_ThrowsWithoutThePasswords()
    {
        var json = RwaSigner.FromPrivateKey(RwaSignerTests.Account0Key).ToKeystoreJson(Password, TestScryptN, 8, 1);
        const string wrong = "not-the-Passw0rd";

        var ex = Assert.Throws<SignerException>(() => RwaSigner.FromKeystoreJson(json, wrong));

        Assert.Contains("password", ex.Message, StringComparison.OrdinalIgnoreCase);
        RwaSignerTests.AssertNoSecret(ex, wrong);
        RwaSignerTests.AssertNoSecret(ex, Password);
        RwaSignerTests.AssertNoSecret(ex, RwaSignerTests.Account0Key);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"version\":3,\"crypto\":{\"kdf\":\"argon2\"}}")]
    public void FromKeystoreJson_NotAKeystore_Throws(string json)
    {
        var ex = Assert.Throws<SignerException>(() => RwaSigner.FromKeystoreJson(json, Password));

        RwaSignerTests.AssertNoSecret(ex, Password);
    }

    [Fact]
    public void FromKeystoreJson_AddressFieldOfAnotherAccount_Throws()
    {
        var json = RwaSigner.FromPrivateKey(RwaSignerTests.Account0Key).ToKeystoreJson(Password, TestScryptN, 8, 1);
        var node = JsonNode.Parse(json)!;
        node["address"] = RwaSignerTests.Account1[2..].ToLowerInvariant();

        var ex = Assert.Throws<SignerException>(() => RwaSigner.FromKeystoreJson(node.ToJsonString(), Password));

        Assert.Contains("does not match", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromKeystoreJson_Pbkdf2Keystore_IsAccepted()
    {
        var key = Convert.FromHexString(RwaSignerTests.Account0Key);
        var json = new Nethereum.KeyStore.KeyStorePbkdf2Service().EncryptAndGenerateKeyStoreAsJson(
            Password, key, RwaSignerTests.Account0, new Nethereum.KeyStore.Model.Pbkdf2Params { Count = 1024, Dklen = 32, Prf = "hmac-sha256" });

        Assert.Equal(RwaSignerTests.Account0, RwaSigner.FromKeystoreJson(json, Password).Address);
    }

    [Theory]
    [InlineData(0, 8, 1)]
    [InlineData(1, 8, 1)]
    [InlineData(1000, 8, 1)]
    [InlineData(1024, 0, 1)]
    [InlineData(1024, 8, 0)]
    public void ToKeystoreJson_InvalidScryptParameters_Throw(int n, int r, int p)
    {
        var signer = RwaSigner.FromPrivateKey(RwaSignerTests.Account0Key);

        Assert.Throws<ArgumentOutOfRangeException>(() => signer.ToKeystoreJson(Password, n, r, p));
    }

    [Fact]
    public async Task FromKeystoreFileAsync_ReadsTheFile()
    {
        var signer = RwaSigner.FromMnemonic(RwaSignerTests.TestMnemonic, 2);
        var path = Path.Combine(directory, "keystore.json");
        await File.WriteAllTextAsync(path, signer.ToKeystoreJson(Password, TestScryptN, 8, 1));

        var restored = await RwaSigner.FromKeystoreFileAsync(path, Password);

        Assert.Equal(RwaSignerTests.Account2, restored.Address);
    }

    [Fact]
    public async Task FromKeystoreFileAsync_MissingFile_ThrowsNamingThePath()
    {
        var path = Path.Combine(directory, "missing.json");

        var ex = await Assert.ThrowsAsync<SignerException>(() => RwaSigner.FromKeystoreFileAsync(path, Password));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        RwaSignerTests.AssertNoSecret(ex, Password);
    }

    [Fact]
    public async Task FromKeystoreFileAsync_WrongPassword_ThrowsNamingThePathButNotThePassword()
    {
        var path = Path.Combine(directory, "keystore.json");
        await File.WriteAllTextAsync(path, RwaSigner.FromPrivateKey(RwaSignerTests.Account0Key).ToKeystoreJson(Password, TestScryptN, 8, 1));

        var ex = await Assert.ThrowsAsync<SignerException>(() => RwaSigner.FromKeystoreFileAsync(path, "wrong-pass"));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        RwaSignerTests.AssertNoSecret(ex, "wrong-pass");
        RwaSignerTests.AssertNoSecret(ex, Password);
    }

    [Fact]
    public async Task FromKeystoreFileAsync_Cancelled_Throws()
    {
        var path = Path.Combine(directory, "keystore.json");
        await File.WriteAllTextAsync(path, "{}");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RwaSigner.FromKeystoreFileAsync(path, Password, cancelled.Token));
    }
}
