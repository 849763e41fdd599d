namespace RwaCompute.Sdk.Deployment;

/// <summary>The JSON shape of <c>deploy.json</c>: every field optional, so that an absent field takes
/// <see cref="DeployConfig"/>'s default (the source generator sets every init-only property it knows, which would
/// overwrite the defaults with zeros).</summary>
internal sealed class DeployConfigDocument
{
    public string? Stablecoin { get; set; }

    public List<string>? Reporters { get; set; }

    public int? Quorum { get; set; }

    public bool? AllowWeakQuorum { get; set; }

    public ulong? OracleMaxAgeSeconds { get; set; }

    public ulong? DeliveryGraceSeconds { get; set; }

    public int? DefaultLtvBps { get; set; }

    public uint? IndexWindowSeconds { get; set; }

    public string? BaseUri { get; set; }

    public string? Salt { get; set; }

    public List<RoleAssignmentDocument>? Roles { get; set; }

    public ulong? AdminDelaySeconds { get; set; }

    public GovernanceDocument? Governance { get; set; }

    /// <summary>The configuration, with defaults for the absent fields.</summary>
    public DeployConfig ToConfig()
    {
        var defaults = new DeployConfig();
        return new DeployConfig
        {
            Stablecoin = Stablecoin,
            Reporters = Reporters ?? [],
            Quorum = Quorum ?? defaults.Quorum,
            AllowWeakQuorum = AllowWeakQuorum ?? false,
            OracleMaxAgeSeconds = OracleMaxAgeSeconds ?? defaults.OracleMaxAgeSeconds,
            DeliveryGraceSeconds = DeliveryGraceSeconds ?? defaults.DeliveryGraceSeconds,
            DefaultLtvBps = DefaultLtvBps ?? defaults.DefaultLtvBps,
            IndexWindowSeconds = IndexWindowSeconds ?? defaults.IndexWindowSeconds,
            BaseUri = BaseUri ?? defaults.BaseUri,
            Salt = Salt ?? defaults.Salt,
            Roles = Roles?.Select(role => role.ToAssignment()).ToList() ?? [],
            AdminDelaySeconds = AdminDelaySeconds ?? defaults.AdminDelaySeconds,
            Governance = Governance?.ToConfig(),
        };
    }
}
