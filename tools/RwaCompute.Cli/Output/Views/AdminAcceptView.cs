namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa admin accept</c> did.</summary>
internal sealed record AdminAcceptView(string Account, IReadOnlyList<AcceptanceView> Contracts, IReadOnlyList<TransactionView> Transactions);
