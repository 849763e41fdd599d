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
public sealed partial class RwaComputeClientProvider : IDisposable
{
    private readonly IOptions<RwaComputeOptions> options;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private RwaComputeClient? client;

    /// <summary>Creates the provider (normally by dependency injection).</summary>
    /// <param name="options">The bound settings.</param>
    /// <param name="loggerFactory">Logging.</param>
    public RwaComputeClientProvider(IOptions<RwaComputeOptions> options, ILoggerFactory loggerFactory)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        logger = loggerFactory.CreateLogger<RwaComputeClientProvider>();
    }

    /// <summary>The connected client.</summary>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ManifestException">The manifest is missing or invalid.</exception>
    /// <exception cref="SignerException">The signer's source is missing or invalid.</exception>
    /// <exception cref="ChainIdMismatchException">The endpoint serves another chain.</exception>
    public async Task<RwaComputeClient> GetClientAsync(CancellationToken cancellationToken = default)
    {
        if (client is { } ready)
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

            var settings = options.Value;
            if (string.IsNullOrWhiteSpace(settings.ManifestPath))
            {
                throw new ManifestException(null, "RwaCompute:ManifestPath is not configured.");
            }

            if (!Uri.TryCreate(settings.RpcUrl, UriKind.Absolute, out var rpcUrl))
            {
                throw new InputValidationException(nameof(settings.RpcUrl), $"'{settings.RpcUrl}' is not an absolute URL.");
            }

            var manifest = await DeploymentManifest.LoadAsync(settings.ManifestPath, cancellationToken).ConfigureAwait(false);
            var signer = settings.Signer is null ? null : await SignerResolver.ResolveAsync(settings.Signer, cancellationToken).ConfigureAwait(false);
            var clientOptions = new RwaComputeClientOptions
            {
                RpcUrl = rpcUrl,
                RequestTimeout = TimeSpan.FromSeconds(settings.RequestTimeoutSeconds),
                AutoApprove = settings.AutoApprove,
                Transactions = new TransactionOptions
                {
                    Confirmations = settings.Confirmations,
                    ReceiptTimeout = TimeSpan.FromSeconds(settings.ReceiptTimeoutSeconds),
                },
            };
            client = await RwaComputeClient.ConnectAsync(clientOptions, manifest, signer, loggerFactory, cancellationToken).ConfigureAwait(false);
            var endpoint = rpcUrl.GetLeftPart(UriPartial.Authority);
            var account = signer?.Address ?? "read-only";
            LogConnected(logger, endpoint, manifest.ChainId, account);
            return client;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Endpoint} (chain {ChainId}) as {Account}.")]
    private static partial void LogConnected(ILogger logger, string endpoint, long chainId, string account);
}
