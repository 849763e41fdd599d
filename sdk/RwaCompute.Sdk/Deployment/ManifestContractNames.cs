namespace RwaCompute.Sdk.Deployment;

/// <summary>The keys of <see cref="DeploymentManifest.Contracts"/>: one per contract of the suite.</summary>
public static class ManifestContractNames
{
    /// <summary>The ERC-1155 compute-capacity token.</summary>
    public const string Token = "ComputeCapacityToken";

    /// <summary>The utilization oracle.</summary>
    public const string Oracle = "UtilizationOracle";

    /// <summary>The stablecoin escrow.</summary>
    public const string Escrow = "ComputeEscrow";

    /// <summary>The market module: offers, Dutch auctions and the price index (it credits sales through the escrow's
    /// <c>MARKET_ROLE</c>).</summary>
    public const string Market = "ComputeMarket";

    /// <summary>The lending module: pledges, loan-to-value and the settlement-pause cure (it credits principals and
    /// repayments through the escrow's <c>LENDING_ROLE</c> and locks units through the token's
    /// <c>COLLATERAL_ROLE</c>).</summary>
    public const string Lending = "ComputeLending";

    /// <summary>The curtailment module: interruptible lots, the attribution of a pool's curtailed GPU-hours and the
    /// holders' refunds (the escrow, wired to it once with <c>setCurtailmentModule</c>, keeps the refund cover and
    /// credits the claims). It has no roles and no admin.</summary>
    public const string Curtailment = "ComputeCurtailment";

    /// <summary>The settlement stablecoin (usually pre-existing, <see cref="ContractDeployment.External"/>).</summary>
    public const string Stablecoin = "Stablecoin";

    /// <summary>The optional <c>SuiteTimelock</c> (OpenZeppelin's TimelockController), deployed when
    /// <c>deploy.json</c> hands the suite's admin to a timelock (<see cref="GovernanceConfig.Timelock"/>).</summary>
    public const string Timelock = "SuiteTimelock";

    /// <summary>The contracts every complete manifest lists, in deployment order.</summary>
    public static IReadOnlyList<string> All { get; } = [Token, Oracle, Escrow, Market, Lending, Curtailment, Stablecoin];

    /// <summary>The contracts a manifest may list in addition to <see cref="All"/> (older manifests do not).</summary>
    public static IReadOnlyList<string> Optional { get; } = [Timelock];

    /// <summary>The contracts the deployer creates itself (and whose roles it can grant), in deployment order.</summary>
    public static IReadOnlyList<string> Deployed { get; } = [Token, Oracle, Escrow, Market, Lending, Curtailment];

    /// <summary>The contracts with roles and a default admin that is handed over (OpenZeppelin's
    /// <c>AccessControlDefaultAdminRules</c>): <see cref="Deployed"/> but the curtailment module, which has
    /// neither.</summary>
    public static IReadOnlyList<string> Administered { get; } = [Token, Oracle, Escrow, Market, Lending];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="All"/> or <see cref="Optional"/>
    /// (case-sensitive).</summary>
    /// <param name="name">A candidate key.</param>
    /// <returns><see langword="true"/> for a known key.</returns>
    public static bool IsKnown(string? name) => name is not null && (All.Contains(name, StringComparer.Ordinal) || Optional.Contains(name, StringComparer.Ordinal));
}
