using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Validation;

/// <summary>
/// Input checks run before anything is sent. Each returns the normalized value or throws an
/// <see cref="InputValidationException"/> subclass naming the parameter.
/// </summary>
public static class Guard
{
    /// <summary>The largest <c>uint16</c>.</summary>
    public static readonly BigInteger MaxUInt16 = ushort.MaxValue;

    /// <summary>The largest <c>uint40</c>.</summary>
    public static readonly BigInteger MaxUInt40 = (BigInteger.One << 40) - 1;

    /// <summary>The largest <c>uint64</c>.</summary>
    public static readonly BigInteger MaxUInt64 = ulong.MaxValue;

    /// <summary>The largest <c>uint96</c>.</summary>
    public static readonly BigInteger MaxUInt96 = (BigInteger.One << 96) - 1;

    /// <summary>The largest <c>uint128</c>.</summary>
    public static readonly BigInteger MaxUInt128 = (BigInteger.One << 128) - 1;

    /// <summary>The largest <c>uint256</c>.</summary>
    public static readonly BigInteger MaxUInt256 = (BigInteger.One << 256) - 1;

    private static readonly AddressUtil Addresses = new();

    /// <summary>Checks an address: 0x + 40 hex digits; a mixed-case address must carry a valid EIP-55 checksum.</summary>
    /// <param name="value">The address.</param>
    /// <param name="parameterName">The parameter's name, for the error.</param>
    /// <param name="allowZero">Whether the zero address is acceptable.</param>
    /// <returns>The EIP-55 checksummed address.</returns>
    /// <exception cref="InvalidAddressException">The value is not an acceptable address.</exception>
    public static string Address(string? value, string parameterName, bool allowZero = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidAddressException(parameterName, value, "it is empty");
        }

        var trimmed = value.Trim();
        if (!trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || trimmed.Length != 42 || !trimmed[2..].IsHex())
        {
            throw new InvalidAddressException(parameterName, value, "expected 0x followed by 40 hex digits");
        }

        var digits = trimmed[2..];
        var mixedCase = digits.Any(char.IsUpper) && digits.Any(char.IsLower);
        if (mixedCase && !Addresses.IsChecksumAddress(trimmed))
        {
            throw new InvalidAddressException(parameterName, value, "the EIP-55 checksum does not match (check for a typo)");
        }

        var checksummed = Addresses.ConvertToChecksumAddress(trimmed);
        if (!allowZero && checksummed == AddressUtil.ZERO_ADDRESS)
        {
            throw new InvalidAddressException(parameterName, value, "the zero address is not allowed here");
        }

        return checksummed;
    }

    /// <summary>Checks an unsigned amount against its Solidity type.</summary>
    /// <param name="value">The amount.</param>
    /// <param name="parameterName">The parameter's name.</param>
    /// <param name="bits">The Solidity type's width (uint{bits}).</param>
    /// <param name="allowZero">Whether zero is acceptable.</param>
    /// <returns>The value.</returns>
    /// <exception cref="AmountOutOfRangeException">The value is negative, zero (when not allowed) or too large.</exception>
    public static BigInteger Amount(BigInteger value, string parameterName, int bits = 256, bool allowZero = false)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "A Solidity uint is 8 to 256 bits wide, in steps of 8.");
        }

        var maximum = (BigInteger.One << bits) - 1;
        var minimum = allowZero ? BigInteger.Zero : BigInteger.One;
        if (value < minimum || value > maximum)
        {
            throw new AmountOutOfRangeException(parameterName, value, minimum, maximum, "uint" + bits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return value;
    }

    /// <summary>Checks a 32-byte identifier (pool id, hash): exactly 32 bytes.</summary>
    /// <param name="value">The bytes.</param>
    /// <param name="parameterName">The parameter's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InputValidationException">The value is not 32 bytes long.</exception>
    public static byte[] Bytes32(byte[]? value, string parameterName)
    {
        if (value is null || value.Length != 32)
        {
            throw new InputValidationException(parameterName, $"expected 32 bytes, got {value?.Length ?? 0}.");
        }

        return value;
    }

    /// <summary>Checks that two lists have the same length (batch calls).</summary>
    /// <param name="first">The first list's length.</param>
    /// <param name="second">The second list's length.</param>
    /// <param name="parameterName">The second list's parameter name.</param>
    /// <exception cref="InputValidationException">The lengths differ or are zero.</exception>
    public static void SameLength(int first, int second, string parameterName)
    {
        if (first != second)
        {
            throw new InputValidationException(parameterName, $"expected {first} entries to match, got {second}.");
        }

        if (first == 0)
        {
            throw new InputValidationException(parameterName, "the batch is empty.");
        }
    }
}
