using System.Globalization;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using RwaCompute.Cli.AccessControl;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Errors;
using TransferStatus = RwaCompute.Sdk.Contracts.ComputeCapacityToken.TransferStatus;

namespace RwaCompute.Cli;

/// <summary>
/// The command that fixes a refusal, appended to its error line (<c>… — allow it: rwa account allow 0x…</c>): a
/// transfer refused because an account is not on the allowlist, and a call reverted with OpenZeppelin's
/// <c>AccessControlUnauthorizedAccount(account, neededRole)</c> (the role id decoded to its name). The exit code
/// stays the refusal's.
/// </summary>
internal static class RecoveryHints
{
    /// <summary>The selector of <c>AccessControlUnauthorizedAccount(address,bytes32)</c>.</summary>
    private const string UnauthorizedSelector = "0xe2517d3f";

    /// <summary>The hint for a missing role.</summary>
    /// <param name="role">The role.</param>
    /// <param name="account">The account that needs it.</param>
    /// <returns>The hint, starting with a dash.</returns>
    public static string GrantRole(SuiteRole role, string account) => role.IsDefaultAdmin
        ? $"— the default admin is handed over, not granted: see rwa admin --help"
        : $"— grant it: rwa role grant {role.Contract.Key} {role.Name} {account}";

    /// <summary>The hint for a transfer refused by the compliance rules, if one command fixes it.</summary>
    /// <param name="refused">The refusal.</param>
    /// <returns>The hint, or <see langword="null"/>.</returns>
    public static string? For(TransferNotAllowedException refused) => refused.Status switch
    {
        TransferStatus.ReceiverNotAllowed => $"— allow it: rwa account allow {refused.To}",
        TransferStatus.SenderNotAllowed => $"— allow it: rwa account allow {refused.From}",
        _ => null,
    };

    /// <summary>The hint for a revert, if it is a missing role of a suite contract.</summary>
    /// <param name="revert">The revert.</param>
    /// <returns>The hint, or <see langword="null"/>.</returns>
    public static string? For(ContractRevertException revert)
    {
        // selector (4 bytes) + account (32) + role (32), as hex.
        var data = revert.RevertData;
        if (data.Length != 2 + (2 * (4 + 32 + 32)) || !data.StartsWith(UnauthorizedSelector, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var bytes = data.HexToByteArray();
        var role = RoleCatalog.FindById(bytes.AsSpan(36, 32));
        if (role is null)
        {
            return null;
        }

        var account = AddressUtil.Current.ConvertToChecksumAddress(bytes.AsSpan(4 + 12, 20).ToArray().ToHex(true));
        return GrantRole(role, account);
    }

    /// <summary>Appends a hint to a message, if there is one.</summary>
    /// <param name="message">The message.</param>
    /// <param name="hint">The hint.</param>
    /// <returns>The message.</returns>
    public static string Append(string message, string? hint) =>
        hint is null ? message : string.Create(CultureInfo.InvariantCulture, $"{message.TrimEnd()} {hint}");
}
