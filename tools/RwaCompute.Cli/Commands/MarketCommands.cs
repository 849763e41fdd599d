using System.CommandLine;
using System.Globalization;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Parsing;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa offer</c> and <c>rwa buy</c>: delivery versus payment through the escrow.</summary>
internal static class MarketCommands
{
    public static Command CreateOffer(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        var units = CliArguments.Units("units", "units for sale");
        var price = CliOptions.Amount("--price", "price per unit: USDC (3.2) or base units (3200000base)").AsRequired();
        var expires = CliOptions.Time("--expires", "when the offer lapses: a duration (7d) or ISO-8601 time").AsRequired();
        return Operation.Sending(runner, "offer", "offer units for sale at a fixed price (the escrow moves them at purchase)", [lotId, units, price, expires], (invocation, signer) =>
        {
            var id = invocation.Value(lotId);
            var count = invocation.Value(units);
            var pricePerUnit = invocation.Value(price);
            var expiry = invocation.Value(expires);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var expiresAt = expiry.ResolveAt(await session.ChainTimeAsync(ct).ConfigureAwait(false));
                var result = await session.Client.Escrow.CreateOfferAsync(id, count, pricePerUnit, expiresAt, ct).ConfigureAwait(false);
                return ViewFactory.Operation("offer", $"offered {count} units of lot {LotIdText.Short(id)} at {UsdcAmount.Format(pricePerUnit)} USDC", result) with
                {
                    OfferId = ViewFactory.Id(result.Value),
                    LotId = LotIdText.Format(id),
                    Units = count.ToString(CultureInfo.InvariantCulture),
                    PricePerUnitUsdc = UsdcAmount.Plain(pricePerUnit),
                };
            });
        });
    }

    public static Command CreateBuy(CommandRunner runner)
    {
        var offer = CliArguments.Id("offer", "the offer id");
        var units = CliArguments.Units("units", "units to buy");
        return Operation.Sending(runner, "buy", "buy units from an offer: stablecoin and units change hands in one transaction", [offer, units], (invocation, signer) =>
        {
            var offerId = invocation.Value(offer);
            var count = invocation.Value(units);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Operation("buy", $"bought {count} units from offer {offerId}", await session.Client.Escrow.PurchaseAsync(offerId, count, ct).ConfigureAwait(false)) with
                {
                    OfferId = ViewFactory.Id(offerId),
                    Units = count.ToString(CultureInfo.InvariantCulture),
                });
        });
    }
}
