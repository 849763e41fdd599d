using System.Numerics;

namespace RwaCompute.Sdk.Transactions;

/// <summary>How transactions are priced, sent and awaited.</summary>
public sealed record TransactionOptions
{
    /// <summary>How long to wait for a receipt (and its confirmations) before <see cref="Errors.TransactionTimeoutException"/>.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Blocks that must be built on top of the transaction's block before it counts (0 or 1: mined is
    /// enough). With more, the receipt is re-checked against the chain so a reorg is noticed.</summary>
    public int Confirmations { get; init; } = 1;

    /// <summary>First delay between receipt polls; it grows by <see cref="PollBackoffFactor"/> up to
    /// <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan InitialPollInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Longest delay between receipt polls.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Growth of the poll delay after each empty poll.</summary>
    public double PollBackoffFactor { get; init; } = 1.5;

    /// <summary>Gas limit = estimate × this percentage / 100 (head-room for state that changes between estimate and
    /// inclusion).</summary>
    public int GasLimitPercent { get; init; } = 120;

    /// <summary>A fixed tip; when <see langword="null"/> the node's <c>eth_maxPriorityFeePerGas</c> is used.</summary>
    public BigInteger? MaxPriorityFeePerGas { get; init; }

    /// <summary>Max fee = base fee × this multiplier + tip (2: survives six full blocks of base-fee growth).</summary>
    public int BaseFeeMultiplier { get; init; } = 2;

    /// <summary>How long a fee quote is reused before the chain is asked again.</summary>
    public TimeSpan FeeQuoteLifetime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a send is retried after the node rejects its nonce (the nonce is re-read each time).</summary>
    public int NonceRetries { get; init; } = 3;

    /// <summary>How long a transaction may be unknown to the node (dropped from its pool) before the SDK
    /// re-broadcasts the same signed bytes.</summary>
    public TimeSpan DroppedAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the node may fail every receipt poll before the wait gives up with
    /// <see cref="Errors.TransactionPossiblySentException"/> (<see cref="Errors.PossiblySentReason.NodeUnavailable"/>)
    /// instead of waiting for <see cref="ReceiptTimeout"/>.</summary>
    public TimeSpan NodeUnavailableTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Records every signed transaction before its broadcast so a re-run of the same operation resolves its
    /// earlier attempt instead of sending again (see <see cref="ITransactionJournal"/>); none by default.</summary>
    public ITransactionJournal? Journal { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (ReceiptTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ReceiptTimeout), ReceiptTimeout, "must be positive");
        }

        if (Confirmations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Confirmations), Confirmations, "must not be negative");
        }

        if (InitialPollInterval <= TimeSpan.Zero || MaxPollInterval < InitialPollInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialPollInterval), InitialPollInterval, "must be positive and at most MaxPollInterval");
        }

        if (double.IsNaN(PollBackoffFactor) || PollBackoffFactor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PollBackoffFactor), PollBackoffFactor, "must be at least 1");
        }

        if (GasLimitPercent < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(GasLimitPercent), GasLimitPercent, "must be at least 100");
        }

        if (BaseFeeMultiplier < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseFeeMultiplier), BaseFeeMultiplier, "must be at least 1");
        }

        if (DroppedAfter <= TimeSpan.Zero || FeeQuoteLifetime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DroppedAfter), "DroppedAfter must be positive and FeeQuoteLifetime not negative");
        }

        if (MaxPriorityFeePerGas is { Sign: < 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPriorityFeePerGas), MaxPriorityFeePerGas, "must not be negative");
        }

        if (NodeUnavailableTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(NodeUnavailableTimeout), NodeUnavailableTimeout, "must be positive");
        }

        if (NonceRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(NonceRetries), NonceRetries, "must not be negative");
        }
    }
}
