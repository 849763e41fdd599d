using System.CommandLine;
using System.Numerics;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Cli.Parsing;

/// <summary>
/// Typed positional arguments whose values are checked while the command line is parsed (see
/// <see cref="CustomParsers"/>): a bad value is one <c>error: lot: 'value' …</c> line and exit code 2, before anything is
/// sent. Each takes exactly one token unless its name says otherwise.
/// </summary>
/// <example><c>var lotId = CliArguments.LotId(); var units = CliArguments.Units("units", "units to redeem");</c></example>
internal static class CliArguments
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>An argument parsed by <paramref name="parse"/>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="name">The argument, as help and errors show it.</param>
    /// <param name="description">Its help text.</param>
    /// <param name="parse">Parses the text; throws <see cref="CliInputException"/> naming the argument to reject it.</param>
    /// <returns>The argument.</returns>
    public static Argument<T> Create<T>(string name, string description, Func<string, T> parse) =>
        new(name) { Description = description, CustomParser = CustomParsers.One(parse) };

    /// <summary>A lot id (uint256): 0x hex as printed by <c>rwa lot list</c>, or decimal.</summary>
    /// <returns>The argument, named <c>lot</c>.</returns>
    public static Argument<BigInteger> LotId() =>
        Create("lot", "the lot id (0x hex or decimal)", text => LotIdText.Parse(text, "lot"));

    /// <summary>A positive whole number of token units (GPU-hours).</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<BigInteger> Units(string name, string description) =>
        Create(name, description, text => UnitCount.Parse(text, name));

    /// <summary>A record id (offer, pledge, redemption): a positive whole number.</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<BigInteger> Id(string name, string description) =>
        Create(name, description, text => UnitCount.Parse(text, name));

    /// <summary>A token amount, decimal in the lot's currency or base units (<see cref="AmountText"/>).</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<AmountText> Amount(string name, string description) =>
        Create(name, description, text => AmountText.Parse(text, name));

    /// <summary>An address, checked and checksummed (<see cref="Guard.Address"/>).</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<string> Address(string name, string description) =>
        Create(name, description, text => Guard.Address(text, name));

    /// <summary>One or more addresses, each checked and named <c>name[i]</c> in an error.</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<string[]> Addresses(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        CustomParser = CustomParsers.Each(name, (text, symbol) => Guard.Address(text, symbol)),
    };

    /// <summary>A transaction hash: 0x + 64 hex digits, normalized to lower case.</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<string> TransactionHash(string name, string description) =>
        Create(name, description, text =>
            text.Length == 66 && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && !text.AsSpan(2).ContainsAnyExcept(HexDigits)
                ? text.ToLowerInvariant()
                : throw new CliInputException(name, $"'{text}' is not a transaction hash (0x followed by 64 hex digits)."));

    /// <summary>A 32-byte id such as a pool: a label of up to 32 bytes or 0x + 64 hex digits.</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<byte[]> Bytes32(string name, string description)
    {
        // byte[] would make System.CommandLine take one or more tokens (and keep the last): one value, exactly.
        var argument = Create(name, description, text => Bytes32Text.Parse(text, name));
        argument.Arity = ArgumentArity.ExactlyOne;
        return argument;
    }

    /// <summary>A file the command reads (checked while parsing).</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<string> ExistingFile(string name, string description) =>
        Create(name, description, text => PathText.ExistingFile(text, name));

    /// <summary>One or more files that must exist when the command line is parsed, each named <c>name[i]</c> in an
    /// error; the command reads them.</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<string[]> ExistingFiles(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        CustomParser = CustomParsers.Each(name, PathText.ExistingFile),
    };
}
