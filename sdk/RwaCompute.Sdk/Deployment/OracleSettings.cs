namespace RwaCompute.Sdk.Deployment;

/// <summary>The utilization oracle's configuration at deployment (the admin may change it later on chain).</summary>
public sealed record OracleSettings
{
    /// <summary>The authorized reporters, EIP-55 checksummed.</summary>
    public IReadOnlyList<string> Reporters { get; init; } = [];

    /// <summary>The number of distinct reporter signatures a report needs.</summary>
    public int Quorum { get; init; }

    /// <summary>The maximum accepted observation age, in seconds.</summary>
    public ulong MaxAgeSeconds { get; init; }
}
