using System.Numerics;
using System.Security.Cryptography;
using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Util;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Sdk.Tests.Wallets;

public sealed class RwaSignerTests
{
    internal const string TestMnemonic = "test test test test test test test test test test test junk";
    internal const string Account0Key = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    internal const string Account0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    internal const string Account1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    internal const string Account2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    // secp256k1 group order n.
    private const string CurveOrderHex = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

    [Theory]
    [InlineData(0, Account0)]
    [InlineData(1, Account1)]
    [InlineData(2, Account2)]
    public void FromMnemonic_TestMnemonic_DerivesTheAnvilAccounts(int index, string expected)
    {
        var signer = RwaSigner.FromMnemonic(TestMnemonic, index);

        Assert.Equal(expected, signer.Address);
    }

    [Fact]
    public void FromMnemonic_ExplicitDefaultPath_EqualsAccountIndex()
    {
        var byPath = RwaSigner.FromMnemonic(TestMnemonic, "m/44'/60'/0'/0/2");

        Assert.Equal(Account2, byPath.Address);
    }

    [Fact]
    public void FromMnemonic_OtherPath_GivesAnotherAccount()
    {
        var signer = RwaSigner.FromMnemonic(TestMnemonic, "m/44'/60'/1'/0/0");

        Assert.NotEqual(Account0, signer.Address);
        Assert.Equal(signer.Address, RwaSigner.FromMnemonic(TestMnemonic, "m/44h/60h/1h/0/0").Address);
    }

    [Fact]
    public void FromMnemonic_Passphrase_ChangesTheAccountDeterministically()
    {
        var withPassphrase = RwaSigner.FromMnemonic(TestMnemonic, 0, "correct horse");

        Assert.NotEqual(Account0, withPassphrase.Address);
        Assert.Equal(withPassphrase.Address, RwaSigner.FromMnemonic(TestMnemonic, 0, "correct horse").Address);
    }

    [Fact]
    public void FromMnemonic_ExtraWhitespaceAndUpperCase_AreNormalized()
    {
        var signer = RwaSigner.FromMnemonic("  Test test\ttest test test test test test test test test  JUNK\n");

        Assert.Equal(Account0, signer.Address);
    }

    [Fact]
    public void FromMnemonic_BadChecksum_ThrowsWithoutEchoingTheWords()
    {
        const string mnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon";

        var ex = Assert.Throws<SignerException>(() => RwaSigner.FromMnemonic(mnemonic));

        Assert.Contains("checksum", ex.Message, StringComparison.OrdinalIgnoreCase);
        AssertNoSecret(ex, "abandon");
    }

    [Fact]
    public void FromMnemonic_UnknownWord_ThrowsWithoutEchoingTheWord()
    {
        const string mnemonic = "test test test test test test test test test test test zebrafish";

        var ex = Assert.Throws<SignerException>(() => RwaSigner.FromMnemonic(mnemonic));

        AssertNoSecret(ex, "zebrafish");
        AssertNoSecret(ex, "test test");
    }

    [Theory]
    [InlineData("")]
    [InlineData("test test test")]
    [InlineData("test test test test test test test test test test test junk junk")]
    public void FromMnemonic_WrongWordCount_Throws(string mnemonic)
    {
        var ex = Assert.Throws<SignerException>(() => RwaSigner.FromMnemonic(mnemonic));

        Assert.Contains("words", ex.Message, StringComparison.Ordinal);
        if (mnemonic.Length > 0)
        {
            AssertNoSecret(ex, mnemonic);
        }
    }

    [Fact]
    public void FromMnemonic_NegativeIndex_Throws()
    {
        Assert.Throws<SignerException>(() => RwaSigner.FromMnemonic(TestMnemonic, -1));
    }

    [Theory]
    [InlineData("m/44'/60'/x")]
    [InlineData("not a path")]
    public void FromMnemonic_InvalidPath_ThrowsNamingThePath(string path)
    {
        var ex = Assert.Throws<SignerException>(() => RwaSigner.FromMnemonic(TestMnemonic, path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        AssertNoSecret(ex, TestMnemonic);
    }

    [Theory]
    [InlineData(Account0Key)]
    [InlineData("0x" + Account0Key)]
    [InlineData("0X" + Account0Key)]
    [InlineData("  0xAC0974BEC39A17E36BA4A6B4D238FF944BACB478CBED5EFCAE784D7BF4F2FF80\n")]
    public void FromPrivateKey_WithOrWithoutPrefix_GivesTheAddress(string key)
    {
        Assert.Equal(Account0, RwaSigner.FromPrivateKey(key).Address);
    }

    [Theory]
    [InlineData("", "64 hex digits")]
    [InlineData("0x", "64 hex digits")]
    [InlineData("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff", "64 hex digits")]
    [InlineData("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff8000", "64 hex digits")]
    [InlineData("zc0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "not a hex digit")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000", "zero")]
    [InlineData(CurveOrderHex, "order")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142", "order")]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "order")]
    public void FromPrivateKey_Invalid_ThrowsWithoutEchoingTheKey(string key, string reason)
    {
        var ex = Assert.Throws<SignerException>(() => RwaSigner.FromPrivateKey(key));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        var hex = key.StartsWith("0x", StringComparison.Ordinal) ? key[2..] : key;
        if (hex.Length >= 8)
        {
            AssertNoSecret(ex, hex);
            AssertNoSecret(ex, hex[..8]);
        }
    }

    [Fact]
    public void FromPrivateKey_OrderMinusOne_IsTheLargestValidKey()
    {
        var signer = RwaSigner.FromPrivateKey("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");

        Assert.StartsWith("0x", signer.Address, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPrivateKey_One_IsValid()
    {
        // The well-known address of private key 1.
        var signer = RwaSigner.FromPrivateKey(new string('0', 63) + "1");

        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", signer.Address);
    }

    [Fact]
    public void Address_IsEip55Checksummed()
    {
        var signer = RwaSigner.FromMnemonic(TestMnemonic, 7);

        Assert.True(AddressUtil.Current.IsChecksumAddress(signer.Address));
    }

    [Fact]
    public void ToString_ShowsTheAddressOnly()
    {
        var signer = RwaSigner.FromPrivateKey(Account0Key);

        Assert.Equal("RwaSigner(" + Account0 + ")", signer.ToString());
        Assert.DoesNotContain(Account0Key, signer.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToAccount_CarriesTheAddressAndChainId()
    {
        var account = RwaSigner.FromPrivateKey(Account0Key).ToAccount(31337);

        Assert.Equal(Account0, account.Address, ignoreCase: true);
        Assert.Equal(new BigInteger(31337), account.ChainId);
    }

    [Fact]
    public void SignDigest_RandomKeysAndDigests_RecoverToTheAddressWithLowSAndV27Or28()
    {
        var random = new Random(1234);
        for (var i = 0; i < 32; i++)
        {
            var signer = RandomSigner(random);
            var digest = new byte[32];
            random.NextBytes(digest);

            var signature = signer.SignDigest(digest);

            Assert.Equal(65, signature.Length);
            Assert.True(signature[64] is 27 or 28, "v must be 27 or 28");
            var ecdsa = EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], signature[64]);
            Assert.True(ecdsa.IsLowS, "s must be in the lower half of the order (OpenZeppelin ECDSA rejects high s)");
            var recovered = EthECKey.RecoverFromSignature(ecdsa, digest).GetPublicAddress();
            Assert.Equal(signer.Address, recovered, ignoreCase: true);
        }
    }

    [Fact]
    public void SignDigest_IsDeterministic()
    {
        var signer = RwaSigner.FromPrivateKey(Account0Key);
        var digest = SHA256.HashData("rwa"u8);

        Assert.Equal(signer.SignDigest(digest), signer.SignDigest(digest));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void SignDigest_NotThirtyTwoBytes_Throws(int length)
    {
        var signer = RwaSigner.FromPrivateKey(Account0Key);

        Assert.Throws<ArgumentException>(() => signer.SignDigest(new byte[length]));
    }

    [Fact]
    public void SignTransaction_ValueTransfer_DecodesToTheRequestAndRecoversTheSender()
    {
        var signer = RwaSigner.FromMnemonic(TestMnemonic, 3);
        var request = new Eip1559TransactionRequest(
            31337, 5, 1_000_000_000, 30_000_000_000, 21_000, Account1, BigInteger.Pow(10, 18), "0x");

        var raw = signer.SignTransaction(request);

        Assert.StartsWith("0x02", raw, StringComparison.Ordinal);
        var decoded = Assert.IsType<Transaction1559>(TransactionFactory.CreateTransaction(raw));
        Assert.Equal(request.ChainId, decoded.ChainId);
        Assert.Equal(request.Nonce, decoded.Nonce);
        Assert.Equal(request.MaxPriorityFeePerGas, decoded.MaxPriorityFeePerGas);
        Assert.Equal(request.MaxFeePerGas, decoded.MaxFeePerGas);
        Assert.Equal(request.GasLimit, decoded.GasLimit);
        Assert.Equal(Account1, decoded.ReceiverAddress, ignoreCase: true);
        Assert.Equal(request.Value, decoded.Amount);
        Assert.Equal(signer.Address, TransactionVerificationAndRecovery.GetSenderAddress(raw), ignoreCase: true);
    }

    [Fact]
    public void SignTransaction_RandomRequests_RecoverTheSender()
    {
        var random = new Random(99);
        for (var i = 0; i < 16; i++)
        {
            var signer = RandomSigner(random);
            var data = new byte[random.Next(0, 100)];
            random.NextBytes(data);
            var maxFee = new BigInteger(random.NextInt64(1, long.MaxValue));
            var request = new Eip1559TransactionRequest(
                random.Next(1, int.MaxValue), random.Next(0, 1000), maxFee / 2, maxFee, random.Next(21_000, 30_000_000),
                i % 4 == 0 ? null : RandomSigner(random).Address, random.NextInt64(), Convert.ToHexString(data));

            var raw = signer.SignTransaction(request);

            Assert.Equal(signer.Address, TransactionVerificationAndRecovery.GetSenderAddress(raw), ignoreCase: true);
        }
    }

    [Fact]
    public void SignTransaction_ContractCreation_HasNoRecipient()
    {
        var signer = RwaSigner.FromPrivateKey(Account0Key);
        var request = new Eip1559TransactionRequest(1, 0, 0, 10, 100_000, null, 0, "0x6000");

        var decoded = Assert.IsType<Transaction1559>(TransactionFactory.CreateTransaction(signer.SignTransaction(request)));

        Assert.True(string.IsNullOrEmpty(decoded.ReceiverAddress) || decoded.ReceiverAddress == "0x");
        Assert.Equal("6000", decoded.Data.Replace("0x", string.Empty, StringComparison.Ordinal));
    }

    public static TheoryData<Eip1559TransactionRequest> InvalidRequests => new()
    {
        new(0, 0, 1, 2, 21_000, Account1, 0, "0x"),
        new(-1, 0, 1, 2, 21_000, Account1, 0, "0x"),
        new(1, -1, 1, 2, 21_000, Account1, 0, "0x"),
        new(1, 0, -1, 2, 21_000, Account1, 0, "0x"),
        new(1, 0, 3, 2, 21_000, Account1, 0, "0x"),
        new(1, 0, 1, 2, 0, Account1, 0, "0x"),
        new(1, 0, 1, 2, 21_000, Account1, -5, "0x"),
        new(1, 0, 1, 2, 21_000, "0x1234", 0, "0x"),
        new(1, 0, 1, 2, 21_000, Account1, 0, "0xabc"),
        new(1, 0, 1, 2, 21_000, Account1, 0, "0xzz"),
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void SignTransaction_InvalidRequest_Throws(Eip1559TransactionRequest request)
    {
        var signer = RwaSigner.FromPrivateKey(Account0Key);

        Assert.Throws<ArgumentException>(() => signer.SignTransaction(request));
    }

    internal static RwaSigner RandomSigner(Random random)
    {
        var key = new byte[32];
        random.NextBytes(key);
        key[0] &= 0x7f; // below the group order
        key[31] |= 1; // not zero
        return RwaSigner.FromPrivateKey(Convert.ToHexString(key));
    }

    internal static void AssertNoSecret(Exception exception, string secret)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(secret, e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, e.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
