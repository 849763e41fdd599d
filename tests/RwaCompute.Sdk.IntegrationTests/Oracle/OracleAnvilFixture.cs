using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Contracts.UtilizationOracle;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Oracle;

/// <summary>
/// One anvil node per test class with a <c>UtilizationOracle</c> deployed by account 0: reporters are accounts 1, 2
/// and 3 (derived with <see cref="RwaSigner.FromMnemonic(string, int, string?)"/>), quorum 2, max age one hour.
/// </summary>
public sealed class OracleAnvilFixture : IAsyncLifetime
{
    /// <summary>The maximum observation age the oracle is deployed with, in seconds.</summary>
    public const ulong MaxAge = 3600;

    private AnvilProcess? anvil;
    private Web3? web3;
    private UtilizationOracleService? oracle;

    /// <summary>Account 0: deployer, admin and gas payer.</summary>
    public RwaSigner Admin { get; } = RwaSigner.FromMnemonic(AnvilOptions.TestMnemonic, 0);

    /// <summary>Accounts 1, 2 and 3: the configured reporters.</summary>
    public IReadOnlyList<RwaSigner> Reporters { get; } =
        [.. Enumerable.Range(1, 3).Select(i => RwaSigner.FromMnemonic(AnvilOptions.TestMnemonic, i))];

    /// <summary>The running node.</summary>
    public AnvilProcess Anvil => anvil ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>A Web3 whose account is <see cref="Admin"/>.</summary>
    public Web3 Web3 => web3 ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The deployed oracle.</summary>
    public UtilizationOracleService Oracle => oracle ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The oracle's EIP-712 domain.</summary>
    public OracleDomain Domain => new(Anvil.Options.ChainId, Oracle.ContractAddress);

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        anvil = await AnvilProcess.StartAsync(cancellationToken: timeout.Token);
        web3 = new Web3(Admin.ToAccount(anvil.Options.ChainId), anvil.RpcUrl);
        web3.TransactionManager.TransactionReceiptService.SetPollingRetryIntervalInMilliseconds(5);
        oracle = await UtilizationOracleService.DeployContractAndGetServiceAsync(
            web3, Admin.Address, 0, [.. Reporters.Select(r => r.Address)], 2, MaxAge, timeout.Token);
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (anvil is not null)
        {
            await anvil.DisposeAsync();
        }
    }

    /// <summary>The timestamp of the latest block.</summary>
    /// <returns>Unix seconds.</returns>
    public async Task<ulong> LatestTimestampAsync()
    {
        var block = await Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        return (ulong)block.Timestamp.Value;
    }

    /// <summary>Polls for a receipt (anvil automines) until the token is cancelled.</summary>
    /// <param name="transactionHash">The transaction.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The receipt.</returns>
    public async Task<TransactionReceipt> WaitForReceiptAsync(string transactionHash, CancellationToken cancellationToken)
    {
        while (true)
        {
            var receipt = await Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash);
            if (receipt is not null)
            {
                return receipt;
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>The pending nonce of an address.</summary>
    /// <param name="address">The account.</param>
    /// <returns>The nonce its next transaction must use.</returns>
    public async Task<BigInteger> PendingNonceAsync(string address)
    {
        HexBigInteger nonce = await Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(address, BlockParameter.CreatePending());
        return nonce.Value;
    }
}
