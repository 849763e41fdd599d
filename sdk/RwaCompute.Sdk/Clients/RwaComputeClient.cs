using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Events;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// The entry point of the SDK: one deployment of the suite on one chain, seen by one signer (or read-only).
/// </summary>
/// <example>
/// <code>
/// var manifest = await DeploymentManifest.LoadAsync("deployments/31337.json");
/// var signer = await SignerResolver.ResolveAsync(new SignerOptions { PrivateKeyEnvironmentVariable = "RWA_PRIVATE_KEY" });
/// var client = await RwaComputeClient.ConnectAsync(new RwaComputeClientOptions { RpcUrl = new Uri("http://127.0.0.1:8545") }, manifest, signer);
/// var lot = await client.Token.GetLotAsync(lotId);
/// await client.Market.PurchaseAsync(offerId, 10);
/// </code>
/// </example>
public sealed class RwaComputeClient : IRwaComputeClient, IDisposable
{
    private readonly bool ownsRpc;

    private readonly RwaComputeClientOptions options;
    private readonly NonceManager nonces;

    private RwaComputeClient(SuiteContext context, RwaComputeClientOptions options, NonceManager nonces, RwaSigner? signer, bool ownsRpc)
    {
        this.ownsRpc = ownsRpc;
        Context = context;
        this.options = options;
        this.nonces = nonces;
        Signer = signer;
        Stablecoin = new StablecoinClient(context);
        Token = new ComputeTokenClient(context, Stablecoin);
        Escrow = new EscrowClient(context, Token, Stablecoin);
        Market = new MarketClient(context, Token, Stablecoin);
        Lending = new LendingClient(context, Token, Stablecoin);
        Curtailment = new CurtailmentClient(context, Token);
        Oracle = new OracleClient(context);
        Governance = new GovernanceClient(context);
        Events = new SuiteEventQuery(context.Rpc, new Dictionary<string, string>
        {
            [ManifestContractNames.Token] = context.TokenAddress,
            [ManifestContractNames.Escrow] = context.EscrowAddress,
            [ManifestContractNames.Market] = context.MarketAddress,
            [ManifestContractNames.Lending] = context.LendingAddress,
            [ManifestContractNames.Curtailment] = context.CurtailmentAddress,
            [ManifestContractNames.Oracle] = context.OracleAddress,
        }, options.Events, context.LoggerFactory.CreateLogger<SuiteEventQuery>());
    }

    /// <summary>The chain id (checked against the endpoint at connect).</summary>
    public long ChainId => Context.ChainId;

    /// <summary>The deployment.</summary>
    public DeploymentManifest Manifest => Context.Manifest;

    /// <summary>The signer's address, or <see langword="null"/> for a read-only client.</summary>
    public string? Account => Signer?.Address;

    /// <summary>The compute-capacity token.</summary>
    public ComputeTokenClient Token { get; }

    /// <summary>The escrow.</summary>
    public EscrowClient Escrow { get; }

    /// <summary>The market: offers, Dutch auctions and the price index.</summary>
    public MarketClient Market { get; }

    /// <summary>The lending module: pledges, loan-to-value and the settlement-pause cure.</summary>
    public LendingClient Lending { get; }

    /// <summary>The curtailment module: interruptible lots, their curtailed hours and the holders' refunds.</summary>
    public CurtailmentClient Curtailment { get; }

    /// <summary>The utilization oracle.</summary>
    public OracleClient Oracle { get; }

    /// <summary>The settlement stablecoin.</summary>
    public StablecoinClient Stablecoin { get; }

    /// <summary>Governance: the default admin of the token, the oracle, the escrow, the market and the lending module, its two-step hand-over, and the
    /// optional <c>SuiteTimelock</c>.</summary>
    public GovernanceClient Governance { get; }

    /// <summary>Queries over the suite's events.</summary>
    public SuiteEventQuery Events { get; }

    /// <summary>The signer's transaction pipeline (for pipelining raw calls); throws for a read-only client.</summary>
    public TransactionSender Transactions => Context.RequireSender();

    /// <summary>The JSON-RPC gateway.</summary>
    public ChainRpc Rpc => Context.Rpc;

    internal SuiteContext Context { get; }

    private RwaSigner? Signer { get; }

    /// <summary>Connects: checks that the endpoint serves the manifest's chain and that the suite's contracts have
    /// code there.</summary>
    /// <param name="options">Endpoint and transaction settings.</param>
    /// <param name="manifest">The deployment.</param>
    /// <param name="signer">The signer, or <see langword="null"/> for a read-only client.</param>
    /// <param name="loggerFactory">Logging (nothing secret is logged).</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ChainIdMismatchException">The endpoint serves another chain.</exception>
    /// <exception cref="ManifestException">A contract of the manifest has no code on the chain.</exception>
    /// <exception cref="RpcUnavailableException">The endpoint does not answer.</exception>
    public static async Task<RwaComputeClient> ConnectAsync(RwaComputeClientOptions options, DeploymentManifest manifest, RwaSigner? signer = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(manifest);
        options.Transactions.Validate();
        options.Retry.Validate();
        var rpc = options.HttpClient is { } http ? ChainRpc.ForHttp(options.RpcUrl, http) : ChainRpc.ForHttp(options.RpcUrl, options.RequestTimeout, options.Retry);
        try
        {
            return await ConnectAsync(rpc, options, manifest, signer, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            rpc.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    IComputeTokenClient IRwaComputeClient.Token => Token;

    /// <inheritdoc/>
    IEscrowClient IRwaComputeClient.Escrow => Escrow;

    /// <inheritdoc/>
    IMarketClient IRwaComputeClient.Market => Market;

    /// <inheritdoc/>
    ILendingClient IRwaComputeClient.Lending => Lending;

    /// <inheritdoc/>
    ICurtailmentClient IRwaComputeClient.Curtailment => Curtailment;

    /// <inheritdoc/>
    IOracleClient IRwaComputeClient.Oracle => Oracle;

    /// <inheritdoc/>
    IStablecoinClient IRwaComputeClient.Stablecoin => Stablecoin;

    /// <inheritdoc/>
    IGovernanceClient IRwaComputeClient.Governance => Governance;

    /// <summary>The latest block's timestamp. Expiries, maturities and SLA windows are judged by the chain's clock, not
    /// the local one (a devnet may be days ahead after <c>evm_increaseTime</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The chain time.</returns>
    public Task<DateTimeOffset> GetChainTimeAsync(CancellationToken cancellationToken = default) => Context.ChainTimeAsync(cancellationToken);

    /// <summary>Releases the transport the client created (an <see cref="RwaComputeClientOptions.HttpClient"/> passed in
    /// stays the caller's). Clients made by <see cref="WithSigner"/> share it and release nothing.</summary>
    /// <returns>A task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Releases the transport the client created (see <see cref="DisposeAsync"/>).</summary>
    public void Dispose()
    {
        if (ownsRpc)
        {
            Context.Rpc.Dispose();
        }
    }

    private static async Task<RwaComputeClient> ConnectAsync(ChainRpc rpc, RwaComputeClientOptions options, DeploymentManifest manifest, RwaSigner? signer, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var actual = await rpc.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (actual != manifest.ChainId)
        {
            throw new ChainIdMismatchException(manifest.ChainId, actual);
        }

        var contracts = new List<(string Name, string Address)> { (ManifestContractNames.Token, manifest.TokenAddress), (ManifestContractNames.Escrow, manifest.EscrowAddress), (ManifestContractNames.Market, manifest.MarketAddress), (ManifestContractNames.Lending, manifest.LendingAddress), (ManifestContractNames.Curtailment, manifest.CurtailmentAddress), (ManifestContractNames.Oracle, manifest.OracleAddress), (ManifestContractNames.Stablecoin, manifest.StablecoinAddress) };
        if (manifest.TimelockAddress is { } timelock)
        {
            contracts.Add((ManifestContractNames.Timelock, timelock));
        }

        foreach (var (name, address) in contracts)
        {
            var code = await rpc.GetCodeAsync(address, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(code) || code == "0x")
            {
                throw new ManifestException(null, $"{name} at {address} has no code on chain {actual}: the manifest does not belong to this chain (or the chain was reset).");
            }
        }

        var nonces = new NonceManager((address, ct) => rpc.PendingNonceAsync(address, ct));
        return Create(rpc, options, manifest, signer, nonces, loggerFactory ?? NullLoggerFactory.Instance, ownsRpc: options.HttpClient is null);
    }

    /// <summary>The same deployment and connection seen by another signer (sharing the nonce manager, so several
    /// clients of one process never collide on an account's nonces).</summary>
    /// <param name="signer">The other signer.</param>
    /// <returns>The client.</returns>
    public RwaComputeClient WithSigner(RwaSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return Create(Context.Rpc, options, Context.Manifest, signer, nonces, Context.LoggerFactory, ownsRpc: false);
    }

    private static RwaComputeClient Create(ChainRpc rpc, RwaComputeClientOptions options, DeploymentManifest manifest, RwaSigner? signer, NonceManager nonces, ILoggerFactory loggerFactory, bool ownsRpc)
    {
        TransactionSender? sender = null;
        if (signer is not null)
        {
            var fees = new FeeEstimator(rpc, options.Transactions);
            var waiter = new ReceiptWaiter(rpc, options.Transactions, loggerFactory.CreateLogger<ReceiptWaiter>(), nonces);
            sender = new TransactionSender(rpc, signer, manifest.ChainId, nonces, fees, waiter, options.Transactions, SuiteErrorDecoder.Instance, loggerFactory.CreateLogger<TransactionSender>());
        }

        var context = new SuiteContext(rpc, manifest, sender, options.Transactions, options.AutoApprove, loggerFactory);
        return new RwaComputeClient(context, options, nonces, signer, ownsRpc);
    }
}
