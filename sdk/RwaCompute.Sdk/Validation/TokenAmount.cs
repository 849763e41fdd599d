using System.Globalization;
using System.Numerics;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Validation;

/// <summary>
/// Exact conversion between decimal text and an ERC-20's base units — never through <c>double</c> or <c>decimal</c>:
/// <c>Parse("12.5", 6)</c> is 12 500 000, <c>Format(12_500_000, 6)</c> is <c>"12.5"</c>. Text is digits with at most
/// one <c>.</c> and at most <c>decimals</c> fraction digits; no sign, exponent, separators or spaces inside.
/// </summary>
public static class TokenAmount
{
    /// <summary>The largest number of decimals accepted (ERC-20 tokens use at most 18 in practice; 77 fits uint256).</summary>
    public const int MaxDecimals = 77;

    /// <summary>Parses decimal text into base units.</summary>
    /// <param name="text">For example <c>12.5</c> or <c>1000</c>.</param>
    /// <param name="decimals">The token's decimals (USDC: 6).</param>
    /// <param name="parameterName">Named in the error.</param>
    /// <returns>The amount in base units.</returns>
    /// <exception cref="InputValidationException">Not a plain non-negative decimal, more fraction digits than the
    /// token has, or beyond uint256.</exception>
    public static BigInteger Parse(string text, int decimals, string parameterName = "amount") =>
        TryParse(text, decimals, out var value, out var reason) ? value : throw new InputValidationException(parameterName, reason!);

    /// <summary>Parses decimal text into base units without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="decimals">The token's decimals.</param>
    /// <param name="value">The amount in base units.</param>
    /// <param name="reason">Why the text was refused.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string? text, int decimals, out BigInteger value, out string? reason)
    {
        CheckDecimals(decimals);
        value = BigInteger.Zero;
        var trimmed = text?.Trim() ?? string.Empty;
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? trimmed : trimmed[..dot];
        var fraction = dot < 0 ? string.Empty : trimmed[(dot + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || (dot >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))))
        {
            reason = $"'{text}' is not a non-negative decimal amount such as 12.5";
            return false;
        }

        if (fraction.Length > decimals)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"'{text}' has {fraction.Length} decimals; the token has {decimals}");
            return false;
        }

        value = (BigInteger.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture) * BigInteger.Pow(10, decimals))
            + (fraction.Length == 0 ? BigInteger.Zero : BigInteger.Parse(fraction.PadRight(decimals, '0'), NumberStyles.None, CultureInfo.InvariantCulture));
        if (value >= BigInteger.One << 256)
        {
            value = BigInteger.Zero;
            reason = $"'{text}' does not fit in a uint256";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>Formats base units as exact decimal text, without separators or trailing zeros (<c>12.5</c>, <c>3</c>,
    /// <c>0.000001</c>).</summary>
    /// <param name="baseUnits">The amount in base units (negative values keep their sign).</param>
    /// <param name="decimals">The token's decimals.</param>
    /// <returns>The text.</returns>
    public static string Format(BigInteger baseUnits, int decimals)
    {
        CheckDecimals(decimals);
        var magnitude = BigInteger.Abs(baseUnits);
        var whole = BigInteger.DivRem(magnitude, BigInteger.Pow(10, decimals), out var fraction);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (!fraction.IsZero)
        {
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0').TrimEnd('0');
        }

        return baseUnits.Sign < 0 ? "-" + text : text;
    }

    private static void CheckDecimals(int decimals)
    {
        if (decimals is < 0 or > MaxDecimals)
        {
            throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "decimals must be between 0 and 77");
        }
    }
}
