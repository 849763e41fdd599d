using System.CommandLine;
using System.Globalization;
using System.Numerics;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa pledge request|fund|repay|claim|auction|buy|settle|show|record-settlement-pause|index-ltv</c> and
/// <c>rwa withdraw</c>; the old
/// top-level <c>rwa repay</c> and <c>rwa claim</c> stay as hidden aliases for one release.</summary>
internal static class PledgeCommands
{
    public static Command CreatePledge(CommandRunner runner)
    {
        var pledge = new Command("pledge", "pledge units as collateral for a stablecoin advance: request, fund, repay, claim, auction, buy, settle, show, record-settlement-pause, index-ltv");
        pledge.Subcommands.Add(Request(runner));
        pledge.Subcommands.Add(Fund(runner));
        pledge.Subcommands.Add(Repay(runner));
        pledge.Subcommands.Add(Claim(runner));
        pledge.Subcommands.Add(Auction(runner));
        pledge.Subcommands.Add(Buy(runner));
        pledge.Subcommands.Add(Settle(runner));
        pledge.Subcommands.Add(Show(runner));
        pledge.Subcommands.Add(RecordSettlementPause(runner));
        pledge.Subcommands.Add(IndexLtv(runner));
        return pledge;
    }

    /// <summary>Deprecated: <c>rwa repay PLEDGE</c> (hidden; use <c>rwa pledge repay</c>).</summary>
    public static Command CreateRepayAlias(CommandRunner runner) => Alias(Repay(runner, deprecated: true), "rwa pledge repay");

    /// <summary>Deprecated: <c>rwa claim PLEDGE</c> (hidden; use <c>rwa pledge claim</c>).</summary>
    public static Command CreateClaimAlias(CommandRunner runner) => Alias(Claim(runner, deprecated: true), "rwa pledge claim");

    public static Command CreateWithdraw(CommandRunner runner)
    {
        var to = CliOptions.Address("--to", "where to send it (default: the signer)");
        var currency = CliOptions.Address("--currency", "the currency to withdraw (default: the manifest's stablecoin); the escrow keeps credits per currency");
        return Operation.Sending(runner, "withdraw", "withdraw what the escrow owes the signer in one currency (sale proceeds, advances, refunds)", [to, currency], (invocation, signer) =>
        {
            var receiver = invocation.Value(to);
            var coin = invocation.Value(currency);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var currency = coin is null ? await session.Currencies.DefaultAsync(ct).ConfigureAwait(false) : await session.Currencies.GetAsync(coin, ct).ConfigureAwait(false);
                var result = await session.Client.Escrow.WithdrawAsync(receiver, currency.Address, ct).ConfigureAwait(false);
                return ViewFactory.Operation("withdraw", $"withdrew {currency.Format(result.Value)}", result) with
                {
                    To = receiver ?? session.Account,
                    Currency = currency.View(),
                    Amount = currency.Plain(result.Value),
                    AmountBaseUnits = result.Value.ToString(CultureInfo.InvariantCulture),
                };
            });
        });
    }

    private static Command Request(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        var units = CliArguments.Units("units", "units to lock");
        var principal = CliOptions.Amount("--principal", "the advance, in the lot's currency (120) or base units").AsRequired();
        var fee = CliOptions.Amount("--fee", "the fee due on top at repayment", allowZero: true).WithDefault(AmountText.Zero("--fee"));
        var maturity = CliOptions.Time("--maturity", "repayment deadline: a duration (10d) or ISO-8601 time; at least 1 day away and 1 day before the lot's end").AsRequired();
        var lender = CliOptions.Address("--lender", "the lender (default: anyone may fund it)");
        return Operation.Sending(runner, "request", "lock units and ask for an advance (at most the lot's loan-to-value)", [lotId, units, principal, fee, maturity, lender], (invocation, signer) =>
        {
            var id = invocation.Value(lotId);
            var count = invocation.Value(units);
            var advance = invocation.Required(principal);
            var feeAmount = invocation.Value(fee) ?? AmountText.Zero("--fee");
            var lenderAddress = invocation.Value(lender);
            var deadline = invocation.Value(maturity);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var due = deadline.ResolveAt(await session.ChainTimeAsync(ct).ConfigureAwait(false));
                var currency = await session.Currencies.OfLotAsync(id, ct).ConfigureAwait(false);
                var (advanceUnits, feeUnits) = (advance.In(currency), feeAmount.In(currency));
                var result = await session.Client.Lending.RequestPledgeAsync(id, count, lenderAddress, advanceUnits, feeUnits, due, ct).ConfigureAwait(false);
                return ViewFactory.Operation("pledge.request", $"requested {currency.Format(advanceUnits)} against {count} units of lot {LotIdText.Short(id)}", result) with
                {
                    PledgeId = ViewFactory.Id(result.Value),
                    LotId = LotIdText.Format(id),
                    Units = count.ToString(CultureInfo.InvariantCulture),
                    Principal = currency.Plain(advanceUnits),
                    Fee = currency.Plain(feeUnits),
                    Currency = currency.View(),
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

    private static Command Auction(CommandRunner runner)
    {
        var id = CliArguments.Id("pledge", "the pledge id");
        var startPrice = CliOptions.Amount("--start-price", "price per unit when the auction starts, in the lot's currency (4) or base units").AsRequired();
        var floorPrice = CliOptions.Amount("--floor-price", "price per unit reached at the end (positive, at most the start price; another than the lender must cover principal + fee)").AsRequired();
        var ends = CliOptions.Time("--ends", "when the auction ends at its floor price: a duration (2d) or ISO-8601 time, at least 1 hour away and not after the lot's end").AsRequired();
        return Operation.Sending(runner, "auction", "sell the collateral of a defaulted pledge by Dutch auction instead of claiming it: proceeds repay the lender first, the surplus goes to the holder, unsold units go to the lender (the lender from maturity; anyone 3 days later)", [id, startPrice, floorPrice, ends], (invocation, signer) =>
        {
            var pledgeId = invocation.Value(id);
            var start = invocation.Required(startPrice);
            var floor = invocation.Required(floorPrice);
            var until = invocation.Value(ends);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var now = await session.ChainTimeAsync(ct).ConfigureAwait(false);
                var duration = until.ResolveAt(now) - now;
                var currency = await PledgeCurrencyAsync(session, pledgeId, ct).ConfigureAwait(false);
                var (startUnits, floorUnits) = (start.In(currency), floor.In(currency));
                var result = await session.Client.Lending.StartCollateralAuctionAsync(pledgeId, startUnits, floorUnits, duration, ct).ConfigureAwait(false);
                return ViewFactory.Operation("pledge.auction", $"auctioning the collateral of pledge {pledgeId} from {DecimalAmount.Format(startUnits, currency.Decimals)} down to {currency.Format(floorUnits)} per unit by {result.Value.EndsAt:u}", result) with
                {
                    PledgeId = ViewFactory.Id(pledgeId),
                    Units = result.Value.UnitsLeft.ToString(CultureInfo.InvariantCulture),
                    StartPrice = currency.Plain(startUnits),
                    FloorPrice = currency.Plain(floorUnits),
                    Currency = currency.View(),
                    StartsAt = result.Value.StartsAt,
                    EndsAt = result.Value.EndsAt,
                };
            });
        });
    }

    private static Command Buy(CommandRunner runner)
    {
        var id = CliArguments.Id("pledge", "the pledge id");
        var units = CliArguments.Units("units", "units to buy");
        var maxPrice = CliOptions.Amount("--max-price", "the most to pay per unit (default: the auction's price now; it only falls)");
        return Operation.Sending(runner, "buy", "buy units of a collateral auction at its current price: the payment repays the lender first, the rest goes to the holder", [id, units, maxPrice], (invocation, signer) =>
        {
            var pledgeId = invocation.Value(id);
            var count = invocation.Value(units);
            var limitText = invocation.Parse.GetResult(maxPrice) is null ? null : invocation.Value(maxPrice);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var currency = await PledgeCurrencyAsync(session, pledgeId, ct).ConfigureAwait(false);
                var result = await session.Client.Lending.BuyCollateralAsync(pledgeId, count, limitText?.In(currency), ct).ConfigureAwait(false);
                var sale = result.Value;
                return ViewFactory.Operation("pledge.buy", $"bought {sale.Units} units of pledge {pledgeId}'s collateral at {currency.Format(sale.PricePerUnit)} per unit ({currency.Format(sale.ToLender)} to the lender, {currency.Format(sale.ToHolder)} to the holder)", result) with
                {
                    PledgeId = ViewFactory.Id(pledgeId),
                    Units = sale.Units.ToString(CultureInfo.InvariantCulture),
                    PricePerUnit = currency.Plain(sale.PricePerUnit),
                    Cost = currency.Plain(sale.Cost),
                    ToLender = currency.Plain(sale.ToLender),
                    ToHolder = currency.Plain(sale.ToHolder),
                    Currency = currency.View(),
                };
            });
        });
    }

    private static Command Settle(CommandRunner runner)
    {
        var id = CliArguments.Id("pledge", "the pledge id");
        return Operation.Sending(runner, "settle", "after a collateral auction's end, give its unsold units to the lender (or unlock them for the holder when the lender cannot receive them); anyone", [id], (invocation, signer) =>
        {
            var pledgeId = invocation.Value(id);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var result = await session.Client.Lending.SettleCollateralAuctionAsync(pledgeId, ct).ConfigureAwait(false);
                var summary = result.Value ? $"settled the auction of pledge {pledgeId}: the unsold units went to the lender" : $"settled the auction of pledge {pledgeId}: the lender cannot receive units, so they were unlocked for the holder";
                return ViewFactory.Operation("pledge.settle", summary, result) with { PledgeId = ViewFactory.Id(pledgeId), UnitsToLender = result.Value };
            });
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
                ViewFactory.Operation("pledge.record-settlement-pause", "recorded the stablecoin's pause (collateral claims wait for the settlement cure)", await session.Client.Lending.RecordSettlementPauseAsync(cancellationToken: ct).ConfigureAwait(false))));

    /// <summary><c>rwa pledge index-ltv on|off|show</c>: risk staff (RISK_ROLE on the lending module) let the
    /// loan-to-value cap follow the manifest's market's price index, downward only, or switch it back to each lot's
    /// reference price.</summary>
    private static Command IndexLtv(CommandRunner runner)
    {
        var command = new Command("index-ltv", "let the loan-to-value cap follow the market's price index, downward only (RISK_ROLE): on, off, show");
        command.Subcommands.Add(Operation.Sending(runner, "on", "cap each pledge at min(reference price, the index's average for the lot's GPU model, region and currency) × LTV, using the manifest's market", [], (invocation, signer) =>
            Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var market = session.Client.Market.Address;
                var result = await session.Client.Lending.SetPriceIndexAsync(market, ct).ConfigureAwait(false);
                return ViewFactory.Operation("pledge.index-ltv.on", $"loan-to-value caps follow the price index of {market} downward (never above the reference-price cap)", result) with { PriceIndex = market };
            })));
        command.Subcommands.Add(Operation.Sending(runner, "off", "cap pledges at the lot's reference price × LTV again", [], (invocation, signer) =>
            Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Operation("pledge.index-ltv.off", "loan-to-value caps use each lot's reference price again", await session.Client.Lending.SetPriceIndexAsync(null, ct).ConfigureAwait(false)))));
        var show = new Command("show", "whether the loan-to-value cap follows a price index, and which");
        runner.SetAction(show, async invocation =>
        {
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var index = await session.Client.Lending.PriceIndexAsync(invocation.CancellationToken).ConfigureAwait(false);
            var market = session.Client.Market.Address;
            var view = new PriceIndexSettingView(index is not null, index, market, string.Equals(index, market, StringComparison.OrdinalIgnoreCase));
            if (invocation.Console.Json)
            {
                invocation.Console.WriteJson(view, CliJsonContext.Default.PriceIndexSettingView);
            }
            else
            {
                invocation.Console.Line(index is null
                    ? "off: each pledge is capped at its lot's reference price × loan-to-value"
                    : $"on: caps follow the price index of {index}{(view.IsManifestMarket ? " (the manifest's market)" : " (not the manifest's market)")} downward, min(reference price, average) × loan-to-value");
            }

            return ExitCodes.Success;
        });
        command.Subcommands.Add(show);
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = CliArguments.Id("pledge", "the pledge id");
        var command = new Command("show", "show a pledge") { id };
        runner.SetAction(command, async invocation =>
        {
            var pledgeId = invocation.Value(id);
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var pledge = await session.Client.Lending.GetPledgeAsync(pledgeId, invocation.CancellationToken).ConfigureAwait(false);
            var auction = await session.Client.Lending.GetCollateralAuctionAsync(pledgeId, invocation.CancellationToken).ConfigureAwait(false);
            var currency = await session.Currencies.OfLotAsync(pledge.LotId, invocation.CancellationToken).ConfigureAwait(false);
            var view = ViewFactory.Pledge(pledge, currency, auction, await session.ChainTimeAsync(invocation.CancellationToken).ConfigureAwait(false));
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

    private static async Task<SettlementCurrency> PledgeCurrencyAsync(ChainSession session, BigInteger pledgeId, CancellationToken ct)
    {
        var pledge = await session.Client.Lending.GetPledgeAsync(pledgeId, ct).ConfigureAwait(false);
        return await session.Currencies.OfLotAsync(pledge.LotId, ct).ConfigureAwait(false);
    }
}
