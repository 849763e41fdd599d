using System.Globalization;
using System.Numerics;

namespace RwaCompute.Cli.Parsing;

/// <summary>
/// A token amount as typed on the command line, checked for form when the command line is parsed and turned into base
/// units once the command knows the currency (<see cref="In"/>): a decimal amount in the currency's own decimals
/// (<c>12.5</c>, optionally followed by its symbol, <c>12.5EURC</c>), or raw base units with the <c>base</c> suffix
/// (<c>12500000base</c>). Exact integer arithmetic; negative values, exponents, thousands separators and more decimals
/// than the currency has are refused.
/// </summary>
internal sealed class AmountText
{
    private const string BaseSuffix = "base";
    private static readonly BigInteger MaxUint256 = (BigInteger.One << 256) - 1;

    private readonly BigInteger? baseUnits;
    private readonly string whole;
    private readonly string fraction;
    private readonly string? symbol;
    private readonly bool allowZero;

    private AmountText(string text, string option, BigInteger? baseUnits, string whole, string fraction, string? symbol, bool allowZero)
    {
        Text = text;
        Option = option;
        this.baseUnits = baseUnits;
        this.whole = whole;
        this.fraction = fraction;
        this.symbol = symbol;
        this.allowZero = allowZero;
    }

    /// <summary>The text as typed.</summary>
    public string Text { get; }

    /// <summary>The option or argument it came from, for errors.</summary>
    public string Option { get; }

    /// <summary>Zero, as an option's default.</summary>
    /// <param name="option">The option.</param>
    /// <returns>The amount.</returns>
    public static AmountText Zero(string option) => new("0", option, BigInteger.Zero, string.Empty, string.Empty, null, allowZero: true);

    /// <summary>Checks an amount's form (the currency's decimals are checked by <see cref="In"/>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="option">The option, for the error.</param>
    /// <param name="allowZero">Whether zero is acceptable.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="CliInputException">The text is not an amount.</exception>
    public static AmountText Parse(string? text, string option, bool allowZero = false)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.EndsWith(BaseSuffix, StringComparison.OrdinalIgnoreCase))
        {
            var digits = value[..^BaseSuffix.Length];
            if (!IsDigits(digits))
            {
                throw Invalid(text, option);
            }

            var units = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            return Checked(new AmountText(value, option, units, string.Empty, string.Empty, null, allowZero), units);
        }

        // The number, then optionally the currency's symbol (12.5, 12.5EURC, 12.5 USD18); never an exponent (1e6).
        var numberEnd = 0;
        while (numberEnd < value.Length && (char.IsAsciiDigit(value[numberEnd]) || value[numberEnd] == '.'))
        {
            numberEnd++;
        }

        var number = value[..numberEnd];
        var rest = value[numberEnd..].Trim();
        string? symbol = rest.Length == 0 ? null : rest;
        if (symbol is not null && (!char.IsAsciiLetter(symbol[0]) || !symbol.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') || IsExponent(symbol)))
        {
            throw Invalid(text, option);
        }

        var dot = number.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? number : number[..dot];
        var fraction = dot < 0 ? string.Empty : number[(dot + 1)..];
        if (!IsDigits(whole) || (dot >= 0 && !IsDigits(fraction)))
        {
            throw Invalid(text, option);
        }

        var parsed = new AmountText(value, option, null, whole, fraction.TrimEnd('0'), symbol, allowZero);
        return whole.All(c => c == '0') && parsed.fraction.Length == 0 && !allowZero
            ? throw new CliInputException(option, $"'{text}' must be greater than zero.")
            : parsed;
    }

    /// <summary>The amount in base units of a currency.</summary>
    /// <param name="currency">The currency the command settles in.</param>
    /// <returns>Base units.</returns>
    /// <exception cref="CliInputException">More decimals than the currency has, another currency's symbol, or more
    /// than a uint256.</exception>
    public BigInteger In(SettlementCurrency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (baseUnits is { } units)
        {
            return units;
        }

        if (symbol is not null && !string.Equals(symbol, currency.Symbol, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliInputException(Option, $"'{Text}' names {symbol}, but this settles in {currency.Display} ({currency.Address}).");
        }

        if (fraction.Length > currency.Decimals)
        {
            throw new CliInputException(Option, $"'{Text}' has {fraction.Length} decimals; {currency.Display} has {currency.Decimals} (use the 'base' suffix for raw base units).");
        }

        var value = (BigInteger.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture) * BigInteger.Pow(10, currency.Decimals))
            + (fraction.Length == 0 ? BigInteger.Zero : BigInteger.Parse(fraction.PadRight(currency.Decimals, '0'), NumberStyles.None, CultureInfo.InvariantCulture));
        return value > MaxUint256 ? throw new CliInputException(Option, $"'{Text}' does not fit a uint256 in {currency.Display}'s base units.") : value;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static AmountText Checked(AmountText amount, BigInteger units)
    {
        if (units.IsZero && !amount.allowZero)
        {
            throw new CliInputException(amount.Option, $"'{amount.Text}' must be greater than zero.");
        }

        return units > MaxUint256 ? throw new CliInputException(amount.Option, $"'{amount.Text}' does not fit a uint256.") : amount;
    }

    private static bool IsExponent(string text) =>
        text.Length > 1 && text[0] is 'e' or 'E' && (char.IsAsciiDigit(text[1]) || (text.Length > 2 && text[1] is '+' or '-' && char.IsAsciiDigit(text[2])));

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static CliInputException Invalid(string? text, string option) =>
        new(option, text is not null && text.TrimStart().StartsWith('-')
            ? $"'{text}' is negative; amounts are positive."
            : $"'{text}' is not an amount: use a decimal amount in the lot's currency like 12.5 (at most its decimals) or base units like 12500000base.");
}
