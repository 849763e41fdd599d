using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Events;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Clients;

/// <summary>The suite as an application sees it (implemented by <see cref="RwaComputeClient"/>): the contracts'
/// clients (each behind its own interface: <see cref="IComputeTokenClient"/>, <see cref="IEscrowClient"/>, <see cref="IMarketClient"/>,
/// <see cref="ILendingClient"/>, <see cref="IOracleClient"/>, <see cref="IStablecoinClient"/>, <see cref="IGovernanceClient"/>), events, the
/// transaction pipeline and the chain. Depend on these interfaces to substitute test doubles.</summary>
public interface IRwaComputeClient : IAsyncDisposable
{
    /// <summary>The chain id (checked against the node on connect).</summary>
    long ChainId { get; }

    /// <summary>The deployment manifest.</summary>
    DeploymentManifest Manifest { get; }

    /// <summary>The signer's address, or <see langword="null"/> for a read-only client.</summary>
    string? Account { get; }

    /// <summary>The compute-capacity token.</summary>
    IComputeTokenClient Token { get; }

    /// <summary>The escrow (redemptions, bonds, withdrawals).</summary>
    IEscrowClient Escrow { get; }

    /// <summary>The market: offers, Dutch auctions and the price index.</summary>
    IMarketClient Market { get; }

    /// <summary>The lending module: pledges, loan-to-value and the settlement-pause cure.</summary>
    ILendingClient Lending { get; }

    /// <summary>The curtailment module: interruptible lots, their curtailed hours and the holders' refunds.</summary>
    ICurtailmentClient Curtailment { get; }

    /// <summary>The utilization oracle.</summary>
    IOracleClient Oracle { get; }

    /// <summary>The settlement stablecoin.</summary>
    IStablecoinClient Stablecoin { get; }

    /// <summary>Default-admin hand-overs and the timelock.</summary>
    IGovernanceClient Governance { get; }

    /// <summary>The suite's events over block ranges.</summary>
    SuiteEventQuery Events { get; }

    /// <summary>The signer's transaction pipeline (throws for a read-only client).</summary>
    TransactionSender Transactions { get; }

    /// <summary>The JSON-RPC gateway.</summary>
    ChainRpc Rpc { get; }

    /// <summary>The latest block's timestamp (expiries are judged by chain time).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The chain time.</returns>
    Task<DateTimeOffset> GetChainTimeAsync(CancellationToken cancellationToken = default);
}
