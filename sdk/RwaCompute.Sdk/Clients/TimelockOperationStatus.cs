using System.Numerics;
using OperationState = RwaCompute.Sdk.Contracts.SuiteTimelock.OperationState;

namespace RwaCompute.Sdk.Clients;

/// <summary>A <c>SuiteTimelock</c> operation as the timelock sees it.</summary>
/// <param name="Timelock">The timelock's address.</param>
/// <param name="OperationId">The operation id (<c>hashOperationBatch</c>), 0x + 64 hex digits.</param>
/// <param name="State">Its state at the latest block.</param>
/// <param name="ReadyAt">When it becomes executable (<c>getTimestamp</c>), or <see langword="null"/> when it is not
/// scheduled or already executed.</param>
/// <param name="MinDelaySeconds">The timelock's current minimum delay (<c>getMinDelay()</c>, a <c>uint256</c>), in
/// seconds.</param>
public sealed record TimelockOperationStatus(string Timelock, string OperationId, OperationState State, DateTimeOffset? ReadyAt, BigInteger MinDelaySeconds);
