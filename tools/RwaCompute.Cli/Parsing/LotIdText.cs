using System.Globalization;
using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;

namespace RwaCompute.Cli.Parsing;

/// <summary>Lot ids (uint256) as text: 0x hex (as printed by <c>rwa lot list</c>) or decimal.</summary>
internal static class LotIdText
{
    /// <summary>Parses a lot id.</summary>
    /// <param name="text">The text.</param>
    /// <param name="option">The option or argument.</param>
    /// <returns>The id.</returns>
    public static BigInteger Parse(string? text, string option)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var digits = value[2..];
            if (digits.Length is 0 or > 64 || !digits.IsHex())
            {
                throw new CliInputException(option, $"'{text}' is not a lot id: expected 0x and up to 64 hex digits, or a decimal number.");
            }

            return BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        var id = UnitCount.Parse(value, option);
        // a decimal id beyond uint256 reached the ABI encoder and exited 1 (AbiEncodingException).
        return id < MaxUint256Exclusive
            ? id
            : throw new CliInputException(option, $"'{text}' is not a lot id: it does not fit in 256 bits.");
    }

    private static readonly BigInteger MaxUint256Exclusive = BigInteger.One << 256;

    /// <summary>The full id as 0x + 64 hex digits.</summary>
    /// <param name="lotId">The id.</param>
    /// <returns>The text.</returns>
    public static string Format(BigInteger lotId) => "0x" + lotId.ToString("x64", CultureInfo.InvariantCulture)[^64..];

    /// <summary>A short form for tables: the first 10 and last 6 hex digits.</summary>
    /// <param name="lotId">The id.</param>
    /// <returns>The text.</returns>
    public static string Short(BigInteger lotId)
    {
        var full = Format(lotId);
        return full[..12] + "…" + full[^6..];
    }
}
