using System.CommandLine;
using System.Globalization;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using RwaCompute.Cli.Signing;
using RwaCompute.Sdk.Clients;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa admin accept</c> and <c>rwa admin calldata</c>: the new admin's side of the two-step default-admin
/// hand-over that <c>rwa deploy</c> begins (docs/DEPLOYMENT.md, "Recommended production setup").</summary>
internal static class AdminCommands
{
    public static Command Create(CommandRunner runner)
    {
        var admin = new Command("admin", "the default admin of the token, the oracle, the escrow, the market and the lending module: accept a pending hand-over");
        admin.Subcommands.Add(CreateAccept(runner));
        admin.Subcommands.Add(CreateCalldata(runner));
        return admin;
    }

    private static Command CreateAccept(CommandRunner runner)
    {
        var viaTimelock = new Option<bool>("--via-timelock") { Description = "accept through the SuiteTimelock: schedule the acceptance when it is not scheduled (as a proposer), execute it when it is ready (as an executor)" };
        var timelock = CliOptions.Address("--timelock", "the timelock (default: the manifest's SuiteTimelock); with --via-timelock only");
        var command = Operation.Sending(runner, "accept", "accept the pending default admin of the token, the oracle, the escrow, the market and the lending module as the signer (after the admin delay), or, with --via-timelock, move the timelock's acceptance one step forward", [viaTimelock, timelock], (invocation, signer) =>
            invocation.Value(viaTimelock)
                ? AcceptViaTimelockAsync(invocation, signer, invocation.Value(timelock))
                : AcceptAsync(invocation, signer));
        command.Validators.Add(CommandValidators.OnlyWith(timelock, viaTimelock));
        return command;
    }

    private static Command CreateCalldata(CommandRunner runner)
    {
        var viaTimelock = new Option<bool>("--via-timelock") { Description = "the timelock's scheduleBatch and executeBatch instead of the four acceptDefaultAdminTransfer calls" };
        var timelock = CliOptions.Address("--timelock", "the timelock (default: the manifest's SuiteTimelock); with --via-timelock only");
        var command = new Command("calldata", "print the transactions a multisig submits to accept the default admin (sends nothing)") { viaTimelock, timelock };
        command.Validators.Add(CommandValidators.OnlyWith(timelock, viaTimelock));
        runner.SetAction(command, async invocation =>
        {
            var throughTimelock = invocation.Value(viaTimelock);
            var timelockAddress = invocation.Value(timelock);
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var governance = session.Client.Governance;
            AdminCalldataView view;
            if (throughTimelock)
            {
                var operation = await governance.GetAcceptAdminOperationAsync(RequireTimelock(session, timelockAddress), invocation.CancellationToken).ConfigureAwait(false);
                var batch = governance.AcceptAdminBatch();
                view = new AdminCalldataView(operation.Timelock, operation.OperationId,
                [
                    new CalldataView($"1. a proposer schedules the acceptance (scheduleBatch, delay {operation.MinDelaySeconds} s)", operation.Timelock, "0", batch.ScheduleCalldata(operation.MinDelaySeconds)),
                    new CalldataView("2. once ready (and past the admin delay), an executor executes it (executeBatch)", operation.Timelock, "0", batch.ExecuteCalldata()),
                ]);
            }
            else
            {
                var states = await governance.GetAdminStatesAsync(invocation.CancellationToken).ConfigureAwait(false);
                view = new AdminCalldataView(null, null, [.. states.Select(s => new CalldataView($"{s.Contract}.acceptDefaultAdminTransfer()", s.Address, "0", GovernanceClient.AcceptAdminCalldata))]);
            }

            var console = invocation.Console;
            if (console.Json)
            {
                console.WriteJson(view, CliJsonContext.Default.AdminCalldataView);
                return ExitCodes.Success;
            }

            // Plain lines, never wrapped: the calldata is copied into a multisig's transaction builder as is.
            var output = console.Stdout;
            foreach (var transaction in view.Calls)
            {
                output.WriteLine(transaction.Description);
                output.WriteLine("  to:    " + transaction.To);
                output.WriteLine("  value: " + transaction.Value);
                output.WriteLine("  data:  " + transaction.Data);
            }

            if (view.OperationId is not null)
            {
                output.WriteLine($"operation id: {view.OperationId}");
            }

            output.Flush();

            return ExitCodes.Success;
        });
        return command;
    }

    private static string RequireTimelock(ChainSession session, string? timelock) =>
        timelock ?? session.Client.Governance.TimelockAddress
        ?? throw new CliInputException("--via-timelock", $"the manifest {session.ManifestPath} lists no SuiteTimelock (deploy.json had no governance.timelock); pass --timelock ADDRESS.");

    private static async Task<int> AcceptAsync(Invocation invocation, SignerArguments signer)
    {
        var session = await ChainSession.OpenAsync(invocation, signer).ConfigureAwait(false);
        var results = await session.Client.Governance.AcceptAdminAsync(invocation.CancellationToken).ConfigureAwait(false);
        var view = new AdminAcceptView(
            session.Account,
            [.. results.Select(r => new AcceptanceView(r.Contract, r.Address, r.Transaction is not null, r.Transaction?.TransactionHash))],
            [.. results.Where(r => r.Transaction is not null).Select(r => ViewFactory.Transaction($"{r.Contract}.acceptDefaultAdminTransfer()", r.Transaction!))]);
        var console = invocation.Console;
        if (console.Json)
        {
            console.WriteJson(view, CliJsonContext.Default.AdminAcceptView);
            return ExitCodes.Success;
        }

        foreach (var contract in view.Contracts)
        {
            var transaction = view.Transactions.FirstOrDefault(t => t.Hash == contract.TransactionHash);
            console.Line(transaction is null
                ? $"{contract.Contract}: {view.Account} already is the default admin (nothing sent)"
                : $"ok: {contract.Contract}: accepted the default admin (block {transaction.BlockNumber}, tx {transaction.Hash}, gas {transaction.GasUsed})");
        }

        console.Line($"{view.Account} is the default admin of the token, the oracle, the escrow, the market and the lending module.");
        return ExitCodes.Success;
    }

    private static async Task<int> AcceptViaTimelockAsync(Invocation invocation, SignerArguments signer, string? timelock)
    {
        var session = await ChainSession.OpenAsync(invocation, signer).ConfigureAwait(false);
        var address = RequireTimelock(session, timelock);
        var step = await session.Client.Governance.AdvanceAcceptAdminAsync(address, invocation.CancellationToken).ConfigureAwait(false);
        var view = ViewFactory.TimelockStep(step);
        var console = invocation.Console;
        if (console.Json)
        {
            console.WriteJson(view, CliJsonContext.Default.TimelockStepView);
            return ExitCodes.Success;
        }

        var tx = view.Transactions is [var sent] ? $" (block {sent.BlockNumber}, tx {sent.Hash}, gas {sent.GasUsed})" : string.Empty;
        console.Line(step.Action switch
        {
            TimelockAction.Scheduled => $"ok: scheduled the admin acceptance on the SuiteTimelock {view.Timelock}{tx}; operation {view.OperationId} is ready at "
                + $"{(view.ReadyAt is { } ready ? Tables.Time(ready) + " UTC" : "-")}: then an executor runs `rwa admin accept --via-timelock` again to execute it.",
            TimelockAction.Executed => $"ok: executed the admin acceptance{tx}: the SuiteTimelock {view.Timelock} is the default admin of the token, the oracle, the escrow, the market and the lending module.",
            _ => $"Nothing to do: operation {view.OperationId} on the SuiteTimelock {view.Timelock} was already executed.",
        });
        return ExitCodes.Success;
    }
}
