using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;

namespace RwaCompute.Cli.AccessControl;

/// <summary>
/// The role constants of the suite's AccessControl contracts, and the names the command line accepts for them:
/// case-insensitive, with or without the <c>_ROLE</c> suffix (<c>REGISTRAR_ROLE</c>, <c>registrar</c>). Ids come from
/// the SDK's <see cref="Roles.Id"/>. A test checks this list against every <c>…_ROLE()</c> getter of the
/// generated bindings, so a role added to a contract cannot be missing here.
/// </summary>
internal static class RoleCatalog
{
    /// <summary>The compute-capacity token.</summary>
    public static RoleContract Token { get; } = new("token", ManifestContractNames.Token,
        [Roles.DefaultAdmin, Roles.Registrar, Roles.Compliance, Roles.Pauser, Roles.Recovery, Roles.Escrow, Roles.Collateral]);

    /// <summary>The escrow (its market and lending roles are held by those modules).</summary>
    public static RoleContract Escrow { get; } = new("escrow", ManifestContractNames.Escrow, [Roles.DefaultAdmin, Roles.Market, Roles.Lending]);

    /// <summary>The market (its risk role sets the price index window).</summary>
    public static RoleContract Market { get; } = new("market", ManifestContractNames.Market, [Roles.DefaultAdmin, Roles.Risk]);

    /// <summary>The lending module (its risk role sets loan-to-value).</summary>
    public static RoleContract Lending { get; } = new("lending", ManifestContractNames.Lending, [Roles.DefaultAdmin, Roles.Risk]);

    /// <summary>The oracle (its reporters are configured, not granted: only the default admin is a role).</summary>
    public static RoleContract Oracle { get; } = new("oracle", ManifestContractNames.Oracle, [Roles.DefaultAdmin]);

    /// <summary>The five contracts, in the order <c>rwa role list</c> prints them.</summary>
    public static IReadOnlyList<RoleContract> Contracts { get; } = [Token, Escrow, Market, Lending, Oracle];

    /// <summary>The contract a command-line name designates.</summary>
    /// <param name="key"><c>token</c>, <c>escrow</c>, <c>market</c>, <c>lending</c> or <c>oracle</c> (any case).</param>
    /// <returns>The contract, or <see langword="null"/> when the name is unknown.</returns>
    public static RoleContract? FindContract(string key) =>
        Contracts.FirstOrDefault(c => string.Equals(c.Key, key.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The role a command-line name designates on a contract.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="name"><c>REGISTRAR_ROLE</c>, <c>registrar_role</c> or <c>registrar</c>.</param>
    /// <returns>The role, or <see langword="null"/> when the contract has no such role.</returns>
    public static SuiteRole? FindRole(RoleContract contract, string name)
    {
        var normalized = name.Trim().ToUpperInvariant();
        if (!normalized.EndsWith("_ROLE", StringComparison.Ordinal))
        {
            normalized += "_ROLE";
        }

        return contract.Roles.FirstOrDefault(r => r.Name == normalized);
    }

    /// <summary>The role with a given id on any of the contracts (for a revert that names only the id).</summary>
    /// <param name="id">The 32-byte id.</param>
    /// <returns>The role (the token's for <c>DEFAULT_ADMIN_ROLE</c>, which every contract has), or
    /// <see langword="null"/>.</returns>
    public static SuiteRole? FindById(ReadOnlySpan<byte> id)
    {
        foreach (var contract in Contracts)
        {
            foreach (var role in contract.Roles)
            {
                if (id.SequenceEqual(role.Id))
                {
                    return role;
                }
            }
        }

        return null;
    }
}
