using System.Diagnostics.CodeAnalysis;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace RwaCompute.Sdk.Deployment;

/// <summary>Address and hash checks shared by the manifest, the configuration and the deployer.</summary>
internal static class EthereumHex
{
    public const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    /// <summary>Validates an address and returns it EIP-55 checksummed. All-lowercase and all-uppercase hex is
    /// accepted; mixed case must carry a valid checksum (a hand-edited typo is caught, not "normalized").</summary>
    public static bool TryNormalizeAddress(string? value, [NotNullWhen(true)] out string? checksummed, [NotNullWhen(false)] out string? reason)
    {
        checksummed = null;
        if (string.IsNullOrEmpty(value))
        {
            reason = "is missing";
            return false;
        }

        if (value.Length != 42 || !value.StartsWith("0x", StringComparison.Ordinal) || !IsHex(value.AsSpan(2)))
        {
            reason = $"'{value}' is not a 0x-prefixed 20-byte hex address";
            return false;
        }

        var digits = value.AsSpan(2);
        var mixed = HasLower(digits) && HasUpper(digits);
        var normalized = AddressUtil.Current.ConvertToChecksumAddress(value);
        if (mixed && !string.Equals(normalized, value, StringComparison.Ordinal))
        {
            reason = $"'{value}' fails its EIP-55 checksum (expected {normalized})";
            return false;
        }

        checksummed = normalized;
        reason = null;
        return true;
    }

    /// <summary>Whether <paramref name="value"/> is 0x followed by 64 hex digits.</summary>
    public static bool IsHash32(string? value) =>
        value is { Length: 66 } && value.StartsWith("0x", StringComparison.Ordinal) && IsHex(value.AsSpan(2));

    /// <summary>Keccak-256 of <paramref name="data"/>.</summary>
    public static byte[] Keccak(byte[] data) => Sha3Keccack.Current.CalculateHash(data);

    /// <summary>Keccak-256 of <paramref name="data"/>, 0x-prefixed lowercase hex.</summary>
    public static string KeccakHex(byte[] data) => Keccak(data).ToHex(true);

    /// <summary>Hex (with or without 0x) to bytes; empty for "0x" or null.</summary>
    public static byte[] FromHex(string? hex) =>
        string.IsNullOrEmpty(hex) || hex == "0x" ? [] : hex.HexToByteArray();

    /// <summary>Compares two hex strings ignoring case.</summary>
    public static bool SameHex(string? left, string? right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    private static bool IsHex(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasLower(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (c is >= 'a' and <= 'f')
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasUpper(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (c is >= 'A' and <= 'F')
            {
                return true;
            }
        }

        return false;
    }
}
