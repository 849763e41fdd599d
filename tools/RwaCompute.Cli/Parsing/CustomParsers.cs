using System.CommandLine.Parsing;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Cli.Parsing;

/// <summary>
/// Adapts the text parsers of this folder (<see cref="AmountText"/>, <see cref="UnitCount"/>, <see cref="TimeText"/>…,
/// which throw a <see cref="CliInputException"/> or the SDK's <see cref="InputValidationException"/> naming the option)
/// to System.CommandLine's <c>CustomParser</c>: the exception's one-line message becomes a parse error. A bad value is
/// therefore a usage error found while the command line is parsed — exit code <see cref="ExitCodes.BadInput"/>, before
/// the command's action runs, so nothing is connected to or sent.
/// </summary>
internal static class CustomParsers
{
    /// <summary>A parser of one token.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="parse">Parses the token's text; throws to reject it.</param>
    /// <returns>The custom parser.</returns>
    public static Func<ArgumentResult, T?> One<T>(Func<string, T> parse) =>
        result => Report(result, () => parse(Single(result)));

    /// <summary>A parser of one or more tokens, each named <c>name[i]</c> in its error.</summary>
    /// <typeparam name="T">An element's type.</typeparam>
    /// <param name="name">The option or argument.</param>
    /// <param name="parse">Parses one token's text, given its name; throws to reject it.</param>
    /// <returns>The custom parser.</returns>
    public static Func<ArgumentResult, T[]?> Each<T>(string name, Func<string, string, T> parse) =>
        result => Report(result, () => result.Tokens.Select((token, i) => parse(token.Value, $"{name}[{i}]")).ToArray());

    // A missing or repeated value is reported by System.CommandLine's own arity check ("Required argument missing",
    // "expects a single argument"); here it only must not throw.
    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static T? Report<T>(ArgumentResult result, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception ex) when (ex is CliInputException or InputValidationException)
        {
            result.AddError(ex.Message);
            return default;
        }
    }
}
