using System.Globalization;
using System.Numerics;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Cli.Parsing;

/// <summary>
/// Exact decimal text of token amounts: base units shown in a currency's decimals (<c>12500000</c> with 6 decimals is
/// <c>12.5</c>; with 18, <c>0.0000000000125</c>), with integer arithmetic only. <see cref="AmountText"/> reads them.
/// </summary>
internal static class DecimalAmount
{
    /// <summary>The decimals of the devnet's mock USDC, the only currency the <c>usdc</c> commands handle.</summary>
    public const int UsdcDecimals = 6;

    /// <summary>Formats base units for people (<c>12,345.5</c>), exactly, with thousands separators.</summary>
    /// <param name="baseUnits">The amount.</param>
    /// <param name="decimals">The currency's decimals.</param>
    /// <returns>The text.</returns>
    public static string Format(BigInteger baseUnits, int decimals) => Group(Plain(baseUnits, decimals));

    /// <summary>Formats base units for machines (<c>12345.5</c>): exact, no thousands separators, as every amount of
    /// the <c>--json</c> output (<see cref="TokenAmount.Format"/>).</summary>
    /// <param name="baseUnits">The amount.</param>
    /// <param name="decimals">The currency's decimals.</param>
    /// <returns>The text.</returns>
    public static string Plain(BigInteger baseUnits, int decimals) => TokenAmount.Format(baseUnits, decimals);

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
}
