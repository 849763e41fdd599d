namespace RwaCompute.Sdk.Clients;

/// <summary>What a timelock step of <see cref="GovernanceClient"/> sent.</summary>
public enum TimelockAction
{
    /// <summary>Nothing: the operation was already scheduled (or executed).</summary>
    None,

    /// <summary><c>scheduleBatch</c> was sent.</summary>
    Scheduled,

    /// <summary><c>executeBatch</c> was sent: the timelock accepted the admin of the suite's five administered contracts.</summary>
    Executed,
}
