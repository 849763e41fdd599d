namespace RwaCompute.Sdk.Clients;

/// <summary>The result of scheduling or executing the timelocked admin acceptance.</summary>
/// <param name="Action">What was sent (<see cref="TimelockAction.None"/> when the step was already done).</param>
/// <param name="Operation">The operation after the step.</param>
/// <param name="Transaction">The transaction sent, or <see langword="null"/> when nothing was.</param>
public sealed record TimelockStep(TimelockAction Action, TimelockOperationStatus Operation, TransactionResult? Transaction);
