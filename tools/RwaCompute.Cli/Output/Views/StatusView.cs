namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa status</c> found.</summary>
internal sealed record StatusView(
    string RpcUrl,
    long ChainId,
    long BlockNumber,
    DateTimeOffset ChainTime,
    string ManifestPath,
    string? ToolkitVersion,
    IReadOnlyList<ContractView> Contracts,
    IReadOnlyList<RoleView> Roles,
    bool TokenPaused,
    string? BondVault,
    bool BondVaultIsEscrow,
    IReadOnlyList<SolvencyView> Solvency,
    IReadOnlyList<string> Reporters,
    int Quorum,
    IReadOnlyList<AdminView> Admins,
    TimelockView? Timelock);
