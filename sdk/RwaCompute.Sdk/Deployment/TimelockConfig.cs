namespace RwaCompute.Sdk.Deployment;

/// <summary>
/// The <c>SuiteTimelock</c> (OpenZeppelin's TimelockController) deployed through CREATE2 when
/// <see cref="GovernanceConfig.Timelock"/> is set. It is self-administered (its constructor's <c>admin</c> is the zero
/// address): only an operation through the timelock itself can change its roles.
/// </summary>
public sealed record TimelockConfig
{
    /// <summary>Seconds between scheduling an operation and executing it (1 to 2^48 − 1).</summary>
    public ulong MinDelaySeconds { get; init; }

    /// <summary>The accounts that schedule (and cancel) operations: 1 to 32 distinct, non-zero addresses, typically the
    /// issuer's multisig.</summary>
    public IReadOnlyList<string> Proposers { get; init; } = [];

    /// <summary>The accounts that execute ready operations: 1 to 32 distinct addresses; the zero address lets anyone
    /// execute.</summary>
    public IReadOnlyList<string> Executors { get; init; } = [];
}
