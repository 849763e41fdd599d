using System.CommandLine;
using System.Globalization;
using System.Numerics;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Parsing;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa pledge request|fund|repay|claim|show|record-settlement-pause</c> and <c>rwa withdraw</c>; the old
/// top-level <c>rwa repay</c> and <c>rwa claim</c> stay as hidden aliases for one release.</summary>
internal static class PledgeCommands
{
    public static Command CreatePledge(CommandRunner runner)
    {
        var pledge = new Command("pledge", "pledge units as collateral for a stablecoin advance: request, fund, repay, claim, show, record-settlement-pause");
        pledge.Subcommands.Add(Request(runner));
        pledge.Subcommands.Add(Fund(runner));
        pledge.Subcommands.Add(Repay(runner));
        pledge.Subcommands.Add(Claim(runner));
        pledge.Subcommands.Add(Show(runner));
        pledge.Subcommands.Add(RecordSettlementPause(runner));
        return pledge;
    }

    /// <summary>Deprecated: <c>rwa repay PLEDGE</c> (hidden; use <c>rwa pledge repay</c>).</summary>
    public static Command CreateRepayAlias(CommandRunner runner) => Alias(Repay(runner, deprecated: true), "rwa pledge repay");

    /// <summary>Deprecated: <c>rwa claim PLEDGE</c> (hidden; use <c>rwa pledge claim</c>).</summary>
    public static Command CreateClaimAlias(CommandRunner runner) => Alias(Claim(runner, deprecated: true), "rwa pledge claim");

    public static Command CreateWithdraw(CommandRunner runner)
    {
        var to = CliOptions.Address("--to", "where to send it (default: the signer)");
        return Operation.Sending(runner, "withdraw", "withdraw the stablecoin the escrow owes the signer (sale proceeds, advances, refunds)", [to], (invocation, signer) =>
        {
            var receiver = invocation.Value(to);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var result = await session.Client.Escrow.WithdrawAsync(receiver, ct).ConfigureAwait(false);
                return ViewFactory.Operation("withdraw", $"withdrew {UsdcAmount.Format(result.Value)} USDC", result) with
                {
                    To = receiver ?? session.Account,
                    AmountUsdc = UsdcAmount.Plain(result.Value),
                    AmountBaseUnits = result.Value.ToString(CultureInfo.InvariantCulture),
                };
            });
        });
    }

    private static Command Request(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        var units = CliArguments.Units("units", "units to lock");
        var principal = CliOptions.Amount("--principal", "the advance: USDC (120) or base units").AsRequired();
        var fee = CliOptions.Amount("--fee", "the fee due on top at repayment", allowZero: true).WithDefault(BigInteger.Zero);
        var maturity = CliOptions.Time("--maturity", "repayment deadline: a duration (10d) or ISO-8601 time; at least 1 day away and 1 day before the lot's end").AsRequired();
        var lender = CliOptions.Address("--lender", "the lender (default: anyone may fund it)");
        return Operation.Sending(runner, "request", "lock units and ask for an advance (at most the lot's loan-to-value)", [lotId, units, principal, fee, maturity, lender], (invocation, signer) =>
        {
            var id = invocation.Value(lotId);
            var count = invocation.Value(units);
            var advance = invocation.Value(principal);
            var feeAmount = invocation.Value(fee);
            var lenderAddress = invocation.Value(lender);
            var deadline = invocation.Value(maturity);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var due = deadline.ResolveAt(await session.ChainTimeAsync(ct).ConfigureAwait(false));
                var result = await session.Client.Lending.RequestPledgeAsync(id, count, lenderAddress, advance, feeAmount, due, ct).ConfigureAwait(false);
                return ViewFactory.Operation("pledge.request", $"requested {UsdcAmount.Format(advance)} USDC against {count} units of lot {LotIdText.Short(id)}", result) with
                {
                    PledgeId = ViewFactory.Id(result.Value),
                    LotId = LotIdText.Format(id),
                    Units = count.ToString(CultureInfo.InvariantCulture),
                    PrincipalUsdc = UsdcAmount.Plain(advance),
                    FeeUsdc = UsdcAmount.Plain(feeAmount),
                };
            });
        });
    }

    private static Command Fund(CommandRunner runner)
    {
        var id = CliArguments.Id("pledge", "the pledge id");
        return Operation.Sending(runner, "fund", "fund a pledge as the lender (the principal becomes claimable by the holder)", [id], (invocation, signer) =>
        {
            var pledgeId = invocation.Value(id);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Operation("pledge.fund", $"funded pledge {pledgeId}", await session.Client.Lending.FundPledgeAsync(pledgeId, ct).ConfigureAwait(false)) with { PledgeId = ViewFactory.Id(pledgeId) });
        });
    }

    private static Command Repay(CommandRunner runner, bool deprecated = false)
    {
        var id = CliArguments.Id("pledge", "the pledge id");
        return Operation.Sending(runner, "repay", "repay a pledge (principal + fee); the units unlock. Open until the lender claims the collateral, also after maturity", [id], (invocation, signer) =>
        {
            var pledgeId = invocation.Value(id);
            if (deprecated)
            {
                invocation.Deprecated("rwa repay", "rwa pledge repay");
            }

            return Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Operation("pledge.repay", $"repaid pledge {pledgeId}", await session.Client.Lending.RepayAsync(pledgeId, ct).ConfigureAwait(false)) with { PledgeId = ViewFactory.Id(pledgeId) });
        });
    }

    private static Command Claim(CommandRunner runner, bool deprecated = false)
    {
        var id = CliArguments.Id("pledge", "the pledge id");
        return Operation.Sending(runner, "claim", "as the lender, take the units of a pledge left unpaid past maturity (refused while the stablecoin is paused and for a cure period after)", [id], (invocation, signer) =>
        {
            var pledgeId = invocation.Value(id);
            if (deprecated)
            {
                invocation.Deprecated("rwa claim", "rwa pledge claim");
            }

            return Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Operation("pledge.claim", $"claimed the collateral of pledge {pledgeId}", await session.Client.Lending.ClaimCollateralAsync(pledgeId, ct).ConfigureAwait(false)) with { PledgeId = ViewFactory.Id(pledgeId) });
        });
    }

    /// <summary>Hides a command kept under its old top-level name (the same verb) for one release.</summary>
    private static Command Alias(Command command, string newSpelling)
    {
        command.Description = $"deprecated: use '{newSpelling}'";
        command.Hidden = true;
        return command;
    }

    private static Command RecordSettlementPause(CommandRunner runner) =>
        Operation.Sending(runner, "record-settlement-pause", "record that the stablecoin is paused (anyone): collateral stays unclaimable until a cure period after the last record", [], (invocation, signer) =>
            Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Operation("pledge.record-settlement-pause", "recorded the stablecoin's pause (collateral claims wait for the settlement cure)", await session.Client.Lending.RecordSettlementPauseAsync(ct).ConfigureAwait(false))));

    private static Command Show(CommandRunner runner)
    {
        var id = CliArguments.Id("pledge", "the pledge id");
        var command = new Command("show", "show a pledge") { id };
        runner.SetAction(command, async invocation =>
        {
            var pledgeId = invocation.Value(id);
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var view = ViewFactory.Pledge(await session.Client.Lending.GetPledgeAsync(pledgeId, invocation.CancellationToken).ConfigureAwait(false));
            if (invocation.Console.Json)
            {
                invocation.Console.WriteJson(view, CliJsonContext.Default.PledgeView);
            }
            else
            {
                invocation.Console.Out.Write(Tables.EscrowPositions([], [view], [], a => a));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
