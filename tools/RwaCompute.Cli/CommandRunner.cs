using System.CommandLine;
using RwaCompute.Cli.Output;

namespace RwaCompute.Cli;

/// <summary>Wires a command's body to the shared output and error handling.</summary>
internal sealed class CommandRunner
{
    private readonly TextWriter stdout;
    private readonly TextWriter stderr;

    public CommandRunner(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        Globals = globals;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public GlobalOptions Globals { get; }

    /// <summary>Sets the command's action to run <paramref name="body"/> with error handling.</summary>
    /// <param name="command">The command.</param>
    /// <param name="body">The work; returns the exit code.</param>
    public void SetAction(Command command, Func<Invocation, Task<int>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, body, cancellationToken));

    private async Task<int> RunAsync(ParseResult parse, Func<Invocation, Task<int>> body, CancellationToken cancellationToken)
    {
        var console = new CliConsole(stdout, stderr, parse.GetValue(Globals.Json), parse.GetValue(Globals.Verbose));
        Invocation? invocation = null;
        try
        {
            invocation = new Invocation(parse, console, Globals, cancellationToken);
            var code = await body(invocation).ConfigureAwait(false);
            if (code == ExitCodes.Success && invocation.Journal is { } journal)
            {
                // Done: its transactions are settled, so the same command typed again is a new operation.
                await journal.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            }
            if (code == ExitCodes.Success && invocation.DeprecationNotice is { } notice)
            {
                // After success only: a failure stays exactly one error line.
                console.Warning(notice);
            }

            return code;
        }
#pragma warning disable CA1031 // The front end's job: every failure becomes one error line and an exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var failure = ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : ex;
            var code = ErrorClassifier.ExitCodeOf(failure);
            if (code is ExitCodes.BadInput or ExitCodes.PreflightRefused or ExitCodes.ContractRevert && invocation?.Journal is { } journal)
            {
                // A definite failure leaves nothing to resolve: the next run of this command starts afresh (an approval
                // it mined is harmless to repeat; keeping it could hide a since-spent allowance).
                await journal.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            }

            var message = ErrorClassifier.MessageOf(failure);
            console.Error(message);
            if (console.Json)
            {
                console.ErrorJson(code, message, (failure as Sdk.Errors.TransactionException)?.TransactionHash);
            }

            if (console.Verbose)
            {
                stderr.WriteLine(failure.ToString());
            }

            return code;
        }
    }
}
