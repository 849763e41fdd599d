namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa deploy</c> did.</summary>
internal sealed record DeployView(
    long ChainId,
    string ManifestPath,
    string JournalPath,
    string Deployer,
    int TransactionsSent,
    IReadOnlyList<TransactionView> Transactions,
    IReadOnlyList<ContractView> Contracts,
    IReadOnlyList<RoleView> Roles,
    IReadOnlyList<AdminView> Admins,
    string? NextStep);
