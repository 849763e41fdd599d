using RwaCompute.Sdk.Clients;
using OperationState = RwaCompute.Sdk.Contracts.SuiteTimelock.OperationState;

namespace RwaCompute.Sdk.Errors;

/// <summary>A <c>SuiteTimelock</c> operation cannot be executed: it was never scheduled, or its delay has not passed
/// yet (<see cref="ReadyAt"/>). Nothing was sent.</summary>
public sealed class TimelockOperationNotReadyException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The operation as read from the timelock.</param>
    /// <param name="chainTime">The chain time checked against.</param>
    public TimelockOperationNotReadyException(TimelockOperationStatus operation, DateTimeOffset chainTime)
        : base(operation.State == OperationState.Unset
            ? $"The operation {operation.OperationId} is not scheduled on the SuiteTimelock {operation.Timelock}; a proposer must schedule it first."
            : $"The operation {operation.OperationId} on the SuiteTimelock {operation.Timelock} is ready only at {operation.ReadyAt:u} (chain time {chainTime:u}).")
    {
        ArgumentNullException.ThrowIfNull(operation);
        Operation = operation;
        ChainTime = chainTime;
    }

    /// <summary>The operation.</summary>
    public TimelockOperationStatus Operation { get; }

    /// <summary>When it becomes executable, or <see langword="null"/> when it is not scheduled.</summary>
    public DateTimeOffset? ReadyAt => Operation.ReadyAt;

    /// <summary>The chain time checked against.</summary>
    public DateTimeOffset ChainTime { get; }
}
