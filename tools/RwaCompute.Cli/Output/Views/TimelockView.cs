namespace RwaCompute.Cli.Output.Views;

/// <summary>The manifest's SuiteTimelock and the state of its admin-acceptance operation.</summary>
internal sealed record TimelockView(string Address, string MinDelaySeconds, string AcceptOperationId, string AcceptOperationState, DateTimeOffset? AcceptOperationReadyAt);
