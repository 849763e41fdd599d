using System.Numerics;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using RwaCompute.Devnet;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Devnet.Contracts.MockUSDC;

namespace RwaCompute.Cli.Tests.Infrastructure;

/// <summary>A fresh anvil on a free port and a temporary deployments directory; disposed with the test.</summary>
public sealed class TestChain : IAsyncDisposable
{
    private TestChain(AnvilProcess anvil, string directory)
    {
        Anvil = anvil;
        Directory = directory;
    }

    public AnvilProcess Anvil { get; }

    public string RpcUrl => Anvil.RpcUrl;

    /// <summary>A temporary directory for manifests, keystores and files.</summary>
    public string Directory { get; }

    public string Deployments => Path.Combine(Directory, "deployments");

    public string ManifestPath => Path.Combine(Deployments, "31337.json");

    public string JournalPath => Path.Combine(Deployments, "31337.journal.jsonl");

    public static async Task<TestChain> StartAsync()
    {
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions());
        return new TestChain(anvil, System.IO.Directory.CreateTempSubdirectory("rwa-cli-tests-").FullName);
    }

    /// <summary>Deploys the test USDC from the admin (nonce 0 on a fresh chain, so always the same address).</summary>
    public async Task<string> DeployStablecoinAsync()
    {
        var web3 = new Web3(DevnetAccounts.Standard.Admin.ToAccount(31337), RpcUrl);
        web3.TransactionReceiptPolling.SetPollingRetryIntervalInMilliseconds(10);
        var usdc = await MockUSDCService.DeployContractAndGetServiceAsync(web3, DevnetAccounts.Standard.Admin.Address);
        return usdc.ContractAddress;
    }

    /// <summary>Deploys MockUSDC and the suite as the devnet does (for the operation tests).</summary>
    public Task DeploySuiteAsync() => DevnetSuite.DeployAsync(RpcUrl, Deployments);

    public async Task<BigInteger> NonceAsync(string address) =>
        (await new Web3(RpcUrl).Eth.Transactions.GetTransactionCount.SendRequestAsync(address, BlockParameter.CreatePending())).Value;

    public string[] Args(params string[] args) => [.. args, "--rpc", RpcUrl, "--deployments", Deployments];

    public async ValueTask DisposeAsync()
    {
        await Anvil.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
