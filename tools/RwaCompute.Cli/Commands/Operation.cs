using System.CommandLine;
using System.CommandLine.Parsing;
using System.Numerics;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using RwaCompute.Cli.Signing;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Cli.Commands;

/// <summary>What the operation commands share: argument helpers, connect-then-send, and the result line or JSON.
/// Inputs are parsed before connecting, so a typo fails fast with exit code 2 and nothing is sent.</summary>
internal static class Operation
{
    public static Argument<string> Argument(string name, string description) => new(name) { Description = description };

    public static Option<string?> Option(string name, string description) => new(name) { Description = description };

    /// <summary>An address argument, checked (and checksummed) while parsing: a malformed one is a usage error.</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<string> AddressArgument(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => ParseOrReport(result, () => Address(result.Tokens[0].Value, name)),
    };

    /// <summary>One or more address arguments, each checked while parsing.</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<string[]> AddressesArgument(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result => ParseOrReport(result, () => result.Tokens.Select((t, i) => Address(t.Value, $"{name}[{i}]")).ToArray()),
    };

    /// <summary>A record id (pledge, offer, redemption): a positive whole number, checked while parsing.</summary>
    /// <param name="name">The argument.</param>
    /// <param name="description">Its help text.</param>
    /// <returns>The argument.</returns>
    public static Argument<BigInteger> IdArgument(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => ParseOrReport(result, () => UnitCount.Parse(result.Tokens[0].Value, name)),
    };

    /// <summary>Checks an address given on the command line.</summary>
    /// <param name="value">The text.</param>
    /// <param name="name">The option or argument.</param>
    /// <returns>The checksummed address.</returns>
    public static string Address(string? value, string name) => Guard.Address(value, name);

    /// <summary>Runs a parser and turns its input exception into a parse error (exit code 2, one line).</summary>
    private static T? ParseOrReport<T>(ArgumentResult result, Func<T> parse)
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

    /// <summary>Connects with a signer, runs the sending body and prints its transaction.</summary>
    /// <param name="invocation">The invocation.</param>
    /// <param name="signer">The signer options.</param>
    /// <param name="send">The work.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> SendAsync(Invocation invocation, SignerArguments signer, Func<ChainSession, CancellationToken, Task<TransactionView>> send)
    {
        var session = await ChainSession.OpenAsync(invocation, signer).ConfigureAwait(false);
        var view = await send(session, invocation.CancellationToken).ConfigureAwait(false);
        Emit(invocation.Console, view);
        return ExitCodes.Success;
    }

    /// <summary>Prints a transaction: JSON, or one line for people.</summary>
    /// <param name="console">The output.</param>
    /// <param name="view">The transaction.</param>
    public static void Emit(CliConsole console, TransactionView view)
    {
        if (console.Json)
        {
            console.WriteJson(view, CliJsonContext.Default.TransactionView);
            return;
        }

        var id = view.Id is null ? string.Empty : $" → id {view.Id}";
        console.Line($"ok: {view.Action}{id} (block {view.BlockNumber}, tx {view.TransactionHash}, gas {view.GasUsed})");
    }

    /// <summary>Creates a command with signer options and an action.</summary>
    /// <param name="runner">The runner.</param>
    /// <param name="name">The command name.</param>
    /// <param name="description">Its help text.</param>
    /// <param name="symbols">Its arguments and options.</param>
    /// <param name="action">The work, given the signer options.</param>
    /// <returns>The command.</returns>
    public static Command Sending(CommandRunner runner, string name, string description, Symbol[] symbols, Func<Invocation, SignerArguments, Task<int>> action)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case System.CommandLine.Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case System.CommandLine.Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        var signer = new SignerArguments();
        signer.AddTo(command);
        runner.SetAction(command, invocation => action(invocation, signer));
        return command;
    }
}
