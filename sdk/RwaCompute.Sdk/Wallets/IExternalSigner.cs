namespace RwaCompute.Sdk.Wallets;

/// <summary>
/// A key the SDK never holds — a cloud KMS, an HSM, a hardware wallet, a remote signing service — that signs 32-byte
/// hashes. Wrap it with <see cref="RwaSigner.FromExternal"/>: the SDK builds and hashes each transaction (and EIP-712
/// digest) itself, asks for a signature over the hash, normalizes it (low s) and recovers the missing recovery id by
/// checking which one yields <see cref="Address"/>, so a KMS that returns only r and s works as is. (Nethereum's
/// external-signer shape, reduced to the one operation every such device offers.)
/// </summary>
public interface IExternalSigner
{
    /// <summary>The account the key controls (checked against every signature).</summary>
    string Address { get; }

    /// <summary>Signs a 32-byte hash as is (no message prefix).</summary>
    /// <param name="hash">The hash.</param>
    /// <param name="cancellationToken">Cancels the request to the device or service.</param>
    /// <returns>The signature.</returns>
    Task<ExternalSignature> SignHashAsync(byte[] hash, CancellationToken cancellationToken);
}
