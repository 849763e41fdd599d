namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa admin calldata</c> prints: the calls a multisig submits itself (nothing is sent here).</summary>
internal sealed record AdminCalldataView(string? Timelock, string? OperationId, IReadOnlyList<CalldataView> Calls);
