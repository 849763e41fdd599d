using RwaCompute.Devnet;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.IntegrationTests.Infrastructure;

/// <summary>A chain (any JSON-RPC URL) with the suite deployed on it, and clients for the devnet actors.</summary>
public sealed class SuiteChain
{
    private SuiteChain(string rpcUrl, DeploymentManifest manifest, string manifestDirectory)
    {
        RpcUrl = rpcUrl;
        Manifest = manifest;
        ManifestDirectory = manifestDirectory;
        Anvil = new AnvilRpc(rpcUrl);
    }

    public string RpcUrl { get; }

    public DeploymentManifest Manifest { get; }

    public string ManifestDirectory { get; }

    public AnvilRpc Anvil { get; }

    public static DevnetAccounts Accounts => DevnetAccounts.Standard;

    public static async Task<SuiteChain> DeployAsync(string rpcUrl, CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("rwa-sdk-it-").FullName;
        var manifest = await DevnetSuite.DeployAsync(rpcUrl, directory, cancellationToken: cancellationToken);
        return new SuiteChain(rpcUrl, manifest, directory);
    }

    public Task<RwaComputeClient> ConnectAsync(RwaSigner? signer, TransactionOptions? transactions = null, CancellationToken cancellationToken = default) =>
        RwaComputeClient.ConnectAsync(
            new RwaComputeClientOptions
            {
                RpcUrl = new Uri(RpcUrl),
                Transactions = transactions ?? new TransactionOptions { InitialPollInterval = TimeSpan.FromMilliseconds(5), MaxPollInterval = TimeSpan.FromMilliseconds(200), ReceiptTimeout = TimeSpan.FromSeconds(60) },
            },
            Manifest,
            signer,
            cancellationToken: cancellationToken);
}
