using System.Numerics;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.Tests.Fakes;

/// <summary>A remote signer as a KMS behaves: it holds a key the SDK never sees, answers after a delay, and returns only
/// r and s (optionally a high s, as a raw ECDSA implementation may).</summary>
internal sealed class FakeRemoteSigner(string privateKey, bool highS = false, bool withRecoveryId = false, string? claimedAddress = null) : IExternalSigner
{
    private static readonly BigInteger CurveOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    private readonly RwaSigner device = RwaSigner.FromPrivateKey(privateKey);
    private int requests;

    public string Address => claimedAddress ?? device.Address;

    public int Requests => Volatile.Read(ref requests);

    public async Task<ExternalSignature> SignHashAsync(byte[] hash, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requests);
        await Task.Delay(2, cancellationToken);
        var compact = device.SignDigest(hash);
        var r = compact[..32];
        var s = compact[32..64];
        var recoveryId = compact[64] - 27;
        if (highS)
        {
            var high = CurveOrder - new BigInteger(s, isUnsigned: true, isBigEndian: true);
            s = high.ToByteArray(isUnsigned: true, isBigEndian: true);
            recoveryId ^= 1;
        }

        return new ExternalSignature(r, s, withRecoveryId ? 27 + recoveryId : null);
    }
}
