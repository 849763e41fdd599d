namespace RwaCompute.Sdk.Events;

/// <summary>How <see cref="SuiteEventQuery.WatchAsync"/> follows the chain.</summary>
public sealed record WatchOptions
{
    /// <summary>The first block to deliver events from; <see langword="null"/> (the default) for the chain head when
    /// the watch starts. Ignored when <see cref="ResumeAfter"/> is set.</summary>
    public long? FromBlock { get; init; }

    /// <summary>Resume exactly after this event (the <see cref="SuiteEvent.Cursor"/> of the last event the
    /// application processed): later events of its block and every later block are delivered, nothing before. The
    /// cursor's block must still be canonical, otherwise the watch ends with a
    /// <see cref="Errors.ChainReorganizedException"/>.</summary>
    public WatchCursor? ResumeAfter { get; init; }

    /// <summary>How many blocks, counting the event's own, must be on the chain before an event is delivered:
    /// with head <c>h</c>, events of blocks up to <c>h − Confirmations + 1</c>. 0 and 1 both mean "as soon as it is
    /// mined". A reorg replacing fewer blocks than this never touches a delivered event. Default 2.</summary>
    public int Confirmations { get; init; } = 2;

    /// <summary>How long to wait before asking for the head again once every final block has been read. Default 2 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Only the events of these contracts (names as in the manifest: <c>ComputeCapacityToken</c>,
    /// <c>ComputeEscrow</c>, <c>ComputeMarket</c>, <c>ComputeLending</c>, <c>ComputeCurtailment</c>, <c>UtilizationOracle</c>); <see langword="null"/> for all. The node is asked only for
    /// their logs.</summary>
    public IReadOnlyCollection<string>? Contracts { get; init; }

    /// <summary>Only the events with these names (for example <c>UnitsIssued</c>, <c>Purchased</c>);
    /// <see langword="null"/> for all.</summary>
    public IReadOnlyCollection<string>? EventNames { get; init; }

    /// <summary>The first wait after a failed RPC call (node unreachable, rate limited, a lagging node); it doubles on
    /// each consecutive failure up to <see cref="MaxRetryDelay"/>. Failures are retried for as long as the watch runs:
    /// cancel it to stop. Default 500 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between retries. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many recently read blocks the watch remembers (number and hash) to find where the chain forked
    /// after a reorg deeper than <see cref="Confirmations"/>. Default 64.</summary>
    public int ReorgHistory { get; init; } = 64;
}
