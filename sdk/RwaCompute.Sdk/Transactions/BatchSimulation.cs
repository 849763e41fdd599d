namespace RwaCompute.Sdk.Transactions;

/// <summary>How <see cref="TransactionSender.SendBatchAsync"/> simulates the calls of a batch before signing them.</summary>
public enum BatchSimulation
{
    /// <summary>One <c>eth_estimateGas</c> per distinct call shape (same contract and function selector), on a sample of
    /// its calls (<see cref="BatchOptions.EstimatesPerShape"/>); the other calls of the shape reuse the largest estimate
    /// with <see cref="BatchOptions.SharedEstimateGasPercent"/> head-room. A sampled call that reverts fails with its
    /// typed error and makes every call of its shape be simulated on its own. A call that was not sampled and reverts
    /// is mined reverted (it pays gas) and reported with its replayed, typed error.</summary>
    PerShape,

    /// <summary>Every call simulated on its own (<c>eth_estimateGas</c> in JSON-RPC batches): a reverting call fails
    /// with its typed error before anything is signed, at the cost of one estimate per call. Each call is simulated
    /// against the chain as it is, not after the batch's earlier calls.</summary>
    EveryCall,
}
