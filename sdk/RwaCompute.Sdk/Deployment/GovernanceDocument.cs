namespace RwaCompute.Sdk.Deployment;

/// <summary>The JSON shape of <c>"governance"</c> in <c>deploy.json</c> (every field optional, validated by
/// <see cref="DeployConfig.Validate()"/>).</summary>
internal sealed class GovernanceDocument
{
    public string? Admin { get; set; }

    public TimelockDocument? Timelock { get; set; }

    public GovernanceConfig ToConfig() => new() { Admin = Admin, Timelock = Timelock?.ToConfig() };
}

/// <summary>The JSON shape of <c>"governance.timelock"</c>.</summary>
internal sealed class TimelockDocument
{
    public ulong? MinDelaySeconds { get; set; }

    public List<string>? Proposers { get; set; }

    public List<string>? Executors { get; set; }

    /// <summary>The configuration; an absent <c>minDelaySeconds</c> becomes 0, which validation rejects (the delay is
    /// the point of a timelock: it is never defaulted).</summary>
    public TimelockConfig ToConfig() => new() { MinDelaySeconds = MinDelaySeconds ?? 0, Proposers = Proposers ?? [], Executors = Executors ?? [] };
}
