namespace RwaCompute.Sdk.Clients;

/// <summary>The state of a <c>SuiteTimelock</c> operation (OpenZeppelin's <c>TimelockController.OperationState</c>,
/// same numbering).</summary>
public enum TimelockOperationState
{
    /// <summary>Not scheduled (or cancelled).</summary>
    Unset = 0,

    /// <summary>Scheduled; its delay has not passed.</summary>
    Waiting = 1,

    /// <summary>Scheduled and executable.</summary>
    Ready = 2,

    /// <summary>Executed.</summary>
    Done = 3,
}
