using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.DependencyInjection;

/// <summary>
/// Connects the configured <see cref="RwaComputeClient"/> on first use and hands out the same instance afterwards
/// (connecting is asynchronous: it checks the chain id and the contracts, which a constructor cannot). A failed
/// connection is not cached, so the next call retries.
/// </summary>
public sealed partial class RwaComputeClientProvider : IDisposable, IAsyncDisposable
{
    private readonly IOptions<RwaComputeOptions> options;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly IHttpClientFactory? httpClientFactory;
    private RwaComputeClient? client;

    /// <summary>Creates the provider (normally by dependency injection).</summary>
    /// <param name="options">The bound settings.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="httpClientFactory">Creates the <see cref="RwaComputeOptions.HttpClientName"/> client (registered by
    /// <c>AddRwaCompute</c>); without it the SDK's default transport is used.</param>
    /// <remarks>Without a registered <see cref="ILoggerFactory"/> (no <c>AddLogging</c>) nothing is logged.</remarks>
    public RwaComputeClientProvider(IOptions<RwaComputeOptions> options, ILoggerFactory? loggerFactory = null, IHttpClientFactory? httpClientFactory = null)
    {
        this.httpClientFactory = httpClientFactory;
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.loggerFactory = loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        logger = this.loggerFactory.CreateLogger<RwaComputeClientProvider>();
    }

    /// <summary>The connected client.</summary>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ManifestException">The manifest is missing or invalid.</exception>
    /// <exception cref="SignerException">The signer's source is missing or invalid.</exception>
    /// <exception cref="ChainIdMismatchException">The endpoint serves another chain.</exception>
    public async Task<RwaComputeClient> GetClientAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref client) is { } ready)
        {
            return ready;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (client is { } again)
            {
                return again;
            }

            RwaComputeOptions settings;
            try
            {
                settings = options.Value;
            }
            catch (OptionsValidationException ex)
            {
                throw new RwaComputeConfigurationException([.. ex.Failures], ex);
            }

            var failures = new RwaComputeOptionsValidator().Validate(null, settings);
            if (failures.Failed)
            {
                throw new RwaComputeConfigurationException([.. failures.Failures ?? []]);
            }

            var rpcUrl = new Uri(settings.RpcUrl);
            var manifest = await DeploymentManifest.LoadAsync(settings.ManifestPath, cancellationToken).ConfigureAwait(false);
            var signer = settings.Signer is null ? null : await SignerResolver.ResolveAsync(settings.Signer, cancellationToken).ConfigureAwait(false);
            var clientOptions = new RwaComputeClientOptions
            {
                RpcUrl = rpcUrl,
                RequestTimeout = settings.RequestTimeout,
                Retry = settings.Retry,
                HttpClient = httpClientFactory?.CreateClient(settings.HttpClientName),
                AutoApprove = settings.AutoApprove,
                Transactions = settings.Transactions,
            };
            var connected = await RwaComputeClient.ConnectAsync(clientOptions, manifest, signer, loggerFactory, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref client, connected);
            var endpoint = ChainRpc.Redact(rpcUrl);
            var account = signer?.Address ?? "read-only";
            LogConnected(logger, endpoint, manifest.ChainId, account);
            return connected;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Interlocked.Exchange(ref client, null)?.Dispose();
        gate.Dispose();
    }

    /// <summary>Disposes the connected client (releasing the transport it created).</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref client, null) is { } connected)
        {
            await connected.DisposeAsync().ConfigureAwait(false);
        }

        gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Endpoint} (chain {ChainId}) as {Account}.")]
    private static partial void LogConnected(ILogger logger, string endpoint, long chainId, string account);
}
