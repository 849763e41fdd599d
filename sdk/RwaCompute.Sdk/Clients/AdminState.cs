namespace RwaCompute.Sdk.Clients;

/// <summary>
/// The default-admin state of one suite contract (OpenZeppelin's <c>AccessControlDefaultAdminRules</c>): its admin, a
/// pending two-step hand-over, and the delay a hand-over must wait.
/// </summary>
/// <param name="Contract">The contract (a <see cref="Deployment.ManifestContractNames"/> key).</param>
/// <param name="Address">Its address.</param>
/// <param name="Admin">The current default admin (<c>defaultAdmin()</c>; the zero address after a renounce).</param>
/// <param name="PendingAdmin">The account that may accept the admin (<c>pendingDefaultAdmin().newAdmin</c>), or
/// <see langword="null"/> when no hand-over is pending.</param>
/// <param name="PendingSchedule">When the pending hand-over becomes acceptable: in a block whose timestamp is later than
/// this (<c>pendingDefaultAdmin().schedule</c>); <see langword="null"/> when none is pending.</param>
/// <param name="DelaySeconds">The current <c>defaultAdminDelay()</c>, in seconds.</param>
public sealed record AdminState(string Contract, string Address, string Admin, string? PendingAdmin, DateTimeOffset? PendingSchedule, ulong DelaySeconds)
{
    /// <summary>Whether a hand-over is pending.</summary>
    public bool HasPendingTransfer => PendingAdmin is not null;

    /// <summary>Whether the pending hand-over can be accepted at <paramref name="chainTime"/> (strictly after its
    /// schedule, as the contract checks).</summary>
    /// <param name="chainTime">The chain time (the latest block's timestamp).</param>
    /// <returns><see langword="true"/> when a hand-over is pending and its schedule has passed.</returns>
    public bool IsAcceptableAt(DateTimeOffset chainTime) => PendingSchedule is { } schedule && chainTime > schedule;
}
