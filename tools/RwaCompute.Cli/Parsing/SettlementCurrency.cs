using System.Numerics;
using RwaCompute.Cli.Output.Views;

namespace RwaCompute.Cli.Parsing;

/// <summary>A settlement currency as the CLI shows and reads its amounts: its address, its decimals (as the escrow
/// recorded them, else as the token answers) and its symbol for people.</summary>
/// <param name="Address">The ERC-20's address, checksummed.</param>
/// <param name="Decimals">Its decimals.</param>
/// <param name="Symbol">Its <c>symbol()</c>, or <see langword="null"/> when it has none.</param>
internal sealed record SettlementCurrency(string Address, int Decimals, string? Symbol)
{
    /// <summary>How people see it: the symbol, else a shortened address.</summary>
    public string Display => Symbol ?? $"{Address[..6]}…{Address[^4..]}";

    /// <summary>An amount for people: <c>1,234.5 EURC</c>.</summary>
    /// <param name="baseUnits">Base units.</param>
    /// <returns>The text.</returns>
    public string Format(BigInteger baseUnits) => $"{DecimalAmount.Format(baseUnits, Decimals)} {Display}";

    /// <summary>An amount for machines: <c>1234.5</c> (the <c>--json</c> fields).</summary>
    /// <param name="baseUnits">Base units.</param>
    /// <returns>The text.</returns>
    public string Plain(BigInteger baseUnits) => DecimalAmount.Plain(baseUnits, Decimals);

    /// <summary>The <c>currency</c> object of the <c>--json</c> output.</summary>
    /// <returns>The view.</returns>
    public CurrencyRefView View() => new(Address, Symbol, Decimals);
}
