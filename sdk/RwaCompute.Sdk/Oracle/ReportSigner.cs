using Nethereum.Signer;
using Nethereum.Util;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.Oracle;

/// <summary>Signs an aggregate oracle report as a reporter, and recovers the reporter of a signature.</summary>
/// <example>
/// <code>
/// var report = ReportAggregator.Aggregate(poolId, epoch, version, observations, previous);
/// var signature = ReportSigner.Sign(reporter, new OracleDomain(chainId, oracleAddress), report);
/// // relay: submitReport(report, [signature.Signature, ...]) once a quorum signed the same report
/// </code>
/// </example>
public static class ReportSigner
{
    /// <summary>Signs <paramref name="report"/>.</summary>
    /// <param name="signer">The reporter's key.</param>
    /// <param name="domain">The chain id and oracle address.</param>
    /// <param name="report">The aggregate report. It is signed as given: an honest reporter checks it against the
    /// round's evidence and its own observation first.</param>
    /// <returns>The reporter's address and its 65-byte signature.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The pool id is not 32 bytes, or the domain is invalid.</exception>
    public static ReportSignature Sign(RwaSigner signer, OracleDomain domain, OracleReport report)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var digest = ReportDigest.Compute(domain, report);
        return new ReportSignature(signer.Address, signer.SignDigest(digest));
    }

    /// <summary>Signs <paramref name="report"/> with a local key or through an external signer
    /// (<see cref="RwaSigner.FromExternal"/>).</summary>
    /// <param name="signer">The reporter's signer.</param>
    /// <param name="domain">The chain id and oracle address.</param>
    /// <param name="report">The aggregate report.</param>
    /// <param name="cancellationToken">Cancels an external signer's request.</param>
    /// <returns>The reporter's address and its 65-byte signature.</returns>
    public static async Task<ReportSignature> SignAsync(RwaSigner signer, OracleDomain domain, OracleReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var digest = ReportDigest.Compute(domain, report);
        return new ReportSignature(signer.Address, await signer.SignDigestAsync(digest, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Recovers the address that signed <paramref name="report"/>, as the contract does, so a relayer can
    /// drop bad signatures before paying for a reverting <c>submitReport</c>.</summary>
    /// <param name="domain">The chain id and oracle address.</param>
    /// <param name="report">The signed report.</param>
    /// <param name="signature">65 bytes <c>r ‖ s ‖ v</c> with v = 27 or 28.</param>
    /// <returns>The signer's address, EIP-55 checksummed (another address if any field differs from what was signed).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The signature is not 65 bytes with v = 27 or 28, or another argument is invalid.</exception>
    public static string RecoverSigner(OracleDomain domain, OracleReport report, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Length != 65 || signature[64] is not (27 or 28))
        {
            throw new ArgumentException("The signature must be 65 bytes r || s || v with v = 27 or 28.", nameof(signature));
        }

        var digest = ReportDigest.Compute(domain, report);
        var components = EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], signature[64]);
        var key = EthECKey.RecoverFromSignature(components, digest);
        return AddressUtil.Current.ConvertToChecksumAddress(key.GetPublicAddress());
    }
}
