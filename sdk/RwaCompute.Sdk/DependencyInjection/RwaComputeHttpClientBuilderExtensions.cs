using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RwaCompute.Sdk.Transport;

namespace RwaCompute.Sdk.DependencyInjection;

/// <summary>Adds the SDK's JSON-RPC resilience to an <c>IHttpClientFactory</c> registration.</summary>
public static class RwaComputeHttpClientBuilderExtensions
{
    /// <summary>Retries idempotent JSON-RPC reads with back-off on 429/5xx/timeouts (Microsoft.Extensions.Http.Resilience,
    /// settings from <see cref="RwaComputeOptions.Retry"/> and <see cref="RwaComputeOptions.RequestTimeout"/>) and never
    /// retries a send. <c>AddRwaCompute</c> applies it to its own client; call it on a client you name in
    /// <see cref="RwaComputeOptions.HttpClientName"/>.</summary>
    /// <param name="builder">The HTTP client registration.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddRwaComputeResilience(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddHttpMessageHandler(() => new JsonRpcReadClassifier());
        builder.AddResilienceHandler("rwa-compute-rpc", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<RwaComputeOptions>>().Value;
            RpcResilience.Configure(pipeline, options.Retry, options.RequestTimeout);
        });
        return builder;
    }
}
