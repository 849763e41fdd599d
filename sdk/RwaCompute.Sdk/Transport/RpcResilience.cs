using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace RwaCompute.Sdk.Transport;

/// <summary>The resilience pipeline of the JSON-RPC transport (Microsoft.Extensions.Http.Resilience): a timeout per
/// attempt, and retries with exponential back-off and jitter after transient failures (429, 5xx, 408, timeouts,
/// connection errors) — for requests <see cref="JsonRpcReadClassifier"/> marked as reads only.</summary>
internal static class RpcResilience
{
    /// <summary>Adds the strategies to a pipeline builder (the default client's, or an <c>IHttpClientFactory</c>
    /// registration's <c>AddResilienceHandler</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="retry">Retries and back-off.</param>
    /// <param name="attemptTimeout">The timeout of one attempt.</param>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, RpcRetryOptions retry, TimeSpan attemptTimeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(retry);
        retry.Validate();
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(IsRead(args.Context) && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            });
        }

        builder.AddTimeout(attemptTimeout);
    }

    private static bool IsRead(ResilienceContext context) =>
        context.GetRequestMessage() is { } request
        && request.Options.TryGetValue(JsonRpcReadClassifier.ReadOnlyKey, out var readOnly)
        && readOnly;
}
