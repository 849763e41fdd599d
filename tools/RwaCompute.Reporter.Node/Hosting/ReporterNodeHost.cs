using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RwaCompute.Reporter.Node.Http;
using RwaCompute.Reporter.Node.Options;
using RwaCompute.Reporter.Node.Rounds;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Reporter.Node.Hosting;

/// <summary>Builds the reporter node: a Generic Host (ASP.NET Core) with the round coordinator as a hosted service,
/// the peer API, <c>/health</c> and <c>/metrics</c>, listening only on <see cref="ReporterNodeOptions.Listen"/>.</summary>
public static class ReporterNodeHost
{
    /// <summary>Connects to the chain and builds the node (not started).</summary>
    /// <param name="options">The node's options (validated here).</param>
    /// <param name="signer">This reporter's key (from a keystore, a file or the environment; never logged).</param>
    /// <param name="source">The pools and this node's observations.</param>
    /// <param name="guard">The anti-double-sign store.</param>
    /// <param name="clock">The epoch schedule.</param>
    /// <param name="configureLogging">Adds logging providers (console by default in the CLI).</param>
    /// <param name="time">The clock (tests); the system clock by default.</param>
    /// <param name="configureServices">Adds services (the telemetry pump of a measuring node).</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static async Task<WebApplication> BuildAsync(
        ReporterNodeOptions options,
        RwaSigner signer,
        IObservationSource source,
        ISignGuard guard,
        IEpochClock clock,
        Action<ILoggingBuilder>? configureLogging = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signer);
        Validate(options);
        var manifest = await DeploymentManifest.LoadAsync(options.ManifestPath, cancellationToken).ConfigureAwait(false);
        var client = await RwaComputeClient.ConnectAsync(new RwaComputeClientOptions { RpcUrl = options.RpcUrl! }, manifest, signer, cancellationToken: cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Listen!.GetLeftPart(UriPartial.Authority));
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, NodeJsonContext.Default));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Tolerance);
        builder.Services.AddSingleton(signer);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton(source);
        builder.Services.AddSingleton(guard);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        var metrics = new NodeMetrics();
        builder.Services.AddSingleton(metrics);
        builder.Services.AddHttpClient<PeerClient>();
        builder.Services.AddSingleton<IReportSubmitter, ChainReportSubmitter>();
        builder.Services.AddSingleton<RoundLeader>();
        builder.Services.AddSingleton<ProposalReviewer>();
        builder.Services.AddSingleton<RoundCoordinator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RoundCoordinator>());
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapReporterNode(metrics);
        return app;
    }

    /// <summary>Checks the options: a listen address, an RPC URL, a manifest, positive timeouts, peers with URLs.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">Something is missing or out of range.</exception>
    public static void Validate(ReporterNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.RpcUrl is not { IsAbsoluteUri: true } rpc || (rpc.Scheme != Uri.UriSchemeHttp && rpc.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("Node:RpcUrl must be an http(s) URL");
        }

        if (string.IsNullOrWhiteSpace(options.ManifestPath))
        {
            problems.Add("Node:ManifestPath is required");
        }

        if (options.Listen is not { IsAbsoluteUri: true } listen || listen.Scheme != Uri.UriSchemeHttp)
        {
            problems.Add("Node:Listen must be an http URL, e.g. http://127.0.0.1:7401");
        }

        if (options.RoundTimeout <= TimeSpan.Zero || options.PollInterval <= TimeSpan.Zero || options.PeerTimeout <= TimeSpan.Zero)
        {
            problems.Add("Node:RoundTimeout, PollInterval and PeerTimeout must be positive");
        }

        problems.AddRange(options.Peers.Where(p => p.Url is not { IsAbsoluteUri: true } || string.IsNullOrWhiteSpace(p.Address)).Select((_, i) => $"Node:Peers[{i}] needs an Address and an absolute Url"));
        if (options.Tolerance.UtilizationBps < 0 || options.Tolerance.UptimeBps < 0 || options.Tolerance.CounterBps < 0)
        {
            problems.Add("Node:Tolerance values must not be negative");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }
    }
}
