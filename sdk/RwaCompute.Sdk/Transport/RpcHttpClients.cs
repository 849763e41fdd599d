using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace RwaCompute.Sdk.Transport;

/// <summary>Builds the SDK's default JSON-RPC <see cref="HttpClient"/>: pooled sockets, reads retried, sends never
/// (<see cref="JsonRpcReadClassifier"/> + <see cref="RpcResilience"/>).</summary>
internal static class RpcHttpClients
{
    /// <summary>Creates the default client.</summary>
    /// <param name="requestTimeout">The timeout of one attempt.</param>
    /// <param name="retry">Retries of idempotent reads.</param>
    /// <returns>The client (owned by the caller).</returns>
    public static HttpClient CreateDefault(TimeSpan requestTimeout, RpcRetryOptions retry) =>
#pragma warning disable CA2000 // The handler belongs to the HttpClient, which the caller owns.
        Create(requestTimeout, retry, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 64 });
#pragma warning restore CA2000

    /// <summary>Creates a client over a given primary handler (tests pass a scripted one).</summary>
    /// <param name="requestTimeout">The timeout of one attempt.</param>
    /// <param name="retry">Retries of idempotent reads.</param>
    /// <param name="primary">The transport.</param>
    /// <returns>The client.</returns>
    internal static HttpClient Create(TimeSpan requestTimeout, RpcRetryOptions retry, HttpMessageHandler primary)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        RpcResilience.Configure(builder, retry, requestTimeout);
#pragma warning disable CA2000 // The handlers belong to the HttpClient, which the caller owns.
        var handler = new JsonRpcReadClassifier { InnerHandler = new ResilienceHandler(builder.Build()) { InnerHandler = primary } };
#pragma warning restore CA2000

        // Each attempt has its own timeout inside the pipeline; the client's bounds the retries and back-off too.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
