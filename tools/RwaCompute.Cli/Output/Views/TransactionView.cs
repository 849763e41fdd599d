namespace RwaCompute.Cli.Output.Views;

/// <summary>A mined transaction (and the id it created, if any).</summary>
internal sealed record TransactionView(string Action, string TransactionHash, long BlockNumber, string GasUsed, string? Id = null);
