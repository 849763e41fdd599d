namespace RwaCompute.Contracts.Runtime;

/// <summary>A contract reverted with <c>Error(string)</c>: <c>require(condition, "reason")</c> or
/// <c>revert("reason")</c>.</summary>
public class ContractRevertReasonException : ContractRevertException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The decoded reason string.</param>
    /// <param name="revertData">The raw revert data, 0x-prefixed hex.</param>
    /// <param name="innerException">The exception the revert arrived in, if any.</param>
    public ContractRevertReasonException(string reason, string revertData, Exception? innerException)
        : base("The contract reverted: " + reason, revertData, innerException)
    {
        Reason = reason;
    }

    /// <summary>The reason string.</summary>
    public string Reason { get; }
}
