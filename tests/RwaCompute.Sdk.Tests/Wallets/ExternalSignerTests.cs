using System.Numerics;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Tests.Fakes;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Sdk.Tests.Wallets;

/// <summary>External signers (KMS, HSM, hardware wallet): the SDK hashes, the device signs the hash, the SDK normalizes
/// and checks the signature before anything is sent.</summary>
public sealed class ExternalSignerTests
{
    private const string Key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private const string OtherKey = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    private static readonly RwaSigner Local = RwaSigner.FromPrivateKey(Key);

    private static readonly Eip1559TransactionRequest Request = new(
        31_337, 7, 2_000_000_000, 22_000_000_000, 120_000, "0x5FbDB2315678afecb367f032d93F642f64180aa3", BigInteger.Zero, "0xabcdef01");

    private static byte[] Digest => Convert.FromHexString("1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8");

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Transaction_SignedRemotely_IsByteForByteTheLocalKeysSignature(bool highS, bool withRecoveryId)
    {
        var remote = new FakeRemoteSigner(Key, highS, withRecoveryId);
        var signer = RwaSigner.FromExternal(remote);

        var signed = await signer.SignTransactionAsync(Request);

        Assert.Equal(Local.SignTransaction(Request), signed);
        Assert.Equal(1, remote.Requests);
        Assert.True(signer.IsExternal);
        Assert.Equal(Local.Address, signer.Address);
    }

    [Fact]
    public async Task Digest_SignedRemotely_IsTheLocalKeysSignature()
    {
        var signer = RwaSigner.FromExternal(new FakeRemoteSigner(Key, highS: true));

        Assert.Equal(Local.SignDigest(Digest), await signer.SignDigestAsync(Digest));
    }

    [Fact]
    public async Task Signature_FromAnotherKey_IsRefusedBeforeAnythingIsSent()
    {
        var signer = RwaSigner.FromExternal(new FakeRemoteSigner(OtherKey, claimedAddress: Local.Address));

        var error = await Assert.ThrowsAsync<SignerException>(() => signer.SignTransactionAsync(Request));

        Assert.Contains(Local.Address, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SynchronousSigningAndKeyExport_AreRefusedForAnExternalKey()
    {
        var signer = RwaSigner.FromExternal(new FakeRemoteSigner(Key));

        Assert.Throws<SignerException>(() => signer.SignTransaction(Request));
        Assert.Throws<SignerException>(() => signer.SignDigest(Digest));
        Assert.Throws<SignerException>(() => signer.ToAccount(31_337));
        Assert.Throws<SignerException>(() => signer.ToKeystoreJson("pw", 2, 1, 1));
    }

    [Fact]
    public void BadAddress_IsRefused() =>
        Assert.Throws<SignerException>(() => RwaSigner.FromExternal(new FakeRemoteSigner(Key, claimedAddress: "0x1234")));

    [Fact]
    public async Task LocalKey_AsyncMethods_EqualTheSynchronousOnes()
    {
        Assert.Equal(Local.SignTransaction(Request), await Local.SignTransactionAsync(Request));
        Assert.Equal(Local.SignDigest(Digest), await Local.SignDigestAsync(Digest));
    }
}
