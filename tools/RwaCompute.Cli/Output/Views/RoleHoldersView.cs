namespace RwaCompute.Cli.Output.Views;

/// <summary>One role of one contract: its id, the role that administers it, and who holds it now.</summary>
internal sealed record RoleHoldersView(string Contract, string Address, string Role, string RoleId, string AdminRole, IReadOnlyList<string> Holders);
