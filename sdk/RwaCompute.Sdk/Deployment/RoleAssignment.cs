namespace RwaCompute.Sdk.Deployment;

/// <summary>An extra role grant requested in a <see cref="DeployConfig"/>.</summary>
/// <example><code>{ "contract": "ComputeCapacityToken", "role": "REGISTRAR_ROLE", "account": "0x7099…79C8" }</code></example>
public sealed record RoleAssignment
{
    /// <summary>The contract: <see cref="ManifestContractNames.Token"/>, <see cref="ManifestContractNames.Oracle"/>
    /// or <see cref="ManifestContractNames.Escrow"/>.</summary>
    public string Contract { get; init; } = string.Empty;

    /// <summary>The role: the name of the contract's public role constant (<c>REGISTRAR_ROLE</c>), or a 0x-prefixed
    /// 32-byte role id. Never <c>DEFAULT_ADMIN_ROLE</c>: the contracts hand that over only in two steps
    /// (<see cref="DeployConfig.Governance"/>).</summary>
    public string Role { get; init; } = string.Empty;

    /// <summary>The account receiving the role.</summary>
    public string Account { get; init; } = string.Empty;
}
