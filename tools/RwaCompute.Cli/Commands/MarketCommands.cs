using System.CommandLine;
using System.Globalization;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa offer</c>, <c>rwa buy</c> and <c>rwa market auction|cancel|show|price</c>: trading through the
/// market module, settled delivery versus payment (the payment goes into the escrow, credited to the seller).</summary>
internal static class MarketCommands
{
    public static Command CreateOffer(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        var units = CliArguments.Units("units", "units for sale");
        var price = CliOptions.Amount("--price", "price per unit in the lot's currency (3.2) or base units (3200000base)").AsRequired();
        var expires = CliOptions.Time("--expires", "when the offer lapses: a duration (7d) or ISO-8601 time").AsRequired();
        return Operation.Sending(runner, "offer", "offer units for sale at a fixed price (the market moves them at purchase)", [lotId, units, price, expires], (invocation, signer) =>
        {
            var id = invocation.Value(lotId);
            var count = invocation.Value(units);
            var pricePerUnit = invocation.Required(price);
            var expiry = invocation.Value(expires);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var currency = await session.Currencies.OfLotAsync(id, ct).ConfigureAwait(false);
                var priceUnits = pricePerUnit.In(currency);
                var expiresAt = expiry.ResolveAt(await session.ChainTimeAsync(ct).ConfigureAwait(false));
                var result = await session.Client.Market.CreateOfferAsync(id, count, priceUnits, expiresAt, ct).ConfigureAwait(false);
                return ViewFactory.Operation("offer", $"offered {count} units of lot {LotIdText.Short(id)} at {currency.Format(priceUnits)}", result) with
                {
                    OfferId = ViewFactory.Id(result.Value),
                    LotId = LotIdText.Format(id),
                    Units = count.ToString(CultureInfo.InvariantCulture),
                    PricePerUnit = currency.Plain(priceUnits),
                    Currency = currency.View(),
                    EndsAt = expiresAt,
                };
            });
        });
    }

    public static Command CreateBuy(CommandRunner runner)
    {
        var offer = CliArguments.Id("offer", "the offer id");
        var units = CliArguments.Units("units", "units to buy");
        var maxPrice = CliOptions.Amount("--max-price", "the most to pay per unit (default: the offer's price now; an auction's only falls)");
        return Operation.Sending(runner, "buy", "buy units from an offer: stablecoin and units change hands in one transaction", [offer, units, maxPrice], (invocation, signer) =>
        {
            var offerId = invocation.Value(offer);
            var count = invocation.Value(units);
            var limitText = invocation.Parse.GetResult(maxPrice) is null ? null : invocation.Value(maxPrice);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                System.Numerics.BigInteger? limit = null;
                if (limitText is not null)
                {
                    var offered = await session.Client.Market.GetOfferAsync(offerId, ct).ConfigureAwait(false);
                    limit = limitText.In(await session.Currencies.OfLotAsync(offered.LotId, ct).ConfigureAwait(false));
                }

                var result = await session.Client.Market.PurchaseAsync(offerId, count, limit, ct).ConfigureAwait(false);
                var fill = result.Value;
                var currency = await session.Currencies.OfLotAsync(fill.LotId, ct).ConfigureAwait(false);
                return ViewFactory.Operation("buy", $"bought {count} units from offer {offerId} at {currency.Format(fill.PricePerUnit)} ({currency.Format(fill.Cost)})", result) with
                {
                    OfferId = ViewFactory.Id(offerId),
                    LotId = LotIdText.Format(fill.LotId),
                    Units = count.ToString(CultureInfo.InvariantCulture),
                    PricePerUnit = currency.Plain(fill.PricePerUnit),
                    Cost = currency.Plain(fill.Cost),
                    Currency = currency.View(),
                };
            });
        });
    }

    public static Command CreateMarket(CommandRunner runner)
    {
        var market = new Command("market", "the market: Dutch auctions, offers and the price index: auction, cancel, list, show, price");
        market.Subcommands.Add(Auction(runner));
        market.Subcommands.Add(Cancel(runner));
        market.Subcommands.Add(List(runner));
        market.Subcommands.Add(Show(runner));
        market.Subcommands.Add(Price(runner));
        return market;
    }

    private static Command Auction(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        var units = CliArguments.Units("units", "units for sale");
        var startPrice = CliOptions.Amount("--start-price", "price per unit when the auction starts, in the lot's currency (4) or base units").AsRequired();
        var floorPrice = CliOptions.Amount("--floor-price", "price per unit reached at the end (at most the start price)").AsRequired();
        var starts = CliOptions.Time("--starts", "when buying opens and the price starts to fall: ISO-8601 or a duration from now").WithDefault(TimeSpec.Now);
        var ends = CliOptions.Time("--ends", "when the auction ends at its floor price: a duration (2d) or ISO-8601 time, not after the lot's end").AsRequired();
        return Operation.Sending(runner, "auction", "sell units by Dutch auction: the price falls linearly from the start to the floor price; unsold units stay with the seller", [lotId, units, startPrice, floorPrice, starts, ends], (invocation, signer) =>
        {
            var id = invocation.Value(lotId);
            var count = invocation.Value(units);
            var start = invocation.Required(startPrice);
            var floor = invocation.Required(floorPrice);
            var from = invocation.Value(starts);
            var until = invocation.Value(ends);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var now = await session.ChainTimeAsync(ct).ConfigureAwait(false);
                var (startsAt, endsAt) = (from.ResolveAt(now), until.ResolveAt(now));
                var currency = await session.Currencies.OfLotAsync(id, ct).ConfigureAwait(false);
                var (startUnits, floorUnits) = (start.In(currency), floor.In(currency));
                var result = await session.Client.Market.CreateAuctionAsync(id, count, startUnits, floorUnits, startsAt, endsAt, ct).ConfigureAwait(false);
                return ViewFactory.Operation("market.auction", $"auctioning {count} units of lot {LotIdText.Short(id)} from {DecimalAmount.Format(startUnits, currency.Decimals)} down to {currency.Format(floorUnits)} by {endsAt:u}", result) with
                {
                    OfferId = ViewFactory.Id(result.Value),
                    LotId = LotIdText.Format(id),
                    Units = count.ToString(CultureInfo.InvariantCulture),
                    StartPrice = currency.Plain(startUnits),
                    FloorPrice = currency.Plain(floorUnits),
                    Currency = currency.View(),
                    StartsAt = startsAt,
                    EndsAt = endsAt,
                };
            });
        });
    }

    private static Command Cancel(CommandRunner runner)
    {
        var offer = CliArguments.Id("offer", "the offer id");
        return Operation.Sending(runner, "cancel", "withdraw the signer's offer or auction", [offer], (invocation, signer) =>
        {
            var offerId = invocation.Value(offer);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Operation("market.cancel", $"cancelled offer {offerId}", await session.Client.Market.CancelOfferAsync(offerId, ct).ConfigureAwait(false)) with
                {
                    OfferId = ViewFactory.Id(offerId),
                });
        });
    }

    private static Command List(CommandRunner runner)
    {
        var lot = CliOptions.Create("--lot", "only this lot's offers (0x + 64 hex digits or decimal)", text => LotIdText.Parse(text, "--lot"));
        var all = new Option<bool>("--all") { Description = "also offers that are cancelled, sold out, not started or over" };
        var command = new Command("list", "list the offers and auctions one can buy from now (with --all: every offer)") { lot, all };
        runner.SetAction(command, async invocation =>
        {
            var lotId = invocation.Parse.GetResult(lot) is null ? (System.Numerics.BigInteger?)null : invocation.Value(lot);
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var offers = await session.Client.Market.ListOffersAsync(lotId, openOnly: !invocation.Value(all), invocation.CancellationToken).ConfigureAwait(false);
            var now = await session.ChainTimeAsync(invocation.CancellationToken).ConfigureAwait(false);
            var views = new List<OfferView>();
            foreach (var o in offers)
            {
                views.Add(ViewFactory.Offer(o, now, await session.Currencies.OfLotAsync(o.LotId, invocation.CancellationToken).ConfigureAwait(false)));
            }

            if (invocation.Console.Json)
            {
                invocation.Console.WriteJson(new OfferListView(views), CliJsonContext.Default.OfferListView);
            }
            else if (views.Count == 0)
            {
                invocation.Console.Line("no offers");
            }
            else
            {
                invocation.Console.Out.Write(Tables.EscrowPositions(views, [], [], a => a));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = CliArguments.Id("offer", "the offer id");
        var command = new Command("show", "show an offer or auction with its price now") { id };
        runner.SetAction(command, async invocation =>
        {
            var offerId = invocation.Value(id);
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var offer = await session.Client.Market.GetOfferAsync(offerId, invocation.CancellationToken).ConfigureAwait(false);
            var view = ViewFactory.Offer(offer, await session.ChainTimeAsync(invocation.CancellationToken).ConfigureAwait(false), await session.Currencies.OfLotAsync(offer.LotId, invocation.CancellationToken).ConfigureAwait(false));
            if (invocation.Console.Json)
            {
                invocation.Console.WriteJson(view, CliJsonContext.Default.OfferView);
            }
            else
            {
                invocation.Console.Out.Write(Tables.EscrowPositions([view], [], [], a => a));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Price(CommandRunner runner)
    {
        var gpu = CliOptions.Label("--gpu", "GPU model, as in the lots (H100-SXM5-80G)", size: 16).AsRequired();
        var region = CliOptions.Label("--region", "region, as in the lots (eu-west)", size: 16).AsRequired();
        var currency = CliOptions.Address("--currency", "the settlement stablecoin (default: the suite's)");
        var command = new Command("price", "the price index of a GPU model and region: last trade and time-weighted average") { gpu, region, currency };
        runner.SetAction(command, async invocation =>
        {
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var entry = await session.Client.Market.GetPriceAsync(invocation.Value(gpu)!, invocation.Value(region)!, invocation.Value(currency), invocation.CancellationToken).ConfigureAwait(false);
            var coin = await session.Currencies.GetAsync(entry.Currency, invocation.CancellationToken).ConfigureAwait(false);
            var view = ViewFactory.Price(entry, coin);
            if (invocation.Console.Json)
            {
                invocation.Console.WriteJson(view, CliJsonContext.Default.PriceIndexView);
            }
            else if (!entry.HasTrades)
            {
                invocation.Console.Line($"{entry.GpuModel} in {entry.Region}: no trades yet");
            }
            else
            {
                invocation.Console.Line($"{entry.GpuModel} in {entry.Region}: last {coin.Format(entry.LastPrice)} per GPU-hour at {entry.LastTradeAt:u}; average {coin.Format(entry.Average)} over {entry.Window.TotalHours:0.#} h");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
