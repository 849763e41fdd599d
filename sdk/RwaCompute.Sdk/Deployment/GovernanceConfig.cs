namespace RwaCompute.Sdk.Deployment;

/// <summary>
/// Who takes over the suite's default admin after the deployment (<c>"governance"</c> in <c>deploy.json</c>): exactly
/// one of <see cref="Admin"/> (an account, typically the issuer's multisig) or <see cref="Timelock"/> (a
/// <c>SuiteTimelock</c> the deployer creates). The deployer begins the two-step hand-over on the token, the oracle and
/// the escrow (<c>beginDefaultAdminTransfer</c>) and stays admin until the new admin accepts, after
/// <see cref="DeployConfig.AdminDelaySeconds"/>.
/// </summary>
/// <example>
/// <code>
/// "governance": { "admin": "0x…multisig" }
/// "governance": { "timelock": { "minDelaySeconds": 172800, "proposers": ["0x…multisig"], "executors": ["0x…multisig"] } }
/// </code>
/// </example>
public sealed record GovernanceConfig
{
    /// <summary>The account that becomes the default admin of the five deployed contracts (non-zero), or
    /// <see langword="null"/> with a <see cref="Timelock"/>.</summary>
    public string? Admin { get; init; }

    /// <summary>The timelock to deploy and hand the admin to, or <see langword="null"/> with an
    /// <see cref="Admin"/>.</summary>
    public TimelockConfig? Timelock { get; init; }
}
