using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Sdk.Clients;

namespace RwaCompute.Cli.AccessControl;

/// <summary>One role constant of one of the suite's AccessControl contracts.</summary>
/// <param name="Contract">The contract: <c>token</c>, <c>escrow</c> or <c>oracle</c>.</param>
/// <param name="Name">The constant's name, as in the contract (<c>REGISTRAR_ROLE</c>).</param>
internal sealed record SuiteRole(RoleContract Contract, string Name)
{
    /// <summary>The 32-byte id (<see cref="Roles.Id"/>: keccak256 of the name, zero for the default admin).</summary>
    public byte[] Id => Roles.Id(Name);

    /// <summary>The id as 0x + 64 hex digits.</summary>
    public string IdHex => Id.ToHex(true);

    /// <summary>Whether this is <c>DEFAULT_ADMIN_ROLE</c>, which is never granted directly (two-step hand-over).</summary>
    public bool IsDefaultAdmin => Name == Roles.DefaultAdmin;
}
