using System.Collections.Concurrent;
using System.Numerics;
using RwaCompute.Cli.Parsing;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Events;

namespace RwaCompute.Cli;

/// <summary>
/// The settlement currencies a command meets, read once per run: a lot's currency from the escrow, its decimals as the
/// escrow recorded them when it accepted the currency (else as the token answers, for one never accepted) and its
/// symbol for people. Amounts typed on the command line are read in, and printed in, these decimals.
/// </summary>
internal sealed class CurrencyBook
{
    private readonly IRwaComputeClient client;
    private readonly ConcurrentDictionary<string, SettlementCurrency> known = new(StringComparer.OrdinalIgnoreCase);

    public CurrencyBook(IRwaComputeClient client) => this.client = client;

    /// <summary>A currency by address.</summary>
    /// <param name="address">The ERC-20's address.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="InvalidAddressException">Not an address.</exception>
    public async Task<SettlementCurrency> GetAsync(string address, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(address, out var cached))
        {
            return cached;
        }

        var info = await client.Escrow.GetCurrencyAsync(address, cancellationToken).ConfigureAwait(false);
        var coin = client.Stablecoin.For(info.Address);
        int decimals = info.Decimals;
        if (!info.Accepted && decimals == 0)
        {
            // Never accepted by this escrow: ask the token (it is only shown, never settled in, until it is accepted).
            decimals = await coin.DecimalsAsync(cancellationToken).ConfigureAwait(false);
        }

        var currency = new SettlementCurrency(info.Address, decimals, await coin.SymbolAsync(cancellationToken).ConfigureAwait(false));
        known[info.Address] = currency;
        return currency;
    }

    /// <summary>The currency a lot settles in.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="LotNotFoundException">The escrow knows no such lot.</exception>
    public async Task<SettlementCurrency> OfLotAsync(BigInteger lotId, CancellationToken cancellationToken) =>
        await GetAsync(await client.Escrow.CurrencyOfAsync(lotId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The manifest's stablecoin (the escrow's first currency), the default where no lot names one.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The currency.</returns>
    public Task<SettlementCurrency> DefaultAsync(CancellationToken cancellationToken) =>
        GetAsync(client.Manifest.StablecoinAddress, cancellationToken);

    /// <summary>Every currency the escrow has accepted since its deployment (its <c>CurrencyAcceptanceSet</c> events),
    /// the manifest's stablecoin first; refused ones stay listed, since their lots keep settling in them.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The currencies.</returns>
    public async Task<IReadOnlyList<SettlementCurrency>> ListedAsync(CancellationToken cancellationToken)
    {
        var from = client.Manifest.Contracts.TryGetValue(ManifestContractNames.Escrow, out var escrow) ? escrow.BlockNumber ?? 0 : 0;
        var events = await client.Events.GetAsync(new BlockRange(from), cancellationToken).ConfigureAwait(false);
        var addresses = new List<string> { client.Manifest.StablecoinAddress };
        foreach (var set in events.Select(e => e.As<CurrencyAcceptanceSetEventDTO>()).OfType<CurrencyAcceptanceSetEventDTO>())
        {
            if (!addresses.Contains(set.Currency, StringComparer.OrdinalIgnoreCase))
            {
                addresses.Add(set.Currency);
            }
        }

        var currencies = new List<SettlementCurrency>();
        foreach (var address in addresses)
        {
            currencies.Add(await GetAsync(address, cancellationToken).ConfigureAwait(false));
        }

        return currencies;
    }

    /// <summary>The escrow's solvency in each of <paramref name="currencies"/>.</summary>
    /// <param name="currencies">The currencies.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>One view per currency, in order.</returns>
    public async Task<IReadOnlyList<SolvencyView>> SolvencyAsync(IEnumerable<SettlementCurrency> currencies, CancellationToken cancellationToken)
    {
        var views = new List<SolvencyView>();
        foreach (var currency in currencies)
        {
            views.Add(ViewFactory.Solvency(
                await client.Escrow.GetSolvencyAsync(currency.Address, cancellationToken).ConfigureAwait(false),
                await client.Escrow.GetTotalsAsync(currency.Address, cancellationToken).ConfigureAwait(false),
                currency));
        }

        return views;
    }
}
