using Nethereum.Signer;
using Nethereum.Util;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.Oracle;

/// <summary>Signs oracle observations as a reporter, and recovers the reporter of a signed observation.</summary>
/// <example>
/// <code>
/// var domain = new OracleDomain(chainId, oracle.ContractAddress);
/// uint version = await oracle.ConfigVersionQueryAsync();
/// var signed = ReportSigner.Sign(reporter, domain, poolId, epoch, observation, version);
/// // relay: submitReport(poolId, epoch, [signed.Observation, ...], [signed.Signature, ...])
/// </code>
/// </example>
public static class ReportSigner
{
    /// <summary>Signs <paramref name="observation"/> for <paramref name="poolId"/> and <paramref name="epoch"/>.</summary>
    /// <param name="signer">The reporter's key.</param>
    /// <param name="domain">The chain id and oracle address.</param>
    /// <param name="poolId">The pool id (Solidity <c>bytes32</c>), exactly 32 bytes.</param>
    /// <param name="epoch">The report's epoch (must exceed the pool's stored epoch when submitted).</param>
    /// <param name="observation">The reporter's values. They are signed as given: the contract, not the signer,
    /// rejects basis points above 10 000 and stale or future timestamps.</param>
    /// <param name="configVersion">The oracle's current reporter configuration version (<c>configVersion()</c>).</param>
    /// <returns>The observation, its 65-byte signature and the reporter's address.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="poolId"/> is not 32 bytes, or the domain is invalid.</exception>
    public static SignedObservation Sign(
        RwaSigner signer, OracleDomain domain, byte[] poolId, ulong epoch, UtilizationObservation observation, uint configVersion)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var digest = ReportDigest.Compute(domain, poolId, epoch, observation, configVersion);
        return new SignedObservation(observation, signer.SignDigest(digest), signer.Address);
    }

    /// <summary>
    /// Recovers the address that signed an observation, as the contract does, so a relayer can drop signatures of
    /// non-reporters before paying for a reverting <c>submitReport</c>.
    /// </summary>
    /// <param name="domain">The chain id and oracle address.</param>
    /// <param name="poolId">The pool id, exactly 32 bytes.</param>
    /// <param name="epoch">The report's epoch.</param>
    /// <param name="observation">The signed values.</param>
    /// <param name="configVersion">The configuration version the signature was made for.</param>
    /// <param name="signature">65 bytes <c>r ‖ s ‖ v</c> with v = 27 or 28.</param>
    /// <returns>The signer's address, EIP-55 checksummed (a different address if any input differs from what was signed).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The signature is not 65 bytes with v = 27 or 28, or another argument is invalid.</exception>
    public static string RecoverSigner(
        OracleDomain domain, byte[] poolId, ulong epoch, UtilizationObservation observation, uint configVersion, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Length != 65 || signature[64] is not (27 or 28))
        {
            throw new ArgumentException("The signature must be 65 bytes r || s || v with v = 27 or 28.", nameof(signature));
        }

        var digest = ReportDigest.Compute(domain, poolId, epoch, observation, configVersion);
        var components = EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], signature[64]);
        var key = EthECKey.RecoverFromSignature(components, digest);
        return AddressUtil.Current.ConvertToChecksumAddress(key.GetPublicAddress());
    }
}
