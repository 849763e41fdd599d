namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa role list</c> prints: every role of the chosen contracts and its holders.</summary>
internal sealed record RoleListView(IReadOnlyList<RoleHoldersView> Roles);
