namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa admin accept</c> did on one contract (no transaction: the signer already was the admin).</summary>
internal sealed record AcceptanceView(string Contract, string Address, string? TransactionHash, long? BlockNumber, string? GasUsed);
