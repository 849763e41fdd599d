using System.Globalization;
using System.Numerics;

namespace RwaCompute.Cli.Parsing;

/// <summary>Token units (GPU-hours) and other whole numbers on the command line: decimal digits only.</summary>
internal static class UnitCount
{
    /// <summary>Parses a positive whole number.</summary>
    /// <param name="text">The text.</param>
    /// <param name="option">The option, for the error.</param>
    /// <param name="allowZero">Whether zero is acceptable.</param>
    /// <returns>The number.</returns>
    /// <exception cref="CliInputException">Not a whole number, negative, or zero.</exception>
    public static BigInteger Parse(string? text, string option, bool allowZero = false)
    {
        // Plain digits only, like amounts: "1_0" and "1,000" are refused rather than read as 10 and 1000.
        var value = text?.Trim() ?? string.Empty;
        if (value.StartsWith('-'))
        {
            throw new CliInputException(option, $"'{text}' is negative; expected a whole number.");
        }

        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            throw new CliInputException(option, $"'{text}' is not a whole number (digits only, no separators).");
        }

        var result = BigInteger.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (result.IsZero && !allowZero)
        {
            throw new CliInputException(option, $"'{text}' must be greater than zero.");
        }

        return result;
    }

    /// <summary>Parses a whole number that fits <typeparamref name="T"/> (a block number, an epoch, a port...).</summary>
    /// <typeparam name="T">The integer type.</typeparam>
    /// <param name="text">The text.</param>
    /// <param name="option">The option.</param>
    /// <param name="allowZero">Whether zero is acceptable.</param>
    /// <returns>The number.</returns>
    /// <exception cref="CliInputException">Not a whole number, negative, zero, or too large for the type.</exception>
    public static T ParseInteger<T>(string? text, string option, bool allowZero = false)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var value = Parse(text, option, allowZero);
        return value > BigInteger.CreateChecked(T.MaxValue)
            ? throw new CliInputException(option, $"'{text}' is too large (at most {T.MaxValue.ToString(null, CultureInfo.InvariantCulture)}).")
            : T.CreateChecked(value);
    }

    /// <summary>Parses basis points, 0–10,000; a percentage with a <c>%</c> suffix is accepted (<c>99.5%</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="option">The option.</param>
    /// <returns>Basis points.</returns>
    /// <exception cref="CliInputException">Not a whole number or a percentage with at most 2 decimals, or above 100 %.</exception>
    public static ushort ParseBps(string? text, string option)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.EndsWith('%'))
        {
            // Checked without scaling first, so a huge percentage is this error rather than a decimal overflow.
            if (!decimal.TryParse(value[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || decimal.Round(percent, 2) != percent)
            {
                throw new CliInputException(option, $"'{text}' is not a percentage with at most 2 decimals.");
            }

            return percent > 100 ? throw TooLarge(text, option) : (ushort)(percent * 100);
        }

        var whole = Parse(value, option, allowZero: true);
        return whole > 10_000 ? throw TooLarge(text, option) : (ushort)whole;
    }

    private static CliInputException TooLarge(string? text, string option) => new(option, $"'{text}' exceeds 10000 bps (100%).");
}
