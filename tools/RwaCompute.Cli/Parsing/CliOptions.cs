using System.CommandLine;
using System.Numerics;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Cli.Parsing;

/// <summary>
/// Typed options whose values are checked while the command line is parsed (see <see cref="CustomParsers"/>): a bad
/// value is one <c>error: --option: 'value' …</c> line and exit code 2, before anything is sent. Options are optional
/// unless marked with <see cref="AsRequired{T}"/>; <see cref="WithDefault{T}"/> gives the value used when one is
/// absent (shown by <c>--help</c>).
/// </summary>
/// <example>
/// <code>
/// var price = CliOptions.Amount("--price", "price per unit in the lot's currency (3.2) or base units (3200000base)").AsRequired();
/// var fee = CliOptions.Amount("--fee", "the fee due at repayment", allowZero: true).WithDefault(AmountText.Zero("--fee"));
/// </code>
/// </example>
internal static class CliOptions
{
    /// <summary>An option parsed by <paramref name="parse"/> (for a rule only one command has).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="name">The option, for example <c>--price</c>.</param>
    /// <param name="description">Its help text.</param>
    /// <param name="parse">Parses the text; throws <see cref="CliInputException"/> naming the option to reject it.</param>
    /// <returns>The option.</returns>
    public static Option<T> Create<T>(string name, string description, Func<string, T> parse) =>
        new(name) { Description = description, CustomParser = CustomParsers.One(parse) };

    /// <summary>Free text (a file to write, a label checked elsewhere).</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The option.</returns>
    public static Option<string> Text(string name, string description) => new(name) { Description = description };

    /// <summary>An address: 0x + 40 hex digits, a valid EIP-55 checksum when mixed-case, not zero; the value is the
    /// checksummed address.</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The option.</returns>
    public static Option<string> Address(string name, string description) =>
        Create(name, description, text => Guard.Address(text, name));

    /// <summary>One or more addresses (repeat the option or list them after it), each checked as by
    /// <see cref="Address"/> and named <c>--option[i]</c> in an error.</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The option.</returns>
    public static Option<string[]> Addresses(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = CustomParsers.Each(name, (text, symbol) => Guard.Address(text, symbol)),
    };

    /// <summary>A token amount, decimal in the lot's currency (<c>12.5</c>) or base units (<c>12500000base</c>), checked
    /// for form now and read in the currency's decimals by the command (<see cref="AmountText"/>).</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <param name="allowZero">Whether zero is acceptable.</param>
    /// <returns>The option.</returns>
    public static Option<AmountText> Amount(string name, string description, bool allowZero = false) =>
        Create(name, description, text => AmountText.Parse(text, name, allowZero));

    /// <summary>A positive whole number of token units (GPU-hours).</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The option.</returns>
    public static Option<BigInteger> Units(string name, string description) =>
        Create(name, description, text => UnitCount.Parse(text, name));

    /// <summary>A whole number that fits <typeparamref name="T"/>, as <see cref="UnitCount.ParseInteger{T}"/>.</summary>
    /// <typeparam name="T">The integer type (for example <see cref="ulong"/> for an epoch).</typeparam>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <param name="allowZero">Whether zero is acceptable.</param>
    /// <returns>The option.</returns>
    public static Option<T> WholeNumber<T>(string name, string description, bool allowZero = false)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        Create(name, description, text => UnitCount.ParseInteger<T>(text, name, allowZero));

    /// <summary>Basis points, 0 to 10,000: <c>9900</c> or <c>99%</c>.</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The option.</returns>
    public static Option<ushort> Bps(string name, string description) =>
        Create(name, description, text => UnitCount.ParseBps(text, name));

    /// <summary>A time: a duration from the chain's now (<c>7d</c>) or an ISO-8601 time, resolved when the command
    /// runs (<see cref="TimeSpec.ResolveAt"/>).</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The option.</returns>
    public static Option<TimeSpec> Time(string name, string description) =>
        Create(name, description, text => TimeText.Parse(text, name));

    /// <summary>A 32-byte id such as a pool: a label of up to 32 bytes or 0x + 64 hex digits.</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The option.</returns>
    public static Option<byte[]> Bytes32(string name, string description)
    {
        // byte[] would make System.CommandLine accept the option repeated (and keep the last): one value, exactly.
        var option = Create(name, description, text => Bytes32Text.Parse(text, name));
        option.Arity = ArgumentArity.ExactlyOne;
        return option;
    }

    /// <summary>A label stored in a fixed-size field (a GPU model, a region): checked to fit, kept as text.</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <param name="size">The field's size in bytes.</param>
    /// <returns>The option.</returns>
    public static Option<string> Label(string name, string description, int size) =>
        Create(name, description, text =>
        {
            _ = Bytes32Text.Parse(text, name, size);
            return text;
        });

    /// <summary>A file that must exist when the command line is parsed; the command reads it.</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The option.</returns>
    public static Option<string> ExistingFile(string name, string description) =>
        Create(name, description, text => PathText.ExistingFile(text, name));

    /// <summary>A file the command writes: not a directory, in a directory that exists (checked while parsing, so a
    /// bad path fails before anything is signed or sent).</summary>
    /// <param name="name">The option.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The option.</returns>
    public static Option<string> OutputFile(string name, string description) =>
        Create(name, description, text => PathText.OutputFile(text, name));

    /// <summary>Makes an option required: a missing one is a usage error ("Option '--price' is required.").</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="option">The option.</param>
    /// <returns>The same option.</returns>
    public static Option<T> AsRequired<T>(this Option<T> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Required = true;
        return option;
    }

    /// <summary>Gives an optional option the value it has when absent.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="option">The option.</param>
    /// <param name="value">The default.</param>
    /// <returns>The same option.</returns>
    public static Option<T> WithDefault<T>(this Option<T> option, T value)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.DefaultValueFactory = _ => value;
        return option;
    }
}
