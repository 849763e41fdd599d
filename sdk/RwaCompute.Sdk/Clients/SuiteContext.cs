using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Contracts;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeCurtailment;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Contracts.UtilizationOracle;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Clients;

/// <summary>What the operation clients share: the chain, the deployment, the read-only contract services and (when
/// the client has a signer) the transaction pipeline.</summary>
internal sealed class SuiteContext
{
    public SuiteContext(ChainRpc rpc, DeploymentManifest manifest, TransactionSender? sender, TransactionOptions transactionOptions, bool autoApprove, ILoggerFactory loggerFactory)
    {
        Rpc = rpc;
        Manifest = manifest;
        Sender = sender;
        TransactionOptions = transactionOptions;
        AutoApprove = autoApprove;
        LoggerFactory = loggerFactory;
        Web3 = new Web3(rpc.Client);
        TokenAddress = manifest.TokenAddress;
        EscrowAddress = manifest.EscrowAddress;
        MarketAddress = manifest.MarketAddress;
        LendingAddress = manifest.LendingAddress;
        CurtailmentAddress = manifest.CurtailmentAddress;
        OracleAddress = manifest.OracleAddress;
        StablecoinAddress = manifest.StablecoinAddress;
        TimelockAddress = manifest.TimelockAddress;
        Token = new ComputeCapacityTokenService(Web3, TokenAddress);
        Escrow = new ComputeEscrowService(Web3, EscrowAddress);
        Market = new ComputeMarketService(Web3, MarketAddress);
        Lending = new ComputeLendingService(Web3, LendingAddress);
        Curtailment = new ComputeCurtailmentService(Web3, CurtailmentAddress);
        Oracle = new UtilizationOracleService(Web3, OracleAddress);
    }

    public ChainRpc Rpc { get; }

    public DeploymentManifest Manifest { get; }

    public long ChainId => Manifest.ChainId;

    public TransactionSender? Sender { get; }

    public TransactionOptions TransactionOptions { get; }

    public bool AutoApprove { get; }

    public ILoggerFactory LoggerFactory { get; }

    public Web3 Web3 { get; }

    public string TokenAddress { get; }

    public string EscrowAddress { get; }

    public string MarketAddress { get; }

    public string LendingAddress { get; }

    public string CurtailmentAddress { get; }

    public string OracleAddress { get; }

    public string StablecoinAddress { get; }

    /// <summary>The manifest's <c>SuiteTimelock</c>, if any.</summary>
    public string? TimelockAddress { get; }

    public ComputeCapacityTokenService Token { get; }

    public ComputeEscrowService Escrow { get; }

    public ComputeMarketService Market { get; }

    public ComputeLendingService Lending { get; }

    public ComputeCurtailmentService Curtailment { get; }

    public UtilizationOracleService Oracle { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<BigInteger, string> lotCurrencies = new();

    /// <summary>A lot's settlement currency as the escrow recorded it at issue (cached: it never changes).</summary>
    /// <exception cref="LotNotFoundException">The escrow knows no such lot.</exception>
    public async Task<string> LotCurrencyAsync(BigInteger lotId, CancellationToken cancellationToken)
    {
        if (lotCurrencies.TryGetValue(lotId, out var cached))
        {
            return cached;
        }

        var currency = await ReadAsync(ct => Escrow.CurrencyOfQueryAsync(lotId, null, ct), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(currency) || currency.All(c => c is '0' or 'x'))
        {
            throw new LotNotFoundException(lotId);
        }

        var checksummed = new Nethereum.Util.AddressUtil().ConvertToChecksumAddress(currency);
        lotCurrencies[lotId] = checksummed;
        return checksummed;
    }

    /// <summary>The signer's address; throws for a read-only client.</summary>
    public string Account => RequireSender().From;

    public TransactionSender RequireSender() =>
        Sender ?? throw new SignerException("This client is read-only: connect with a signer to send transactions.");

    /// <summary>Sends and waits, returning the receipt (reverts typed by <see cref="SuiteErrorDecoder"/>).</summary>
    public Task<TransactionReceipt> SendAsync(TransactionCall call, CancellationToken cancellationToken) =>
        RequireSender().SendAndWaitAsync(call, cancellationToken);

    /// <summary>The latest block's timestamp: preflight compares expiries with chain time, not the local clock.</summary>
    public async Task<DateTimeOffset> ChainTimeAsync(CancellationToken cancellationToken)
    {
        var block = await Rpc.GetBlockAsync(BlockParameter.CreateLatest(), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The node returned no latest block.");
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }

    /// <summary>Runs a read through a generated service, translating any revert with the suite's decoder.</summary>
    public async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> query, CancellationToken cancellationToken)
    {
        try
        {
            return await query(cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException)
        {
            throw;
        }
        catch (Exception ex) when (SuiteErrorDecoder.Instance.TryTranslate(ex, out var revert))
        {
            throw revert;
        }
        catch (Exception ex) when (ex is HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException or Nethereum.JsonRpc.Client.RpcClientTimeoutException)
        {
            throw new RpcUnavailableException(Rpc.Endpoint, "eth_call", ex);
        }
    }

    public static DateTimeOffset Time(ulong unixSeconds) =>
        unixSeconds >= (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds((long)unixSeconds);

    public static ulong Unix(DateTimeOffset time, string parameterName)
    {
        var seconds = time.ToUnixTimeSeconds();
        if (seconds < 0 || seconds > (long)((1UL << 40) - 1))
        {
            throw new AmountOutOfRangeException(parameterName, seconds, BigInteger.Zero, (BigInteger.One << 40) - 1, "uint40 (unix seconds)");
        }

        return (ulong)seconds;
    }
}
