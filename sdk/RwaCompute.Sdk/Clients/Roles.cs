using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Clients;

/// <summary>Role ids of the suite's AccessControl contracts.</summary>
public static class Roles
{
    /// <summary>The admin of every role (<c>0x00…00</c>).</summary>
    public const string DefaultAdmin = "DEFAULT_ADMIN_ROLE";

    /// <summary>The risk role of the lending module (loan-to-value caps) and of the market (the price index's
    /// window).</summary>
    public const string Risk = "RISK_ROLE";

    /// <summary>The token's registrar role (providers and their pools).</summary>
    public const string Registrar = "REGISTRAR_ROLE";

    /// <summary>The token's compliance role (allow lists, freezes).</summary>
    public const string Compliance = "COMPLIANCE_ROLE";

    /// <summary>The pauser role.</summary>
    public const string Pauser = "PAUSER_ROLE";

    /// <summary>The token's recovery role (forced transfers of a lost or sanctioned holder).</summary>
    public const string Recovery = "RECOVERY_ROLE";

    /// <summary>The token's escrow role (held by the escrow contract: it burns redeemed units).</summary>
    public const string Escrow = "ESCROW_ROLE";

    /// <summary>The escrow's market role (held by the market contract: it may credit sale payments).</summary>
    public const string Market = "MARKET_ROLE";

    /// <summary>The escrow's lending role (held by the lending module: it may credit principals and repayments).</summary>
    public const string Lending = "LENDING_ROLE";

    /// <summary>The token's collateral role (held by the lending module: it locks, unlocks and seizes pledged
    /// units).</summary>
    public const string Collateral = "COLLATERAL_ROLE";

    /// <summary>The timelock's proposer role.</summary>
    public const string Proposer = "PROPOSER_ROLE";

    /// <summary>The timelock's executor role.</summary>
    public const string Executor = "EXECUTOR_ROLE";

    /// <summary>The timelock's canceller role.</summary>
    public const string Canceller = "CANCELLER_ROLE";

    private static readonly Dictionary<string, string> NamesById = new[] { DefaultAdmin, Risk, Registrar, Compliance, Pauser, Recovery, Escrow, Market, Lending, Collateral, Proposer, Executor, Canceller }
        .ToDictionary(name => Id(name).ToHex(true), name => name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every role name the suite's contracts define.</summary>
    public static IReadOnlyCollection<string> Known => NamesById.Values;

    /// <summary>The name of a role id, for messages and logs: <c>PAUSER_ROLE</c>, or the 0x hex id when the suite does
    /// not define it.</summary>
    /// <param name="roleId">The 32-byte role id.</param>
    /// <returns>The name.</returns>
    public static string NameOf(byte[] roleId)
    {
        ArgumentNullException.ThrowIfNull(roleId);
        var hex = roleId.ToHex(true);
        return NamesById.TryGetValue(hex, out var name) ? name : hex;
    }

    /// <summary>The 32-byte id of a role given by name (<c>keccak256("REGISTRAR_ROLE")</c>; the default admin is
    /// zero) or as 0x hex.</summary>
    /// <param name="role">The name or hex id.</param>
    /// <returns>The id.</returns>
    /// <exception cref="InputValidationException">Empty, or hex of the wrong length.</exception>
    public static byte[] Id(string role)
    {
        if (string.IsNullOrWhiteSpace(role))
        {
            throw new InputValidationException(nameof(role), "it is empty.");
        }

        role = role.Trim();
        if (role == DefaultAdmin)
        {
            return new byte[32];
        }

        if (role.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return role.Length == 66 && role[2..].IsHex() ? role.HexToByteArray() : throw new InputValidationException(nameof(role), "a hex role id must be 32 bytes.");
        }

        return Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(role));
    }
}
