using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Clients;

/// <summary>A client whose key lives in a (fake) remote signer sends real transactions.</summary>
public sealed class ExternalSignerAnvilTests
{
    [Fact]
    public async Task ProviderKeyInARemoteSigner_IssuesUnitsOnAnvil()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
        var market = await MarketSetup.CreateAsync(chain);
        await market.ApproveBondsAsync();
        var remote = new RemoteKey("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        Assert.Equal(SuiteChain.Accounts.Provider.Address, remote.Address);
        await using var provider = await chain.ConnectAsync(RwaSigner.FromExternal(remote));

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => provider.Token.IssueAsync(market.LotId, SuiteChain.Accounts.Bob.Address, 2)));

        Assert.Equal(5, results.Select(r => r.TransactionHash).Distinct().Count());
        Assert.Equal(10, await market.Bob.Token.BalanceOfAsync(SuiteChain.Accounts.Bob.Address, market.LotId));
        Assert.True(remote.Requests >= 5);
    }

    /// <summary>A remote key answering r and s only, after a delay.</summary>
    private sealed class RemoteKey(string privateKey) : IExternalSigner
    {
        private readonly RwaSigner device = RwaSigner.FromPrivateKey(privateKey);
        private int requests;

        public string Address => device.Address;

        public int Requests => Volatile.Read(ref requests);

        public async Task<ExternalSignature> SignHashAsync(byte[] hash, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref requests);
            await Task.Delay(5, cancellationToken);
            var compact = device.SignDigest(hash);
            return new ExternalSignature(compact[..32], compact[32..64]);
        }
    }
}
