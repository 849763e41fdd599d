using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using Nethereum.Util;

namespace RwaCompute.Sdk.Oracle;

/// <summary>
/// The EIP-712 digest a reporter signs for an observation, computed exactly as <c>UtilizationOracle.reportDigest</c>
/// does: <c>keccak256("\x19\x01" ‖ domainSeparator ‖ keccak256(abi.encode(REPORT_TYPEHASH, poolId, epoch,
/// utilizationBps, uptimeBps, deliveredGpuHours, energyKwh, observedAt, configVersion)))</c>.
/// </summary>
/// <remarks>
/// The digest binds the oracle's reporter configuration version: after <c>setReporters</c> bumps it, signatures made
/// for the old version no longer verify. Read the current version with <c>configVersion()</c> before signing.
/// </remarks>
/// <example>
/// <code>
/// var domain = new OracleDomain(31337, oracleAddress);
/// byte[] digest = ReportDigest.Compute(domain, poolId, epoch: 7, observation, configVersion: 1);
/// </code>
/// </example>
public static class ReportDigest
{
    /// <summary>The EIP-712 domain name of the oracle.</summary>
    public const string DomainName = "RwaCompute UtilizationOracle";

    /// <summary>The EIP-712 domain version of the oracle.</summary>
    public const string DomainVersion = "1";

    /// <summary>The EIP-712 type of a report (its keccak-256 is the contract's <c>REPORT_TYPEHASH</c>).</summary>
    public const string ReportType =
        "Report(bytes32 poolId,uint64 epoch,uint16 utilizationBps,uint16 uptimeBps,uint64 deliveredGpuHours,uint64 energyKwh,uint64 observedAt,uint32 configVersion)";

    /// <summary>The EIP-712 domain type used by OpenZeppelin's <c>EIP712</c> (no salt).</summary>
    private const string DomainType = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

    private const int Word = 32;

    private static readonly byte[] DomainTypeHash = Keccak(Encoding.UTF8.GetBytes(DomainType));
    private static readonly byte[] NameHash = Keccak(Encoding.UTF8.GetBytes(DomainName));
    private static readonly byte[] VersionHash = Keccak(Encoding.UTF8.GetBytes(DomainVersion));
    private static readonly byte[] ReportTypeHash = Keccak(Encoding.UTF8.GetBytes(ReportType));
    private static readonly BigInteger MaxUint256 = (BigInteger.One << 256) - 1;

    /// <summary>The oracle's EIP-712 domain separator (the contract's <c>DOMAIN_SEPARATOR()</c>).</summary>
    /// <param name="domain">The chain id and oracle address.</param>
    /// <returns>32 bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The chain id is not in [1, 2^256) or the address is malformed.</exception>
    public static byte[] DomainSeparator(OracleDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (domain.ChainId.Sign <= 0 || domain.ChainId > MaxUint256)
        {
            throw new ArgumentException("The chain id must be positive and fit in a uint256.", nameof(domain));
        }

        var address = ParseAddress(domain.OracleAddress, nameof(domain));

        Span<byte> buffer = stackalloc byte[5 * Word];
        buffer.Clear();
        DomainTypeHash.CopyTo(buffer);
        NameHash.CopyTo(buffer[Word..]);
        VersionHash.CopyTo(buffer[(2 * Word)..]);
        var chainId = domain.ChainId.ToByteArray(isUnsigned: true, isBigEndian: true);
        chainId.CopyTo(buffer[((4 * Word) - chainId.Length)..]);
        address.CopyTo(buffer[((5 * Word) - address.Length)..]);
        return Keccak(buffer);
    }

    /// <summary>The digest a reporter signs for <paramref name="observation"/> (the contract's <c>reportDigest</c>).</summary>
    /// <param name="domain">The chain id and oracle address.</param>
    /// <param name="poolId">The pool id (Solidity <c>bytes32</c>), exactly 32 bytes.</param>
    /// <param name="epoch">The report's epoch.</param>
    /// <param name="observation">The reporter's values.</param>
    /// <param name="configVersion">The oracle's current reporter configuration version (<c>configVersion()</c>).</param>
    /// <returns>32 bytes, to sign with <c>RwaSigner.SignDigest</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="poolId"/> is not 32 bytes, or the domain is invalid.</exception>
    public static byte[] Compute(OracleDomain domain, byte[] poolId, ulong epoch, UtilizationObservation observation, uint configVersion)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(poolId);
        ArgumentNullException.ThrowIfNull(observation);
        if (poolId.Length != Word)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The pool id must be 32 bytes (bytes32); got {poolId.Length}."), nameof(poolId));
        }

        Span<byte> message = stackalloc byte[2 + (2 * Word)];
        message[0] = 0x19;
        message[1] = 0x01;
        DomainSeparator(domain).CopyTo(message[2..]);
        StructHash(poolId, epoch, observation, configVersion).CopyTo(message[(2 + Word)..]);
        return Keccak(message);
    }

    private static byte[] StructHash(byte[] poolId, ulong epoch, UtilizationObservation observation, uint configVersion)
    {
        // abi.encode of nine static words: every value right-aligned (big-endian) in its 32-byte slot.
        Span<byte> buffer = stackalloc byte[9 * Word];
        buffer.Clear();
        ReportTypeHash.CopyTo(buffer);
        poolId.CopyTo(buffer[Word..]);
        WriteUInt64(buffer, 2, epoch);
        WriteUInt64(buffer, 3, observation.UtilizationBps);
        WriteUInt64(buffer, 4, observation.UptimeBps);
        WriteUInt64(buffer, 5, observation.DeliveredGpuHours);
        WriteUInt64(buffer, 6, observation.EnergyKwh);
        WriteUInt64(buffer, 7, observation.ObservedAt);
        WriteUInt64(buffer, 8, configVersion);
        return Keccak(buffer);
    }

    private static void WriteUInt64(Span<byte> buffer, int word, ulong value)
        => BinaryPrimitives.WriteUInt64BigEndian(buffer[(((word + 1) * Word) - sizeof(ulong))..], value);

    private static byte[] ParseAddress(string? address, string parameterName)
    {
        if (address is null || !AddressUtil.Current.IsValidEthereumAddressHexFormat(address))
        {
            throw new ArgumentException(
                $"The oracle address '{address}' is not an address (0x + 40 hex digits).", parameterName);
        }

        var hex = address[2..];
        var mixedCase = hex.Any(char.IsAsciiLetterUpper) && hex.Any(char.IsAsciiLetterLower);
        if (mixedCase && !AddressUtil.Current.IsChecksumAddress(address))
        {
            throw new ArgumentException(
                $"The oracle address '{address}' has mixed case but an invalid EIP-55 checksum (a typo?).", parameterName);
        }

        return Convert.FromHexString(hex);
    }

    private static byte[] Keccak(ReadOnlySpan<byte> data) => Sha3Keccack.Current.CalculateHash(data.ToArray());
}
