using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RwaCompute.Reporter.Configuration;

/// <summary>Registers the reporter's options with a service collection (for the Generic Host of <c>rwa reporter</c>).</summary>
public static class ReporterServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ReporterOptions"/> from <paramref name="configuration"/>'s <c>Reporter</c> section (file,
    /// environment <c>Reporter__DatabasePath</c>, command line) and validates them with
    /// <see cref="ReporterOptionsValidator"/> when the host starts, so a misconfigured node fails before it measures.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root.</param>
    /// <returns>The options builder, for further configuration.</returns>
    public static OptionsBuilder<ReporterOptions> AddReporterOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReporterOptions>, ReporterOptionsValidator>());
        return services.AddOptions<ReporterOptions>()
            .Bind(configuration.GetSection(ReporterOptions.SectionName))
            .ValidateOnStart();
    }
}
