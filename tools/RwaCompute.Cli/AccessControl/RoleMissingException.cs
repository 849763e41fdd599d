using RwaCompute.Sdk.Errors;

namespace RwaCompute.Cli.AccessControl;

/// <summary>The signer lacks the role an operation needs (for <c>rwa role grant|revoke</c>: the role's admin role).
/// Exit code <see cref="ExitCodes.PreflightRefused"/>; nothing was sent.</summary>
internal sealed class RoleMissingException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="account">The signer.</param>
    /// <param name="role">The role it lacks.</param>
    /// <param name="holders">Who holds that role now (to name whom to ask).</param>
    /// <param name="purpose">What the role is needed for (<c>to grant REGISTRAR_ROLE</c>).</param>
    public RoleMissingException(string account, SuiteRole role, IReadOnlyList<string> holders, string purpose)
        : base($"{account} does not hold {role.Contract.Key} {role.Name}, which it needs {purpose}; "
            + (holders.Count == 0 ? "nobody holds it" : $"held by {string.Join(", ", holders)}")
            + (role.IsDefaultAdmin ? ": sign as the default admin." : $" {RecoveryHints.GrantRole(role, account)}"))
    {
        Account = account;
        Role = role;
    }

    /// <summary>The signer.</summary>
    public string Account { get; }

    /// <summary>The missing role.</summary>
    public SuiteRole Role { get; }
}
