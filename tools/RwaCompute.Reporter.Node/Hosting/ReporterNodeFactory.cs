using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RwaCompute.Reporter.Configuration;
using RwaCompute.Reporter.Node.Measurement;
using RwaCompute.Reporter.Node.Options;
using RwaCompute.Reporter.Safety;
using RwaCompute.Reporter.Telemetry;
using RwaCompute.Reporter.Telemetry.Processes;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Reporter.Node.Hosting;

/// <summary>Builds a measuring reporter node from a config file (sections <c>Reporter</c>: telemetry, pools, epochs,
/// database; <c>Node</c>: chain, peers, rounds, key source) and the environment (<c>RWA_REPORTER__…</c>,
/// <c>RWA_NODE__…</c>).</summary>
public static class ReporterNodeFactory
{
    /// <summary>Reads, validates and builds everything; the node is not started.</summary>
    /// <param name="configPath">The JSON config file.</param>
    /// <param name="configureLogging">Logging providers.</param>
    /// <param name="cancellationToken">Cancels building.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">The configuration is invalid (every problem listed).</exception>
    public static async Task<WebApplication> BuildFromFileAsync(string configPath, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.GetFullPath(configPath), optional: false)
            .AddEnvironmentVariables("RWA_")
            .Build();
        var reporter = new ReporterOptions();
        configuration.GetSection(ReporterOptions.SectionName).Bind(reporter);
        var validation = new ReporterOptionsValidator().Validate(null, reporter);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(configPath));
        }

        var node = new ReporterNodeOptions();
        configuration.GetSection(ReporterNodeOptions.Section).Bind(node);
        ReporterNodeHost.Validate(node);
        var signer = await SignerResolver.ResolveAsync(
            new SignerOptions
            {
                KeystorePath = node.Key.KeystorePath,
                KeystorePasswordEnvironmentVariable = node.Key.PasswordEnvironmentVariable,
                PrivateKeyEnvironmentVariable = node.Key.PrivateKeyEnvironmentVariable,
                MnemonicEnvironmentVariable = node.Key.MnemonicEnvironmentVariable,
                AccountIndex = node.Key.AccountIndex,
            },
            cancellationToken).ConfigureAwait(false);

        TimeProvider time = TimeProvider.System;
        if (node.FollowChainClock)
        {
            var block = await new Nethereum.Web3.Web3(node.RpcUrl!.ToString()).Eth.Blocks.GetBlockWithTransactionsHashesByNumber
                .SendRequestAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest()).WaitAsync(cancellationToken).ConfigureAwait(false);
            time = new ChainClock(DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value) - DateTimeOffset.UtcNow);
        }

        var store = await SafetyStore.OpenAsync(reporter.DatabasePath, time, cancellationToken).ConfigureAwait(false);
        var buffer = new SampleBuffer((reporter.Epochs.Length * 4) + reporter.Staleness, time);
#pragma warning disable CA2000 // The HttpClient lives as long as the telemetry source, i.e. the process.
        var telemetry = TelemetrySourceFactory.Create(reporter, new HttpClient(), new SystemProcessRunner(), time);
#pragma warning restore CA2000
        return await BuildAsync(node, signer, reporter, telemetry, buffer, store, configureLogging, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds a measuring node from parts (tests use a replay source and their own files).</summary>
    /// <param name="node">The node's options.</param>
    /// <param name="signer">The reporter's key.</param>
    /// <param name="reporter">The measurement options.</param>
    /// <param name="telemetry">The telemetry source.</param>
    /// <param name="buffer">The sample buffer.</param>
    /// <param name="store">The safety store.</param>
    /// <param name="configureLogging">Logging providers.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels building.</param>
    /// <returns>The node.</returns>
    public static Task<WebApplication> BuildAsync(
        ReporterNodeOptions node,
        RwaSigner signer,
        ReporterOptions reporter,
        ITelemetrySource telemetry,
        SampleBuffer buffer,
        SafetyStore store,
        Action<ILoggingBuilder>? configureLogging,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        var source = new TelemetryObservationSource(reporter, buffer, store, time);
        return ReporterNodeHost.BuildAsync(
            node,
            signer,
            source,
            new SafetyStoreSignGuard(store),
            new ScheduleEpochClock(reporter.Epochs.ToSchedule()),
            configureLogging,
            time,
            services => services.AddHostedService(sp => new TelemetryPump(telemetry, buffer, sp.GetRequiredService<ILogger<TelemetryPump>>())),
            cancellationToken);
    }
}
