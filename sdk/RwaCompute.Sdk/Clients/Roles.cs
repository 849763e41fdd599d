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
