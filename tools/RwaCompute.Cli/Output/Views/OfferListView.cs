namespace RwaCompute.Cli.Output.Views;

/// <summary>The market's offers and auctions (<c>rwa market list</c>).</summary>
internal sealed record OfferListView(IReadOnlyList<OfferView> Offers);
