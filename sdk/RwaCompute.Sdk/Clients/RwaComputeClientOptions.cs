using RwaCompute.Sdk.Events;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Clients;

/// <summary>How a <see cref="RwaComputeClient"/> talks to the chain.</summary>
public sealed record RwaComputeClientOptions
{
    /// <summary>The JSON-RPC endpoint.</summary>
    public required Uri RpcUrl { get; init; }

    /// <summary>Timeout of one RPC request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fees, gas head-room, receipt waiting and confirmations.</summary>
    public TransactionOptions Transactions { get; init; } = new();

    /// <summary>Event-query chunking.</summary>
    public EventQueryOptions Events { get; init; } = new();

    /// <summary>Whether flows raise the stablecoin allowance / token operator approval they need automatically.</summary>
    public bool AutoApprove { get; init; } = true;
}
