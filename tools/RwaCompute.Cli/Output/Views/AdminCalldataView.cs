namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa admin calldata</c> prints.</summary>
internal sealed record AdminCalldataView(string? Timelock, string? OperationId, IReadOnlyList<CalldataView> Transactions);
