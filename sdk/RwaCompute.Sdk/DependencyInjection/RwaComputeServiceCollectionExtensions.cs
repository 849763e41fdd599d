using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RwaCompute.Sdk.DependencyInjection;

/// <summary>Registers the SDK with Microsoft.Extensions.DependencyInjection.</summary>
public static class RwaComputeServiceCollectionExtensions
{
    /// <summary>Registers <see cref="RwaComputeClientProvider"/> with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The services.</returns>
    /// <example>
    /// <code>
    /// services.AddLogging().AddRwaCompute(o => { o.RpcUrl = "http://127.0.0.1:8545"; o.ManifestPath = "deployments/31337.json"; });
    /// var client = await provider.GetRequiredService&lt;RwaComputeClientProvider&gt;().GetClientAsync();
    /// </code>
    /// </example>
    public static IServiceCollection AddRwaCompute(this IServiceCollection services, Action<RwaComputeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RwaComputeOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>Registers <see cref="RwaComputeClientProvider"/> with options bound from configuration: the given
    /// section, or its <c>RwaCompute</c> child when it has one (so passing the root configuration works too).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section (or the root holding a <c>RwaCompute</c> section).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRwaCompute(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(RwaComputeOptions.SectionName);
        services.AddOptions<RwaComputeOptions>().Bind(section.Exists() ? section : configuration);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        // Bad configuration fails the host's start, naming each setting, not the first transaction.
        services.AddOptions<RwaComputeOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RwaComputeOptions>, RwaComputeOptionsValidator>());
        services.AddHttpClient(RwaComputeOptions.DefaultHttpClientName).AddRwaComputeResilience();
        services.TryAddSingleton<RwaComputeClientProvider>();
        return services;
    }
}
