namespace RwaCompute.Cli.Output.Views;

/// <summary>A role grant of a deployment.</summary>
internal sealed record RoleView(string Contract, string Role, string Account, bool? Held);
