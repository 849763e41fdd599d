namespace RwaCompute.Sdk.Errors;

/// <summary>A default-admin hand-over cannot be accepted yet: the contract's admin delay has not passed (acceptance
/// needs a block whose timestamp is later than the hand-over's schedule). Nothing was sent.</summary>
public sealed class AdminDelayNotElapsedException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="contract">The contract (a <see cref="Deployment.ManifestContractNames"/> key).</param>
    /// <param name="contractAddress">Its address.</param>
    /// <param name="schedule">The hand-over's schedule: acceptance is possible in a block later than it.</param>
    /// <param name="chainTime">The chain time checked against (the latest block's timestamp).</param>
    public AdminDelayNotElapsedException(string contract, string contractAddress, DateTimeOffset schedule, DateTimeOffset chainTime)
        : base($"The default admin of {contract} ({contractAddress}) can be accepted only after {schedule:u} (chain time {chainTime:u}, {Remaining(schedule, chainTime)} to go).")
    {
        Contract = contract;
        ContractAddress = contractAddress;
        Schedule = schedule;
        ChainTime = chainTime;
    }

    /// <summary>The contract.</summary>
    public string Contract { get; }

    /// <summary>Its address.</summary>
    public string ContractAddress { get; }

    /// <summary>The hand-over's schedule (acceptable in a block later than it).</summary>
    public DateTimeOffset Schedule { get; }

    /// <summary>The chain time checked against.</summary>
    public DateTimeOffset ChainTime { get; }

    private static string Remaining(DateTimeOffset schedule, DateTimeOffset chainTime)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling((schedule - chainTime).TotalSeconds) + 1);
        return seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s";
    }
}
