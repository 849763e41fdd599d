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

    /// <summary>The settlement stablecoin (usually pre-existing, <see cref="ContractDeployment.External"/>).</summary>
    public const string Stablecoin = "Stablecoin";

    /// <summary>Every key a manifest may use, in deployment order.</summary>
    public static IReadOnlyList<string> All { get; } = [Token, Oracle, Escrow, Stablecoin];

    /// <summary>The contracts the deployer creates itself (and whose roles it can grant), in deployment order.</summary>
    public static IReadOnlyList<string> Deployed { get; } = [Token, Oracle, Escrow];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="All"/> (case-sensitive).</summary>
    /// <param name="name">A candidate key.</param>
    /// <returns><see langword="true"/> for a known key.</returns>
    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}
