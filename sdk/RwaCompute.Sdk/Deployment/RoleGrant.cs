namespace RwaCompute.Sdk.Deployment;

/// <summary>A role granted on one of the suite's contracts, as recorded in a <see cref="DeploymentManifest"/>.</summary>
public sealed record RoleGrant
{
    /// <summary>The contract, a <see cref="ManifestContractNames"/> key.</summary>
    public string Contract { get; init; } = string.Empty;

    /// <summary>The role's name as the contract declares it (<c>ESCROW_ROLE</c>), or a 0x-prefixed 32-byte role
    /// id.</summary>
    public string Role { get; init; } = string.Empty;

    /// <summary>The account holding the role, EIP-55 checksummed.</summary>
    public string Account { get; init; } = string.Empty;

    /// <summary>The <c>grantRole</c> transaction, when known (<see langword="null"/> when the role was already held).</summary>
    public string? TransactionHash { get; init; }
}
