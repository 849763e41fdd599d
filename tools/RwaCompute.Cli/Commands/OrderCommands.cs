using System.CommandLine;
using System.Globalization;
using System.Numerics;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using RwaCompute.Sdk.Orders;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa order ask|bid|fill|show|cancel|cancel-all</c>: EIP-712 signed orders, an off-chain order book settled
/// on chain. An order is a portable JSON file (<see cref="SignedOrder"/>): <c>ask</c> and <c>bid</c> write one, anyone
/// fills it with <c>fill FILE</c>.</summary>
internal static class OrderCommands
{
    public static Command Create(CommandRunner runner)
    {
        var order = new Command("order", "signed orders (an off-chain order book, settled on chain): ask, bid, fill, show, cancel, cancel-all");
        order.Subcommands.Add(Ask(runner));
        order.Subcommands.Add(Bid(runner));
        order.Subcommands.Add(Fill(runner));
        order.Subcommands.Add(Show(runner));
        order.Subcommands.Add(Cancel(runner));
        order.Subcommands.Add(CancelAll(runner));
        return order;
    }

    private static Command Ask(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        var units = CliArguments.Units("units", "the most units the ask sells over all its fills");
        var price = CliOptions.Amount("--price", "price per unit in the lot's currency (2.6) or base units").AsRequired();
        var expires = CliOptions.Time("--expires", "when the ask lapses: a duration (2d) or ISO-8601 time").AsRequired();
        var output = CliOptions.OutputFile("--out", "the file to write the signed order to (JSON)").AsRequired();
        return Operation.Sending(runner, "ask", "sign an ask: units of a lot at a fixed price, for anyone to fill with 'rwa order fill'", [lotId, units, price, expires, output], (invocation, signer) =>
        {
            var (id, count, pricePerUnit, expiry, file) = (invocation.Value(lotId), invocation.Value(units), invocation.Required(price), invocation.Value(expires), invocation.Value(output)!);
            return SignAsync(invocation, signer, file, async (session, ct) =>
            {
                var expiresAt = expiry.ResolveAt(await session.ChainTimeAsync(ct).ConfigureAwait(false));
                var currency = await session.Currencies.OfLotAsync(id, ct).ConfigureAwait(false);
                return await session.Client.Market.SignAskAsync(new AskTerms { LotId = id, Units = count, PricePerUnit = pricePerUnit.In(currency), Expiry = expiresAt, Currency = currency.Address }, ct).ConfigureAwait(false);
            });
        });
    }

    private static Command Bid(CommandRunner runner)
    {
        var units = CliOptions.Units("--units", "the most units the bid buys over all its fills").AsRequired();
        var price = CliOptions.Amount("--price", "price per unit the buyer pays, in the bid's --currency (2.6) or base units").AsRequired();
        var currency = CliOptions.Address("--currency", "the settlement stablecoin the bid pays in; only lots settling in it can fill it (default: the manifest's stablecoin)");
        var expires = CliOptions.Time("--expires", "when the bid lapses: a duration (2d) or ISO-8601 time").AsRequired();
        var gpu = CliOptions.Label("--gpu", "the GPU model a lot must have (default: any)", size: 16);
        var region = CliOptions.Label("--region", "the region a lot must deliver in (default: any)", size: 16);
        var from = CliOptions.Time("--from", "a lot's window must start at or after this (default: any)");
        var until = CliOptions.Time("--until", "a lot's window must end at or before this (default: any)");
        var sla = CliOptions.Bps("--min-sla", "the least SLA uptime: basis points (9900) or percent (99%)").WithDefault((ushort)0);
        var energy = CliOptions.WholeNumber<uint>("--max-wh", "the most watt-hours per GPU-hour (default: any)");
        var output = CliOptions.OutputFile("--out", "the file to write the signed order to (JSON)").AsRequired();
        return Operation.Sending(runner, "bid", "sign a criteria bid: units of any lot meeting the criteria at a price, for any seller to fill with 'rwa order fill FILE --lot LOT'", [units, price, currency, expires, gpu, region, from, until, sla, energy, output], (invocation, signer) =>
        {
            var count = invocation.Value(units);
            var pricePerUnit = invocation.Required(price);
            var expiry = invocation.Value(expires);
            var (model, place, start, end) = (invocation.Value(gpu), invocation.Value(region), invocation.Parse.GetResult(from) is null ? (TimeSpec?)null : invocation.Value(from), invocation.Parse.GetResult(until) is null ? (TimeSpec?)null : invocation.Value(until));
            var minSla = invocation.Value(sla);
            var maxWh = invocation.Parse.GetResult(energy) is null ? (uint?)null : invocation.Value(energy);
            var file = invocation.Value(output)!;
            var coinAddress = invocation.Value(currency);
            return SignAsync(invocation, signer, file, async (session, ct) =>
            {
                var now = await session.ChainTimeAsync(ct).ConfigureAwait(false);
                var coin = coinAddress is null ? await session.Currencies.DefaultAsync(ct).ConfigureAwait(false) : await session.Currencies.GetAsync(coinAddress, ct).ConfigureAwait(false);
                var criteria = new BidCriteria
                {
                    GpuModel = model,
                    Region = place,
                    DeliveryFrom = start?.ResolveAt(now),
                    DeliveryUntil = end?.ResolveAt(now),
                    MinSlaBps = minSla,
                    MaxWhPerGpuHour = maxWh,
                    PricePerUnit = pricePerUnit.In(coin),
                    Units = count,
                    Expiry = expiry.ResolveAt(now),
                    Currency = coin.Address,
                };
                return await session.Client.Market.SignBidAsync(criteria, ct).ConfigureAwait(false);
            });
        });
    }

    private static Command Fill(CommandRunner runner)
    {
        var file = CliArguments.ExistingFile("file", "the signed order (JSON from 'rwa order ask|bid')");
        var units = CliArguments.Units("units", "units to fill (at most what the order has left)");
        var lot = CliOptions.Create("--lot", "for a bid: the lot to sell into it (0x + 64 hex digits or decimal)", text => LotIdText.Parse(text, "--lot"));
        var maxPrice = CliOptions.Amount("--max-price", "for an ask (you buy): the most you pay per unit; the file's price must not exceed it");
        var minPrice = CliOptions.Amount("--min-price", "for a bid (you sell): the least you accept per unit; the file's price must reach it");
        return Operation.Sending(runner, "fill", "fill a signed order: buy from an ask (--max-price), or sell a lot into a bid (--lot, --min-price), delivery versus payment", [file, units, lot, maxPrice, minPrice], (invocation, signer) =>
        {
            var path = invocation.Value(file);
            var count = invocation.Value(units);
            var lotId = invocation.Parse.GetResult(lot) is null ? (BigInteger?)null : invocation.Value(lot);
            var mostText = invocation.Parse.GetResult(maxPrice) is null ? null : invocation.Value(maxPrice);
            var leastText = invocation.Parse.GetResult(minPrice) is null ? null : invocation.Value(minPrice);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                // The file is untrusted: its price is accepted only within the limit the taker states.
                var order = await SignedOrder.LoadAsync(path, ct).ConfigureAwait(false);
                var currency = await session.Currencies.GetAsync(order.Currency, ct).ConfigureAwait(false);
                var (most, least) = (mostText?.In(currency), leastText?.In(currency));
                if (order.Kind == OrderKind.Bid && lotId is null)
                {
                    throw new CliInputException("--lot", $"order {order.Hash} is a bid: name the lot to sell into it with --lot.");
                }

                if (order.Kind == OrderKind.Ask && most is null)
                {
                    throw new CliInputException("--max-price", $"order {order.Hash} is an ask at {currency.Format(order.PricePerUnit)} per unit: state the most you pay with --max-price.");
                }

                if (order.Kind == OrderKind.Bid && least is null)
                {
                    throw new CliInputException("--min-price", $"order {order.Hash} is a bid at {currency.Format(order.PricePerUnit)} per unit: state the least you accept with --min-price.");
                }

                if ((most is { } max && order.PricePerUnit > max) || (least is { } min && order.PricePerUnit < min))
                {
                    throw new Sdk.Errors.OrderNotFillableException(order.Hash, Sdk.Errors.OrderProblem.PriceOutsideLimit, $"its price is {currency.Format(order.PricePerUnit)} per unit, outside your limit of {currency.Format((most ?? least)!.Value)}.");
                }

                var result = order.Kind == OrderKind.Ask
                    ? await session.Client.Market.FillAskAsync(order, count, ct).ConfigureAwait(false)
                    : await session.Client.Market.FillBidAsync(order, lotId!.Value, count, ct).ConfigureAwait(false);
                var fill = result.Value;
                return ViewFactory.Operation("order.fill", $"filled {fill.Units} units of {(order.Kind == OrderKind.Ask ? "ask" : "bid")} {Short(order.Hash)} at {currency.Format(fill.PricePerUnit)} ({currency.Format(fill.Cost)})", result) with
                {
                    OrderHash = order.Hash,
                    LotId = LotIdText.Format(fill.LotId),
                    Units = fill.Units.ToString(CultureInfo.InvariantCulture),
                    PricePerUnit = currency.Plain(fill.PricePerUnit),
                    Cost = currency.Plain(fill.Cost),
                    Currency = currency.View(),
                };
            });
        });
    }

    private static Command Show(CommandRunner runner)
    {
        var file = CliArguments.ExistingFile("file", "the signed order (JSON)");
        var command = new Command("show", "check a signed order: its signature, how much is filled, whether it can still be filled") { file };
        runner.SetAction(command, async invocation =>
        {
            var order = await SignedOrder.LoadAsync(invocation.Value(file), invocation.CancellationToken).ConfigureAwait(false);
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var state = await session.Client.Market.GetOrderStateAsync(order, invocation.CancellationToken).ConfigureAwait(false);
            var currency = await session.Currencies.GetAsync(order.Currency, invocation.CancellationToken).ConfigureAwait(false);
            var view = new OrderStateView(
                order.Kind == OrderKind.Ask ? "ask" : "bid",
                order.Hash,
                order.Maker,
                order.Domain.ChainId.ToString(CultureInfo.InvariantCulture),
                order.Domain.Market,
                order.Ask is { } ask ? LotIdText.Format(ask.LotId) : null,
                order.Units.ToString(CultureInfo.InvariantCulture),
                state.Filled.ToString(CultureInfo.InvariantCulture),
                state.Remaining.ToString(CultureInfo.InvariantCulture),
                currency.Plain(order.PricePerUnit),
                order.Expiry,
                state.Cancelled,
                state.CounterStale,
                state.Expired,
                state.SignatureValid,
                state.IsFillable,
                currency.View())
            {
                Criteria = order.Bid is { } bid ? Criteria(bid, currency) : null,
            };
            if (invocation.Console.Json)
            {
                invocation.Console.WriteJson(view, CliJsonContext.Default.OrderStateView);
            }
            else
            {
                var status = state.IsFillable ? "fillable" : !state.SignatureValid ? "BAD SIGNATURE" : state.Cancelled ? "cancelled" : state.CounterStale ? "cancelled (counter raised)" : state.Expired ? "expired" : "filled";
                invocation.Console.Line($"{view.Kind} {order.Hash} by {order.Maker}: {state.Filled}/{order.Units} units filled at {currency.Format(order.PricePerUnit)}, expires {order.Expiry:u}: {status}");
                if (view.Criteria is { } c)
                {
                    invocation.Console.Line($"  any lot with GPU {c.GpuModel ?? "any"}, region {c.Region ?? "any"}, window {(c.DeliveryFrom is { } f ? $"from {f:u} " : string.Empty)}{(c.DeliveryUntil is { } u ? $"until {u:u}" : "any")}, SLA >= {c.MinSlaBps} bps, energy <= {c.MaxWhPerGpuHour ?? "any"} Wh/GPU-h, bond >= {Tables.Money(c.MinUnitCover, view.Currency)} per unit");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Cancel(CommandRunner runner)
    {
        var file = CliArguments.ExistingFile("file", "the signed order (JSON) to cancel");
        return Operation.Sending(runner, "cancel", "cancel one of the signer's orders", [file], (invocation, signer) =>
        {
            var path = invocation.Value(file);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var order = await SignedOrder.LoadAsync(path, ct).ConfigureAwait(false);
                return ViewFactory.Operation("order.cancel", $"cancelled order {Short(order.Hash)}", await session.Client.Market.CancelOrderAsync(order, ct).ConfigureAwait(false)) with { OrderHash = order.Hash };
            });
        });
    }

    private static Command CancelAll(CommandRunner runner) =>
        Operation.Sending(runner, "cancel-all", "cancel every order the signer has signed so far (raises its order counter)", [], (invocation, signer) =>
            Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var result = await session.Client.Market.CancelAllOrdersAsync(ct).ConfigureAwait(false);
                return ViewFactory.Operation("order.cancel-all", $"cancelled every order signed before; order counter now {result.Value}", result) with
                {
                    OrderCounter = result.Value.ToString(CultureInfo.InvariantCulture),
                };
            }));

    private static async Task<int> SignAsync(Invocation invocation, Signing.SignerArguments signer, string file, Func<ChainSession, CancellationToken, Task<SignedOrder>> sign)
    {
        var session = await ChainSession.OpenAsync(invocation, signer).ConfigureAwait(false);
        var order = await sign(session, invocation.CancellationToken).ConfigureAwait(false);
        await order.SaveAsync(file, invocation.CancellationToken).ConfigureAwait(false);
        var sent = await session.SentTransactionsAsync(invocation, invocation.CancellationToken).ConfigureAwait(false);
        var currency = await session.Currencies.GetAsync(order.Currency, invocation.CancellationToken).ConfigureAwait(false);
        var view = new OrderSignedView(order.Kind == OrderKind.Ask ? "ask" : "bid", order.Hash, order.Maker, file, (ulong)order.Units, currency.Plain(order.PricePerUnit), order.Expiry, sent, currency.View());
        if (invocation.Console.Json)
        {
            invocation.Console.WriteJson(view, CliJsonContext.Default.OrderSignedView);
        }
        else
        {
            invocation.Console.Line($"ok: signed {view.Kind} {Short(order.Hash)} ({order.Units} units at {currency.Format(order.PricePerUnit)}, until {order.Expiry:u}) → {file}");
        }

        return ExitCodes.Success;
    }

    private static BidCriteriaView Criteria(Sdk.Contracts.ComputeMarket.Bid bid, SettlementCurrency currency)
    {
        static string? Label(byte[] value) => value.All(b => b == 0) ? null : Sdk.Validation.Bytes32Text.Format(value);
        static DateTimeOffset? Time(ulong seconds) => seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(seconds, 253_402_300_799UL));
        return new BidCriteriaView(
            Label(bid.GpuModel),
            Label(bid.Region),
            Time(bid.DeliveryFrom),
            Time(bid.DeliveryUntil),
            bid.MinSlaBps.ToString(CultureInfo.InvariantCulture),
            bid.MaxWhPerGpuHour == 0 ? null : bid.MaxWhPerGpuHour.ToString(CultureInfo.InvariantCulture),
            currency.Plain(bid.MinUnitCover));
    }

    private static string Short(string hash) => hash[..10] + "…" + hash[^6..];
}
