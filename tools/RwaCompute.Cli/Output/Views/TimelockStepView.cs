namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa admin accept --via-timelock</c> did.</summary>
internal sealed record TimelockStepView(string Action, string Timelock, string OperationId, string State, DateTimeOffset? ReadyAt, IReadOnlyList<TransactionView> Transactions);
