namespace RwaCompute.Cli.Output.Views;

/// <summary>Whether the lending module's loan-to-value cap follows a market's price index (<c>rwa pledge index-ltv
/// show</c>).</summary>
/// <param name="On">Whether caps follow an index (downward only: <c>min(referencePrice, average)</c>).</param>
/// <param name="PriceIndex">The market followed, or <see langword="null"/> when caps use each lot's reference price
/// alone.</param>
/// <param name="Market">The manifest's market (what <c>index-ltv on</c> switches to).</param>
/// <param name="IsManifestMarket">Whether the index followed is the manifest's market.</param>
internal sealed record PriceIndexSettingView(bool On, string? PriceIndex, string Market, bool IsManifestMarket);
