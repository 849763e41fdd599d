namespace RwaCompute.Cli.Output.Views;

/// <summary>A settlement currency as the escrow sees it.</summary>
internal sealed record CurrencyView(string Address, bool Accepted, int Decimals, bool IsManifestStablecoin, string? Symbol);
