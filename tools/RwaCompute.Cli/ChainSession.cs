using Nethereum.Web3;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Signing;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Cli;

/// <summary>
/// A command's connection to a deployed suite: the node's chain id, the manifest for it (checked: same chain id, every
/// listed contract's code hash and CREATE2 derivation as recorded), the signer, and the SDK client.
/// </summary>
internal sealed class ChainSession
{
    private ChainSession(RwaComputeClient client, string manifestPath, Uri rpcUrl, RwaSigner? signer)
    {
        Client = client;
        ManifestPath = manifestPath;
        RpcUrl = rpcUrl;
        Signer = signer;
        Currencies = new CurrencyBook(client);
    }

    public RwaComputeClient Client { get; }

    public DeploymentManifest Manifest => Client.Manifest;

    public string ManifestPath { get; }

    public Uri RpcUrl { get; }

    public RwaSigner? Signer { get; }

    /// <summary>The settlement currencies of this run's lots, with their decimals and symbols.</summary>
    public CurrencyBook Currencies { get; }

    public long ChainId => Client.ChainId;

    /// <summary>The signer's address (commands that send always have one).</summary>
    public string Account => Signer?.Address ?? throw new SignerException("This command needs a signer.");

    /// <summary>Transaction settings for a CLI run: quick receipt polling (local chains answer in milliseconds).</summary>
    public static TransactionOptions Transactions { get; } = new()
    {
        InitialPollInterval = TimeSpan.FromMilliseconds(5),
        MaxPollInterval = TimeSpan.FromSeconds(1),
    };

    /// <summary>Connects.</summary>
    /// <param name="invocation">The command's invocation.</param>
    /// <param name="signer">The signer options, or <see langword="null"/> for a read-only command.</param>
    /// <returns>The session.</returns>
    /// <exception cref="ChainIdMismatchException">The manifest is for another chain.</exception>
    /// <exception cref="ManifestException">The manifest is missing or malformed.</exception>
    /// <exception cref="DeploymentException">The chain's code differs from the manifest.</exception>
    public static async Task<ChainSession> OpenAsync(Invocation invocation, SignerArguments? signer)
    {
        var cancellationToken = invocation.CancellationToken;
        var rpcUrl = invocation.RpcUrl;
        var rpc = ChainRpc.ForHttp(rpcUrl, TimeSpan.FromSeconds(30));
        var chainId = await rpc.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        var path = invocation.ManifestPath(chainId);
        if (!File.Exists(path))
        {
            throw new ManifestException(path, $"not found; deploy first (rwa deploy --rpc {rpcUrl}) or point --manifest / --deployments at it.");
        }

        var manifest = await DeploymentManifest.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        if (manifest.ChainId != chainId)
        {
            throw new ChainIdMismatchException(manifest.ChainId, chainId);
        }

        if (!manifest.IsComplete)
        {
            throw new ManifestException(path, "lists an unfinished deployment; re-run rwa deploy to complete it.");
        }

        // The chain is the source of truth: refuse a manifest whose addresses or code hashes do not match it.
        manifest = await new SuiteDeployer(new Web3(rpcUrl.ToString()), Path.GetDirectoryName(path)!, new ConsoleWarningLogger<SuiteDeployer>(invocation.Console)).VerifyAsync(manifest, cancellationToken).ConfigureAwait(false);

        var resolved = signer is null ? null : await signer.ResolveAsync(invocation.Parse, chainId, cancellationToken).ConfigureAwait(false);
        var transactions = Transactions;
        if (resolved is not null)
        {
            // Every transaction is recorded before its broadcast: a re-run of this command after an ambiguous failure
            // resolves the earlier attempt rather than sending a second one (docs/CLI.md, "Exactly once").
            invocation.Journal = new FileTransactionJournal(FileTransactionJournal.PathFor(Path.GetDirectoryName(path)!, chainId), invocation.OperationKey);
            invocation.Sent = new RecordingTransactionJournal(invocation.Journal);
            transactions = transactions with { Journal = invocation.Sent };
        }

        var client = await RwaComputeClient.ConnectAsync(
            new RwaComputeClientOptions { RpcUrl = rpcUrl, Transactions = transactions },
            manifest,
            resolved,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ChainSession(client, path, rpcUrl, resolved);
    }

    /// <summary>Every transaction this run mined (approvals and actions, in order), with its receipt's block and gas:
    /// what <c>--json</c> lists as <c>transactions</c>.</summary>
    /// <param name="invocation">The invocation whose <see cref="Invocation.Sent"/> recorded them.</param>
    /// <param name="cancellationToken">Cancels the receipt look-ups.</param>
    /// <returns>The transactions.</returns>
    public async Task<IReadOnlyList<TransactionView>> SentTransactionsAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var views = new List<TransactionView>();
        foreach (var (hash, description) in invocation.Sent?.Mined ?? [])
        {
            var receipt = await Client.Rpc.GetReceiptAsync(hash, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The node has no receipt for {hash}, which this command saw mined.");
            views.Add(ViewFactory.Transaction(description, TransactionResult.From(receipt)));
        }

        return views;
    }

    /// <summary>The latest block's time (expiries are relative to chain time, not the local clock).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The time.</returns>
    public async Task<DateTimeOffset> ChainTimeAsync(CancellationToken cancellationToken)
    {
        var block = await Client.Rpc.GetBlockAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest(), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The node returned no latest block.");
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }
}
