using System.CommandLine;
using System.CommandLine.Parsing;
using RwaCompute.Cli.Commands;
using RwaCompute.Cli.Parsing;

namespace RwaCompute.Cli;

/// <summary>
/// The <c>rwa</c> command line as a library: builds the command tree, runs one command, and turns every failure into
/// one <c>error: …</c> line on stderr and an exit code from <see cref="ExitCodes"/> (a stack trace only with
/// <c>--verbose</c>). Tests call <see cref="RunAsync"/> in-process.
/// </summary>
public static class CliApplication
{
    private const string Name = "rwa";

    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments (without the program name).</param>
    /// <param name="stdout">Tables, JSON and progress.</param>
    /// <param name="stderr">Errors (and progress with <c>--json</c>).</param>
    /// <param name="cancellationToken">Ctrl+C: stops the command cleanly (exit code <see cref="ExitCodes.Cancelled"/>).</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var globals = new GlobalOptions();
        var parsed = CreateRoot(globals, stdout, stderr).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A usage mistake is one line, not a page of help: a bad value names its option and the value (the typed
            // parsers of Parsing/), an unknown word ('rwa token resume') is named rather than the "Required command was
            // not provided." that comes first. Nothing has connected or been sent.
            var error = parsed.UnmatchedTokens.Count > 0
                ? parsed.Errors.FirstOrDefault(e => e.Message.Contains($"'{parsed.UnmatchedTokens[0]}'", StringComparison.Ordinal)) ?? parsed.Errors[0]
                : parsed.Errors[0];
            var message = error.Message.ReplaceLineEndings(" ").Trim();
            if (parsed.UnmatchedTokens.Count > 0 && message.Contains($"'{parsed.UnmatchedTokens[0]}'", StringComparison.Ordinal)
                && Suggestions.Closest(parsed.UnmatchedTokens[0], parsed.CommandResult) is { } suggestion)
            {
                message = $"{message.TrimEnd('.')}; did you mean '{suggestion}'?";
            }

            message = $"{message} (see {CommandPath(parsed.CommandResult)} --help)";
            stderr.WriteLine($"error: {message}");
            if (parsed.GetResult(globals.Json) is { Implicit: false })
            {
                // --json was given (before or after the mistake): stdout still carries one JSON object.
                new Output.CliConsole(stdout, stderr, json: true, verbose: false).ErrorJson(ExitCodes.BadInput, message);
            }

            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parses a command line without running it (for tests of the parsers: a bad value is in
    /// <see cref="ParseResult.Errors"/>, a good one is typed).</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The parse result.</returns>
    internal static ParseResult Parse(params string[] args) => CreateRoot(new GlobalOptions(), TextWriter.Null, TextWriter.Null).Parse(args);

    /// <summary>The whole command tree (for tests that walk it: every command has a JSON schema or is listed as having
    /// no JSON output).</summary>
    /// <returns>The root command.</returns>
    internal static RootCommand CreateRoot() => CreateRoot(new GlobalOptions(), TextWriter.Null, TextWriter.Null);

    private static RootCommand CreateRoot(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var runner = new CommandRunner(globals, stdout, stderr);
        var root = new RootCommand("rwa: GPU-hours as an on-chain real-world asset. Run a local devnet, deploy the suite, issue, trade, pledge and redeem compute lots.");
        globals.AddTo(root);
        foreach (var command in new[]
        {
            DevnetCommand.Create(runner),
            DeployCommand.Create(runner),
            StatusCommand.Create(runner),
            AdminCommands.Create(runner),
            RoleCommands.Create(runner),
            KeystoreCommands.Create(runner),
            UsdcCommands.Create(runner),
            CurrencyCommands.Create(runner),
            CurtailmentCommands.Create(runner),
            LotCommands.Create(runner),
            LotCommands.CreateProvider(runner),
            LotCommands.CreateBond(runner),
            TransferCommand.Create(runner),
            ComplianceCommands.CreateAccount(runner),
            ComplianceCommands.CreateToken(runner),
            MarketCommands.CreateOffer(runner),
            MarketCommands.CreateBuy(runner),
            MarketCommands.CreateMarket(runner),
            OrderCommands.Create(runner),
            PledgeCommands.CreatePledge(runner),
            RedemptionCommands.CreateRedeem(runner),
            RedemptionCommands.CreateConfirm(runner),
            RedemptionCommands.CreateRefund(runner),
            PledgeCommands.CreateWithdraw(runner),
            OracleCommands.Create(runner),
            ReporterCommand.Create(runner),
            TransactionCommands.Create(runner),

            // The old spellings, hidden from help, for one release: each prints "'rwa …' is deprecated; use 'rwa …'"
            // on stderr after it succeeds.
            ComplianceCommands.CreateAllowAlias(runner),
            ComplianceCommands.CreateFreezeAlias(runner),
            ComplianceCommands.CreatePauseAlias(runner),
            PledgeCommands.CreateRepayAlias(runner),
            PledgeCommands.CreateClaimAlias(runner),
        })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>The command as typed, for the hint after a usage error: <c>rwa offer</c>, <c>rwa pledge request</c>.</summary>
    private static string CommandPath(CommandResult? result)
    {
        var names = new List<string>();
        for (var current = result; current is not null; current = current.Parent as CommandResult)
        {
            names.Add(current.Parent is null ? Name : current.Command.Name);
        }

        names.Reverse();
        return names.Count == 0 ? Name : string.Join(' ', names);
    }
}
