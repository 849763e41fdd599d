namespace RwaCompute.Contracts.Runtime;

/// <summary>A contract reverted with data no decoder knows (an error declared by another contract, a bare
/// <c>revert()</c>, a malformed payload); <see cref="ContractRevertException.RevertData"/> keeps it raw.</summary>
public class ContractUnknownRevertException : ContractRevertException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="revertData">The raw revert data, 0x-prefixed hex.</param>
    /// <param name="innerException">The exception the revert arrived in, if any.</param>
    public ContractUnknownRevertException(string revertData, Exception? innerException)
        : base(revertData.Length > 2 ? "The contract reverted with unknown data " + revertData + "." : "The contract reverted without data.", revertData, innerException)
    {
    }
}
