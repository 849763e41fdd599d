using Nethereum.ABI.FunctionEncoding.Attributes;

namespace RwaCompute.Sdk.Events;

/// <summary>A decoded event of one of the suite's contracts.</summary>
/// <param name="Contract">The emitting contract's name (ComputeCapacityToken, ComputeEscrow, ComputeMarket, ComputeLending, ComputeCurtailment, UtilizationOracle).</param>
/// <param name="Name">The event's name (for example <c>UnitsIssued</c>).</param>
/// <param name="Address">The emitting contract's address.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="LogIndex">The log's index in its block.</param>
/// <param name="Event">The decoded generated event DTO (for example <c>UnitsIssuedEventDTO</c>).</param>
public sealed record SuiteEvent(string Contract, string Name, string Address, long BlockNumber, string TransactionHash, long LogIndex, IEventDTO Event)
{
    /// <summary>The event as its generated DTO type, or <see langword="null"/> when it is another event.</summary>
    /// <typeparam name="T">The DTO type.</typeparam>
    /// <returns>The DTO or <see langword="null"/>.</returns>
    public T? As<T>()
        where T : class, IEventDTO => Event as T;

    /// <summary>The hash of the block, when the node reported it with the log.</summary>
    public string? BlockHash { get; init; }

    /// <summary>The position just after this event: persist it and pass it back as
    /// <see cref="WatchOptions.ResumeAfter"/> to resume a watch after this event.</summary>
    public WatchCursor Cursor => new(BlockNumber, LogIndex, BlockHash);
}
