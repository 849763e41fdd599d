using System.Globalization;
using System.Numerics;

namespace RwaCompute.Cli.Parsing;

/// <summary>
/// Stablecoin amounts on the command line: decimal USDC (<c>12.5</c> = 12,500,000 base units, at most 6 decimals), or
/// raw base units with the <c>base</c> suffix (<c>12500000base</c>). Parsed exactly with integer arithmetic; negative
/// values, exponents, thousands separators and a 7th decimal are rejected.
/// </summary>
internal static class UsdcAmount
{
    /// <summary>USDC's decimals.</summary>
    public const int Decimals = 6;

    private const string BaseSuffix = "base";
    private static readonly BigInteger Scale = BigInteger.Pow(10, Decimals);

    /// <summary>Parses an amount into base units.</summary>
    /// <param name="text">The text.</param>
    /// <param name="option">The option, for the error.</param>
    /// <param name="allowZero">Whether zero is acceptable.</param>
    /// <returns>Base units.</returns>
    /// <exception cref="CliInputException">The text is not an amount.</exception>
    public static BigInteger Parse(string? text, string option, bool allowZero = false)
    {
        var value = text?.Trim() ?? string.Empty;
        BigInteger result;
        if (value.EndsWith(BaseSuffix, StringComparison.OrdinalIgnoreCase))
        {
            var digits = value[..^BaseSuffix.Length];
            if (!IsDigits(digits))
            {
                throw Invalid(text, option);
            }

            result = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else
        {
            if (value.EndsWith("usdc", StringComparison.OrdinalIgnoreCase))
            {
                value = value[..^4].TrimEnd();
            }

            var dot = value.IndexOf('.', StringComparison.Ordinal);
            var whole = dot < 0 ? value : value[..dot];
            var fraction = dot < 0 ? string.Empty : value[(dot + 1)..];
            if (!IsDigits(whole) || (dot >= 0 && !IsDigits(fraction)))
            {
                throw Invalid(text, option);
            }

            if (fraction.Length > Decimals)
            {
                throw new CliInputException(option, $"'{text}' has {fraction.Length} decimals; USDC has {Decimals} (use the 'base' suffix for raw base units).");
            }

            result = (BigInteger.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture) * Scale)
                + (fraction.Length == 0 ? BigInteger.Zero : BigInteger.Parse(fraction.PadRight(Decimals, '0'), NumberStyles.None, CultureInfo.InvariantCulture));
        }

        if (result.IsZero && !allowZero)
        {
            throw new CliInputException(option, $"'{text}' must be greater than zero.");
        }

        return result;
    }

    /// <summary>Formats base units as USDC text for people (<c>12,345.5</c>), exactly, with thousands separators.</summary>
    /// <param name="baseUnits">The amount.</param>
    /// <returns>The text.</returns>
    public static string Format(BigInteger baseUnits) => Format(baseUnits, grouped: true);

    /// <summary>Formats base units as USDC text for machines (<c>12345.5</c>): exact, no thousands separators, as every
    /// <c>…Usdc</c> field of the <c>--json</c> output.</summary>
    /// <param name="baseUnits">The amount.</param>
    /// <returns>The text.</returns>
    public static string Plain(BigInteger baseUnits) => Format(baseUnits, grouped: false);

    /// <summary>Adds thousands separators to a <see cref="Plain"/> amount, for tables.</summary>
    /// <param name="plain">The plain text (<c>12345.5</c>).</param>
    /// <returns>The grouped text (<c>12,345.5</c>).</returns>
    public static string Group(string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        var negative = plain.StartsWith('-');
        var body = negative ? plain[1..] : plain;
        var point = body.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? body : body[..point];
        if (!BigInteger.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return plain;
        }

        return (negative ? "-" : string.Empty) + value.ToString("N0", CultureInfo.InvariantCulture) + (point < 0 ? string.Empty : body[point..]);
    }

    private static string Format(BigInteger baseUnits, bool grouped)
    {
        var negative = baseUnits.Sign < 0;
        var magnitude = BigInteger.Abs(baseUnits);
        var whole = BigInteger.DivRem(magnitude, Scale, out var fraction);
        var text = whole.ToString(grouped ? "N0" : "D", CultureInfo.InvariantCulture);
        if (!fraction.IsZero)
        {
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(Decimals, '0').TrimEnd('0');
        }

        return negative ? "-" + text : text;
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static CliInputException Invalid(string? text, string option) =>
        new(option, text is not null && text.TrimStart().StartsWith('-')
            ? $"'{text}' is negative; amounts are positive."
            : $"'{text}' is not an amount: use decimal USDC like 12.5 (at most {Decimals} decimals) or base units like 12500000base.");
}
