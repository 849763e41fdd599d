namespace RwaCompute.Sdk.Errors;

/// <summary>An account tried to accept (or, through a timelock, to schedule or execute accepting) the default admin
/// of a suite contract it is not the pending admin of: no hand-over to it was begun, it was cancelled, or another
/// account is pending. Nothing was sent.</summary>
public sealed class NotPendingAdminException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="contract">The contract (a <see cref="Deployment.ManifestContractNames"/> key).</param>
    /// <param name="contractAddress">Its address.</param>
    /// <param name="account">The account that would accept (the signer, or the timelock).</param>
    /// <param name="currentAdmin">The contract's current default admin.</param>
    /// <param name="pendingAdmin">The pending default admin, or <see langword="null"/> when no hand-over is pending.</param>
    public NotPendingAdminException(string contract, string contractAddress, string account, string currentAdmin, string? pendingAdmin)
        : base($"{account} is not the pending default admin of {contract} ({contractAddress}): the admin is {currentAdmin} and "
            + (pendingAdmin is null ? "no hand-over is pending (the current admin must call beginDefaultAdminTransfer first)." : $"the pending admin is {pendingAdmin}."))
    {
        Contract = contract;
        ContractAddress = contractAddress;
        Account = account;
        CurrentAdmin = currentAdmin;
        PendingAdmin = pendingAdmin;
    }

    /// <summary>The contract.</summary>
    public string Contract { get; }

    /// <summary>Its address.</summary>
    public string ContractAddress { get; }

    /// <summary>The account that would accept.</summary>
    public string Account { get; }

    /// <summary>The contract's current default admin.</summary>
    public string CurrentAdmin { get; }

    /// <summary>The pending default admin, or <see langword="null"/>.</summary>
    public string? PendingAdmin { get; }
}
