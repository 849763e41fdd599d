using System.Globalization;
using System.Numerics;
using Nethereum.Util;
using RwaCompute.Contracts.Runtime;
using ContractReport = RwaCompute.Sdk.Contracts.UtilizationOracle.Report;

namespace RwaCompute.Sdk.Oracle;

/// <summary>
/// The EIP-712 digest every reporter of a round signs for the aggregate report, computed exactly as
/// <c>UtilizationOracle.hashReport</c>
/// does: <c>keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(report))</c>, where <c>report</c> is the
/// contract's <c>IUtilizationOracle.Report</c> struct and its type string and <c>hashStruct</c> come from the
/// generated binding (<c>Report.Eip712Type</c>, <c>Report.Eip712HashStruct()</c>): a field added in Solidity changes
/// both sides.
/// </summary>
/// <remarks>
/// The digest binds the oracle's reporter configuration version: after <c>setReporters</c> bumps it, signatures made
/// for the old version no longer verify. Read the current version with <c>configVersion()</c> before signing.
/// </remarks>
/// <example>
/// <code>
/// var domain = new OracleDomain(31337, oracleAddress);
/// byte[] digest = ReportDigest.Compute(domain, report);
/// </code>
/// </example>
public static class ReportDigest
{
    /// <summary>The EIP-712 domain name of the oracle.</summary>
    public const string DomainName = "RwaCompute UtilizationOracle";

    /// <summary>The EIP-712 domain version of the oracle.</summary>
    public const string DomainVersion = "1";

    /// <summary>The EIP-712 type of a report (its keccak-256 is the contract's <c>REPORT_TYPEHASH</c>), generated from
    /// the Solidity struct.</summary>
    public const string ReportType = ContractReport.Eip712Type;

    /// <summary>The EIP-712 domain type used by OpenZeppelin's <c>EIP712</c> (no salt).</summary>
    private const string DomainType = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

    private const int Word = 32;

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
        return Eip712Encoder.HashStruct(
            DomainType,
            ("string", DomainName),
            ("string", DomainVersion),
            ("uint256", domain.ChainId),
            ("address", "0x" + Convert.ToHexString(address)));
    }

    /// <summary>The digest every reporter of a round signs for <paramref name="report"/> (the contract's
    /// <c>hashReport</c>).</summary>
    /// <param name="domain">The chain id and oracle address.</param>
    /// <param name="report">The aggregate report.</param>
    /// <returns>32 bytes, to sign with <c>RwaSigner.SignDigest</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The pool id is not 32 bytes, or the domain is invalid.</exception>
    public static byte[] Compute(OracleDomain domain, OracleReport report)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(report);
        if (report.PoolId is null || report.PoolId.Length != Word)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The pool id must be 32 bytes (bytes32); got {report.PoolId?.Length ?? 0}."), nameof(report));
        }

        var message = new byte[2 + (2 * Word)];
        message[0] = 0x19;
        message[1] = 0x01;
        DomainSeparator(domain).CopyTo(message, 2);
        report.ToContract().Eip712HashStruct().CopyTo(message, 2 + Word);
        return Sha3Keccack.Current.CalculateHash(message);
    }

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
}
