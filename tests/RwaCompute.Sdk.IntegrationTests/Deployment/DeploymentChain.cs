using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Devnet.Contracts.MockUSDC;
using RwaCompute.Sdk.Deployment;

namespace RwaCompute.Sdk.IntegrationTests.Deployment;

/// <summary>A fresh anvil with the test stablecoin deployed by account 0 (always at the same address), a Web3 for
/// account 0 and an empty deployments directory.</summary>
internal sealed class DeploymentChain : IAsyncDisposable
{
    public const string AdminKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public const string Admin = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    public const string Reporter1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    public const string Reporter2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    public const string Operator = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

    private DeploymentChain(AnvilProcess anvil, Web3 web3, string stablecoin, string directory)
    {
        Anvil = anvil;
        Web3 = web3;
        Stablecoin = stablecoin;
        Directory = directory;
    }

    public AnvilProcess Anvil { get; }

    public Web3 Web3 { get; }

    public string Stablecoin { get; }

    public string Directory { get; }

    public string ManifestPath => DeploymentManifest.DefaultPath(Directory, 31337);

    public string JournalPath => Path.Combine(Directory, "31337.journal.jsonl");

    public DeployConfig Config => new()
    {
        Stablecoin = Stablecoin,
        Reporters = [Reporter1, Reporter2],
        Quorum = 2,
        Roles =
        [
            new RoleAssignment { Contract = ManifestContractNames.Token, Role = "REGISTRAR_ROLE", Account = Operator },
        ],
    };

    public static async Task<DeploymentChain> StartAsync()
    {
        var anvil = await AnvilProcess.StartAsync();
        try
        {
            var web3 = new Web3(new Account(AdminKey, 31337), anvil.RpcUrl);
            web3.TransactionReceiptPolling.SetPollingRetryIntervalInMilliseconds(5);
            var usdc = await MockUSDCService.DeployContractAndGetServiceAsync(web3, Admin);
            var directory = Path.Combine(Path.GetTempPath(), "rwa-deploy-" + Guid.NewGuid().ToString("N"));
            return new DeploymentChain(anvil, web3, usdc.ContractAddress, directory);
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    public SuiteDeployer Deployer() => new(Web3, Directory) { ReceiptTimeout = TimeSpan.FromSeconds(20) };

    /// <summary>The admin's transaction count including pending ones: a transaction broadcast just before a
    /// simulated crash counts even if anvil has not mined it yet (on a loaded machine it may not have).</summary>
    public async Task<BigInteger> NonceAsync()
    {
        HexBigInteger count = await Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(Admin, BlockParameter.CreatePending());
        return count.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await Anvil.DisposeAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
