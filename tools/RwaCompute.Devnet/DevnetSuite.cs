using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Web3;
using RwaCompute.Devnet.Contracts.MockStablecoin;
using RwaCompute.Devnet.Contracts.MockUSDC;
using RwaCompute.Sdk.Deployment;

namespace RwaCompute.Devnet;

/// <summary>
/// Puts the suite on a fresh local chain: the test stablecoin (MockUSDC, 6 decimals) and the five contracts through
/// the resumable <see cref="SuiteDeployer"/>, the admin's operating roles, and stablecoin for every actor.
/// </summary>
public static class DevnetSuite
{
    /// <summary>Stablecoin minted to each actor (100,000 USDC).</summary>
    public static readonly BigInteger Funding = 100_000_000_000;

    /// <summary>Deploys everything and returns the manifest (also written to <paramref name="manifestDirectory"/>).</summary>
    /// <param name="rpcUrl">The chain.</param>
    /// <param name="manifestDirectory">Where deployments/&lt;chainId&gt;.json goes.</param>
    /// <param name="accounts">The actors (the standard ones when <see langword="null"/>).</param>
    /// <param name="progress">Deployment steps, for display.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="cancellationToken">Cancels the deployment.</param>
    /// <returns>The manifest.</returns>
    public static async Task<DeploymentManifest> DeployAsync(string rpcUrl, string manifestDirectory, DevnetAccounts? accounts = null, IProgress<DeploymentStep>? progress = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        accounts ??= DevnetAccounts.Standard;
        loggerFactory ??= NullLoggerFactory.Instance;
        var chainId = await new Web3(rpcUrl).Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var web3 = new Web3(accounts.Admin.ToAccount(chainId.Value), rpcUrl);
        web3.TransactionReceiptPolling.SetPollingRetryIntervalInMilliseconds(20);

        var existing = Path.Combine(manifestDirectory, chainId.Value + ".json");
        string stablecoin;
        if (File.Exists(existing) && (await DeploymentManifest.LoadAsync(existing, cancellationToken).ConfigureAwait(false)).Contracts.TryGetValue(ManifestContractNames.Stablecoin, out var known)
            && await web3.Eth.GetCode.SendRequestAsync(known.Address).WaitAsync(cancellationToken).ConfigureAwait(false) is { Length: > 2 })
        {
            stablecoin = known.Address;
        }
        else
        {
            var usdc = await MockUSDCService.DeployContractAndGetServiceAsync(web3, accounts.Admin.Address, cancellationToken).ConfigureAwait(false);
            stablecoin = usdc.ContractAddress;
        }

        var config = new DeployConfig
        {
            Stablecoin = stablecoin,
            Reporters = [.. accounts.Reporters.Select(r => r.Address)],
            Quorum = 2,
            OracleMaxAgeSeconds = 86_400,
            DeliveryGraceSeconds = 7 * 86_400,
            DefaultLtvBps = 5_000,

            // A local chain: no admin hand-over delay (real chains default to one day; docs/DEPLOYMENT.md).
            AdminDelaySeconds = 0,
            Roles =
            [
                new RoleAssignment { Contract = ManifestContractNames.Token, Role = "REGISTRAR_ROLE", Account = accounts.Admin.Address },
                new RoleAssignment { Contract = ManifestContractNames.Token, Role = "COMPLIANCE_ROLE", Account = accounts.Admin.Address },
                new RoleAssignment { Contract = ManifestContractNames.Token, Role = "PAUSER_ROLE", Account = accounts.Admin.Address },
                new RoleAssignment { Contract = ManifestContractNames.Token, Role = "RECOVERY_ROLE", Account = accounts.Admin.Address },
                new RoleAssignment { Contract = ManifestContractNames.Lending, Role = "RISK_ROLE", Account = accounts.Admin.Address },
            ],
        };
        var deployer = new SuiteDeployer(web3, manifestDirectory, loggerFactory.CreateLogger<SuiteDeployer>());
        var manifest = await deployer.DeployAsync(config, progress, cancellationToken).ConfigureAwait(false);

        var usdcService = new MockUSDCService(web3, stablecoin);
        foreach (var actor in new[] { accounts.Provider, accounts.Alice, accounts.Bob, accounts.Lender })
        {
            var balance = await usdcService.BalanceOfQueryAsync(actor.Address, null, cancellationToken).ConfigureAwait(false);
            if (balance < Funding)
            {
                await usdcService.MintRequestAndWaitForReceiptAsync(actor.Address, Funding - balance, cancellationToken).ConfigureAwait(false);
            }
        }

        return manifest;
    }

    /// <summary>Deploys another test stablecoin (MockStablecoin: any name, symbol and decimals, with MockUSDC's mint,
    /// blacklist, pause and permit), owned by the admin, and mints <paramref name="funding"/> base units to each of
    /// <paramref name="fund"/>. The escrow does not accept it until its admin says so.</summary>
    /// <param name="rpcUrl">The chain.</param>
    /// <param name="name">The token's name.</param>
    /// <param name="symbol">Its symbol (<c>EURC</c>).</param>
    /// <param name="decimals">Its decimals.</param>
    /// <param name="funding">Base units minted to each funded account.</param>
    /// <param name="fund">The accounts to fund.</param>
    /// <param name="accounts">The actors (the standard ones when <see langword="null"/>); the admin deploys.</param>
    /// <param name="cancellationToken">Cancels the deployment.</param>
    /// <returns>The token's address.</returns>
    public static async Task<string> DeployMockStablecoinAsync(string rpcUrl, string name, string symbol, byte decimals, BigInteger funding, IReadOnlyList<string> fund, DevnetAccounts? accounts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fund);
        accounts ??= DevnetAccounts.Standard;
        var chainId = await new Web3(rpcUrl).Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var web3 = new Web3(accounts.Admin.ToAccount(chainId.Value), rpcUrl);
        web3.TransactionReceiptPolling.SetPollingRetryIntervalInMilliseconds(20);
        var coin = await MockStablecoinService.DeployContractAndGetServiceAsync(web3, name, symbol, decimals, accounts.Admin.Address, cancellationToken).ConfigureAwait(false);
        foreach (var account in fund)
        {
            await coin.MintRequestAndWaitForReceiptAsync(account, funding, cancellationToken).ConfigureAwait(false);
        }

        return coin.ContractAddress;
    }
}
