using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Devnet.Contracts.MockUSDC;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Wallets;

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

    /// <summary>The admin delay of <see cref="TimelockedConfig"/>.</summary>
    public const ulong TimelockAdminDelay = 30;

    /// <summary>The timelock delay of <see cref="TimelockedConfig"/>.</summary>
    public const ulong TimelockMinDelay = 60;

    /// <summary><see cref="Config"/> handing the admin to <paramref name="newAdmin"/> after <paramref name="adminDelay"/>
    /// seconds.</summary>
    public DeployConfig GovernedConfig(string newAdmin, ulong adminDelay) =>
        Config with { AdminDelaySeconds = adminDelay, Governance = new GovernanceConfig { Admin = newAdmin } };

    /// <summary><see cref="Config"/> handing the admin to a SuiteTimelock (60 s) whose proposer and executor is
    /// <see cref="Operator"/>, with a 30 s admin delay.</summary>
    public DeployConfig TimelockedConfig => Config with
    {
        AdminDelaySeconds = TimelockAdminDelay,
        Governance = new GovernanceConfig { Timelock = new TimelockConfig { MinDelaySeconds = TimelockMinDelay, Proposers = [Operator], Executors = [Operator] } },
    };

    public AnvilRpc Rpc => new(Anvil.RpcUrl);

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

    /// <summary>An SDK client on the deployment (read-only without a signer).</summary>
    public Task<RwaComputeClient> ConnectAsync(DeploymentManifest manifest, RwaSigner? signer = null) =>
        RwaComputeClient.ConnectAsync(
            new RwaComputeClientOptions
            {
                RpcUrl = new Uri(Anvil.RpcUrl),
                Transactions = new TransactionOptions { InitialPollInterval = TimeSpan.FromMilliseconds(5), MaxPollInterval = TimeSpan.FromMilliseconds(200), ReceiptTimeout = TimeSpan.FromSeconds(60) },
            },
            manifest,
            signer);

    /// <summary>An account's transaction count including pending ones.</summary>
    public async Task<BigInteger> NonceAsync(string address)
    {
        HexBigInteger count = await Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(address, BlockParameter.CreatePending());
        return count.Value;
    }

    /// <summary>Moves the chain's clock forward and mines a block at the new time.</summary>
    public Task TravelAsync(TimeSpan by) => Rpc.IncreaseTimeAsync(by);

    public async ValueTask DisposeAsync()
    {
        await Anvil.DisposeAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
