using System.CommandLine;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa currency show|accept|refuse</c>: the escrow's settlement currencies. The admin accepts a stablecoin
/// for new lots (its decimals are read from it) or stops accepting it; lots issued in it keep settling in it.</summary>
internal static class CurrencyCommands
{
    public static Command Create(CommandRunner runner)
    {
        var currency = new Command("currency", "the escrow's settlement currencies: show, accept, refuse (DEFAULT_ADMIN_ROLE)");
        currency.Subcommands.Add(Show(runner));
        currency.Subcommands.Add(Change(runner, "accept", "accept a stablecoin for new lots (DEFAULT_ADMIN_ROLE); the escrow reads its decimals", accepted: true));
        currency.Subcommands.Add(Change(runner, "refuse", "stop accepting a currency for new lots (DEFAULT_ADMIN_ROLE); lots already issued in it keep settling in it", accepted: false));
        return currency;
    }

    private static Command Show(CommandRunner runner)
    {
        var address = CliArguments.Address("currency", "the ERC-20's address");
        var command = new Command("show", "whether the escrow accepts a currency for new lots, and its decimals") { address };
        runner.SetAction(command, async invocation =>
        {
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var info = await session.Client.Escrow.GetCurrencyAsync(invocation.Value(address), invocation.CancellationToken).ConfigureAwait(false);
            var symbol = await session.Client.Stablecoin.For(info.Address).SymbolAsync(invocation.CancellationToken).ConfigureAwait(false);
            var view = new CurrencyView(info.Address, info.Accepted, info.Decimals, string.Equals(info.Address, session.Client.Manifest.StablecoinAddress, StringComparison.OrdinalIgnoreCase), symbol);
            if (invocation.Console.Json)
            {
                invocation.Console.WriteJson(view, CliJsonContext.Default.CurrencyView);
            }
            else
            {
                invocation.Console.Line($"{view.Address}{(view.Symbol is null ? string.Empty : $" ({view.Symbol})")}: {(view.Accepted ? "accepted for new lots" : "not accepted for new lots")}, {view.Decimals} decimals{(view.IsManifestStablecoin ? " (the manifest's stablecoin)" : string.Empty)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Change(CommandRunner runner, string name, string description, bool accepted)
    {
        var address = CliArguments.Address("currency", "the ERC-20's address");
        return Operation.Sending(runner, name, description, [address], (invocation, signer) =>
        {
            var currency = invocation.Value(address);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                var result = await session.Client.Escrow.SetCurrencyAcceptedAsync(currency, accepted, ct).ConfigureAwait(false);
                var coin = await session.Currencies.GetAsync(currency, ct).ConfigureAwait(false);
                return ViewFactory.Operation($"currency.{name}", accepted ? $"the escrow accepts {currency} for new lots" : $"the escrow no longer accepts {currency} for new lots; its lots keep settling in it", result) with
                {
                    Currency = coin.View(),
                };
            });
        });
    }
}
