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
///   "Confirmations": 1
/// }
/// </code>
/// </example>
public sealed class RwaComputeOptions
{
    /// <summary>The configuration section name used by convention.</summary>
    public const string SectionName = "RwaCompute";

    /// <summary>The JSON-RPC endpoint.</summary>
    public string RpcUrl { get; set; } = "http://127.0.0.1:8545";

    /// <summary>The deployment manifest (deployments/&lt;chainId&gt;.json).</summary>
    public string ManifestPath { get; set; } = string.Empty;

    /// <summary>Where the signer's secret comes from; <see langword="null"/> for a read-only client.</summary>
    public SignerOptions? Signer { get; set; }

    /// <summary>Blocks on top of a transaction's block before it counts.</summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>Receipt timeout in seconds.</summary>
    public double ReceiptTimeoutSeconds { get; set; } = 120;

    /// <summary>Timeout of one RPC request in seconds.</summary>
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Whether flows approve the stablecoin / token operator they need automatically.</summary>
    public bool AutoApprove { get; set; } = true;
}
