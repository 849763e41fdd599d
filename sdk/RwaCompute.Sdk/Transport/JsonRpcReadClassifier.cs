namespace RwaCompute.Sdk.Transport;

/// <summary>
/// Marks each outgoing JSON-RPC request as a pure read (every method in it is idempotent) or not, by reading its
/// buffered JSON body, so the resilience pipeline behind it (<see cref="RpcResilience"/>) retries reads only and passes
/// a send (<c>eth_sendRawTransaction</c>) through exactly once.
/// </summary>
internal sealed class JsonRpcReadClassifier : DelegatingHandler
{
    /// <summary>The request option holding the classification.</summary>
    public static HttpRequestOptionsKey<bool> ReadOnlyKey { get; } = new("RwaCompute.JsonRpc.ReadOnly");

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        request.Options.Set(ReadOnlyKey, JsonRpcMethods.OnlyReads(body));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
