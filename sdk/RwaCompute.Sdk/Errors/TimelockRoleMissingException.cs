namespace RwaCompute.Sdk.Errors;

/// <summary>The signer lacks the <c>SuiteTimelock</c> role an operation needs (<c>PROPOSER_ROLE</c> to schedule,
/// <c>EXECUTOR_ROLE</c> to execute, unless the zero address holds it and anyone may execute). Nothing was sent.</summary>
public sealed class TimelockRoleMissingException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="timelock">The timelock's address.</param>
    /// <param name="role">The role's name (<c>PROPOSER_ROLE</c> or <c>EXECUTOR_ROLE</c>).</param>
    /// <param name="account">The signer.</param>
    public TimelockRoleMissingException(string timelock, string role, string account)
        : base($"{account} does not hold {role} on the SuiteTimelock {timelock}; sign as one of its {(role == "PROPOSER_ROLE" ? "proposers" : "executors")}.")
    {
        Timelock = timelock;
        Role = role;
        Account = account;
    }

    /// <summary>The timelock's address.</summary>
    public string Timelock { get; }

    /// <summary>The missing role's name.</summary>
    public string Role { get; }

    /// <summary>The signer.</summary>
    public string Account { get; }
}
