namespace RwaCompute.Sdk.Errors;

/// <summary>A transaction was mined with status 0 and replaying it gave no decodable revert reason (decodable ones
/// surface as the generated typed contract exceptions instead).</summary>
public sealed class TransactionRevertedException : TransactionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="transactionHash">The transaction.</param>
    /// <param name="blockNumber">The block it was mined in.</param>
    public TransactionRevertedException(string transactionHash, long blockNumber)
        : base(transactionHash, $"Transaction {transactionHash} reverted in block {blockNumber}.")
    {
        BlockNumber = blockNumber;
    }

    /// <summary>The block it was mined in.</summary>
    public long BlockNumber { get; }
}
