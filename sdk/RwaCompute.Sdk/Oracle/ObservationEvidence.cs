using Nethereum.Signer;
using Nethereum.Util;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.Oracle;

/// <summary>
/// A reporter's own observation, signed off-chain as evidence for a round (EIP-712 primary type <c>Observation</c>
/// under the oracle's domain; never sent to the chain). The round's leader forwards every reporter's evidence with
/// its proposal, so each follower can recompute the aggregate itself instead of trusting the leader.
/// </summary>
/// <param name="PoolId">The pool (32 bytes).</param>
/// <param name="Epoch">The epoch.</param>
/// <param name="Observation">What the reporter measured.</param>
/// <param name="Reporter">The reporter's address, EIP-55 checksummed.</param>
/// <param name="Signature">65 bytes <c>r ‖ s ‖ v</c> over <see cref="Digest"/>.</param>
#pragma warning disable CA1819 // bytes32 and signatures as the SDK passes them.
public sealed record ObservationEvidence(byte[] PoolId, ulong Epoch, UtilizationObservation Observation, string Reporter, byte[] Signature)
#pragma warning restore CA1819
{
    /// <summary>The EIP-712 type of an observation (off-chain only).</summary>
    public const string ObservationType =
        "Observation(bytes32 poolId,uint64 epoch,uint16 utilizationBps,uint16 uptimeBps,uint64 deliveredGpuHours,uint64 energyKwh,uint64 curtailedGpuHours,uint64 observedAt)";

    /// <summary>The digest a reporter signs for its observation.</summary>
    /// <param name="domain">The oracle's domain (the same as for reports: evidence is bound to one oracle and chain).</param>
    /// <param name="poolId">The pool (32 bytes).</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="o">The observation.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] Digest(OracleDomain domain, byte[] poolId, ulong epoch, UtilizationObservation o)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        ArgumentNullException.ThrowIfNull(o);
        if (poolId.Length != 32)
        {
            throw new ArgumentException("The pool id must be 32 bytes.", nameof(poolId));
        }

        var structHash = Eip712Encoder.HashStruct(
            ObservationType,
            ("bytes32", poolId),
            ("uint64", epoch),
            ("uint16", o.UtilizationBps),
            ("uint16", o.UptimeBps),
            ("uint64", o.DeliveredGpuHours),
            ("uint64", o.EnergyKwh),
            ("uint64", o.CurtailedGpuHours),
            ("uint64", o.ObservedAt));
        var message = new byte[66];
        message[0] = 0x19;
        message[1] = 0x01;
        ReportDigest.DomainSeparator(domain).CopyTo(message, 2);
        structHash.CopyTo(message, 34);
        return Sha3Keccack.Current.CalculateHash(message);
    }

    /// <summary>Signs <paramref name="observation"/> as <paramref name="reporter"/>.</summary>
    /// <param name="reporter">The reporter's key.</param>
    /// <param name="domain">The oracle's domain.</param>
    /// <param name="poolId">The pool.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="observation">The observation.</param>
    /// <returns>The signed evidence.</returns>
    public static ObservationEvidence Sign(RwaSigner reporter, OracleDomain domain, byte[] poolId, ulong epoch, UtilizationObservation observation)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        return new ObservationEvidence(poolId, epoch, observation, reporter.Address, reporter.SignDigest(Digest(domain, poolId, epoch, observation)));
    }

    /// <summary>Whether the signature recovers to <see cref="Reporter"/> over this observation under
    /// <paramref name="domain"/>.</summary>
    /// <param name="domain">The oracle's domain.</param>
    /// <returns><see langword="true"/> when the evidence is authentic.</returns>
    public bool Verify(OracleDomain domain)
    {
        if (Signature is not { Length: 65 } || Signature[64] is not (27 or 28) || PoolId is not { Length: 32 })
        {
            return false;
        }

        var ecdsa = EthECDSASignatureFactory.FromComponents(Signature[..32], Signature[32..64], Signature[64]);
        var recovered = EthECKey.RecoverFromSignature(ecdsa, Digest(domain, PoolId, Epoch, Observation)).GetPublicAddress();
        return string.Equals(recovered, Reporter, StringComparison.OrdinalIgnoreCase);
    }
}
