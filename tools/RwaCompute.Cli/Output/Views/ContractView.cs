namespace RwaCompute.Cli.Output.Views;

/// <summary>A contract of a deployment.</summary>
internal sealed record ContractView(string Name, string Address, string? TransactionHash, long? BlockNumber, bool External, bool? CodeMatches);
