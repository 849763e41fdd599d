using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Transport;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.DependencyInjection;

/// <summary>
/// Settings bound from configuration (for example the <c>RwaCompute</c> section of appsettings.json) by
/// <see cref="RwaComputeServiceCollectionExtensions.AddRwaCompute(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>.
/// Secrets are never configured here directly: <see cref="Signer"/> names the environment variables, files or
/// keystore that hold them.
/// </summary>
/// <example>
/// <code>
/// "RwaCompute": {
///   "RpcUrl": "http://127.0.0.1:8545",
///   "ManifestPath": "deployments/31337.json",
///   "Signer": { "PrivateKeyEnvironmentVariable": "RWA_PRIVATE_KEY" },
///   "RequestTimeout": "00:00:15",
///   "Retry": { "MaxRetryAttempts": 5 },
///   "Transactions": { "Confirmations": 2, "ReceiptTimeout": "00:05:00" }
/// }
/// </code>
/// </example>
public sealed class RwaComputeOptions
{
    /// <summary>The configuration section name used by convention.</summary>
    public const string SectionName = "RwaCompute";

    /// <summary>The name of the HTTP client <c>AddRwaCompute</c> registers.</summary>
    public const string DefaultHttpClientName = "RwaCompute";

    /// <summary>The JSON-RPC endpoint.</summary>
    public string RpcUrl { get; set; } = "http://127.0.0.1:8545";

    /// <summary>The deployment manifest (deployments/&lt;chainId&gt;.json).</summary>
    public string ManifestPath { get; set; } = string.Empty;

    /// <summary>Where the signer's secret comes from; <see langword="null"/> for a read-only client.</summary>
    public SignerOptions? Signer { get; set; }

    /// <summary>Every transaction setting: confirmations, receipt timeout and polling, fees, gas head-room, nonce
    /// retries, the pending-transaction journal.</summary>
    public TransactionOptions Transactions { get; set; } = new();

    /// <summary>Timeout of one RPC request attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of idempotent reads by the transport (sends are never retried).</summary>
    public RpcRetryOptions Retry { get; set; } = new();

    /// <summary>The <c>IHttpClientFactory</c> client used for the endpoint. <c>AddRwaCompute</c> registers
    /// <see cref="DefaultHttpClientName"/> with the SDK's resilience handler; configure it further
    /// (<c>services.AddHttpClient("RwaCompute").ConfigureHttpClient(...)</c> for API-key headers, a proxy), or name your
    /// own registration here and add <c>.AddRwaComputeResilience()</c> to it.</summary>
    public string HttpClientName { get; set; } = DefaultHttpClientName;

    /// <summary>Whether flows approve the stablecoin / token operator they need automatically.</summary>
    public bool AutoApprove { get; set; } = true;
}
