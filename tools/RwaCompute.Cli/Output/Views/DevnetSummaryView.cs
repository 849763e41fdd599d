namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa devnet</c> built.</summary>
internal sealed record DevnetSummaryView(
    string RpcUrl,
    long ChainId,
    string ManifestPath,
    IReadOnlyList<LotView> Lots,
    IReadOnlyList<HolderView> Holders,
    IReadOnlyList<OfferView> Offers,
    IReadOnlyList<PriceIndexView> Prices,
    IReadOnlyList<PledgeView> Pledges,
    IReadOnlyList<RedemptionView> Redemptions,
    IReadOnlyList<ReportView> Utilization,
    IReadOnlyList<SolvencyView> Solvency,
    long ElapsedMilliseconds);
