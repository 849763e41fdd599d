namespace RwaCompute.Sdk.Transactions;

/// <summary>How <see cref="TransactionSender.SendBatchAsync"/> simulates, signs and broadcasts a batch. Everything else
/// (fees, gas head-room of estimated calls, receipt polling and time-outs, the journal) comes from the sender's
/// <see cref="TransactionOptions"/>.</summary>
public sealed record BatchOptions
{
    /// <summary>Signed transactions per JSON-RPC batch request (one HTTP request each). The next chunk is signed while
    /// the previous one is on the wire.</summary>
    public int ChunkSize { get; init; } = 100;

    /// <summary>How calls are simulated before signing.</summary>
    public BatchSimulation Simulation { get; init; } = BatchSimulation.PerShape;

    /// <summary>With <see cref="BatchSimulation.PerShape"/>, how many calls of each shape are simulated (spread from the
    /// first to the last; the largest estimate is shared).</summary>
    public int EstimatesPerShape { get; init; } = 2;

    /// <summary>Gas limit of a call that reuses its shape's estimate = the largest sampled estimate × this percentage
    /// / 100. Calls of one shape can cost more than the sample (a first-time holder's balance slot: +20,000 gas);
    /// unused gas is not charged.</summary>
    public int SharedEstimateGasPercent { get; init; } = 150;

    /// <summary>How many transactions are signed at once (local keys: one per core; an external signer: its
    /// concurrency limit).</summary>
    public int SigningParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (ChunkSize is < 1 or > 1_000)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkSize), ChunkSize, "must be between 1 and 1000");
        }

        if (!Enum.IsDefined(Simulation))
        {
            throw new ArgumentOutOfRangeException(nameof(Simulation), Simulation, "unknown simulation mode");
        }

        if (EstimatesPerShape < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EstimatesPerShape), EstimatesPerShape, "must be at least 1");
        }

        if (SharedEstimateGasPercent < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(SharedEstimateGasPercent), SharedEstimateGasPercent, "must be at least 100");
        }

        if (SigningParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SigningParallelism), SigningParallelism, "must be at least 1");
        }
    }
}
