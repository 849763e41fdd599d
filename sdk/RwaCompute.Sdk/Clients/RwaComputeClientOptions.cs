using RwaCompute.Sdk.Events;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Transport;

namespace RwaCompute.Sdk.Clients;

/// <summary>How a <see cref="RwaComputeClient"/> talks to the chain.</summary>
public sealed record RwaComputeClientOptions
{
    /// <summary>The JSON-RPC endpoint.</summary>
    public required Uri RpcUrl { get; init; }

    /// <summary>Timeout of one RPC request attempt (of the default transport; an <see cref="HttpClient"/> passed in keeps
    /// its own).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The application's HTTP client for the endpoint (API-key headers, a proxy, an <c>IHttpClientFactory</c>
    /// client); it stays the caller's. When <see langword="null"/> the SDK creates its default transport: pooled
    /// connections, idempotent reads retried per <see cref="Retry"/>, sends never retried.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Retries of idempotent reads by the default transport.</summary>
    public RpcRetryOptions Retry { get; init; } = new();

    /// <summary>Fees, gas head-room, receipt waiting and confirmations.</summary>
    public TransactionOptions Transactions { get; init; } = new();

    /// <summary>Event-query chunking.</summary>
    public EventQueryOptions Events { get; init; } = new();

    /// <summary>Whether flows raise the stablecoin allowance / token operator approval they need automatically.</summary>
    public bool AutoApprove { get; init; } = true;
}
