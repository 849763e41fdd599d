namespace RwaCompute.Cli.Output.Views;

/// <summary>The currency a document's amounts are in: every amount field beside it is exact decimal text in these
/// decimals (<c>"pricePerUnit": "2.6"</c> with <c>{"symbol": "EURC", "decimals": 6}</c> is 2 600 000 base units).</summary>
/// <param name="Address">The ERC-20's address.</param>
/// <param name="Symbol">Its symbol, or <see langword="null"/> when it has none.</param>
/// <param name="Decimals">Its decimals.</param>
internal sealed record CurrencyRefView(string Address, string? Symbol, int Decimals);
