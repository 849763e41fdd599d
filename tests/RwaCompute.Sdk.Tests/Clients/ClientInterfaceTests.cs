using System.Numerics;
using System.Reflection;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Events;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;
using Xunit;

namespace RwaCompute.Sdk.Tests.Clients;

/// <summary>Apps can substitute the SDK in their tests: every client has an interface covering all of its public
/// operations, and a hand-written double is enough to run app code written against them.</summary>
public sealed class ClientInterfaceTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(ComputeTokenClient), typeof(IComputeTokenClient) },
        { typeof(EscrowClient), typeof(IEscrowClient) },
        { typeof(LendingClient), typeof(ILendingClient) },
        { typeof(CurtailmentClient), typeof(ICurtailmentClient) },
        { typeof(OracleClient), typeof(IOracleClient) },
        { typeof(StablecoinClient), typeof(IStablecoinClient) },
        { typeof(GovernanceClient), typeof(IGovernanceClient) },
        { typeof(RwaComputeClient), typeof(IRwaComputeClient) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EveryPublicOperation_IsOnTheInterface(Type client, Type contract)
    {
        Assert.True(contract.IsAssignableFrom(client));
        var onInterface = contract.GetMethods().Concat(contract.GetInterfaces().SelectMany(i => i.GetMethods())).Select(m => m.Name).ToHashSet();
        var missing = client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not ("WithSigner" or "Dispose" or "ToString"))
            .Where(m => !onInterface.Contains(m.Name))
            .Select(m => m.Name)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task AppCode_WrittenAgainstTheInterfaces_RunsOnADouble()
    {
        await using IRwaComputeClient client = new FakeSuite(new FakeStablecoin { Balance = 12_500_000 });

        Assert.Equal("12.5 USDC", await WalletSummary.BalanceTextAsync(client, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
    }

    /// <summary>App code as a user would write it.</summary>
    private static class WalletSummary
    {
        public static async Task<string> BalanceTextAsync(IRwaComputeClient client, string account)
        {
            var decimals = await client.Stablecoin.DecimalsAsync();
            return TokenAmount.Format(await client.Stablecoin.BalanceOfAsync(account), decimals) + " USDC";
        }
    }

    private sealed class FakeStablecoin : IStablecoinClient
    {
        public BigInteger Balance { get; init; }

        public string Address => "0x5FbDB2315678afecb367f032d93F642f64180aa3";

        public IStablecoinClient For(string currency) => this;

        public Task<BigInteger> BalanceOfAsync(string account, CancellationToken cancellationToken = default) => Task.FromResult(Balance);

        public Task<BigInteger> AllowanceAsync(string owner, string spender, CancellationToken cancellationToken = default) => Task.FromResult(BigInteger.Zero);

        public Task<int> DecimalsAsync(CancellationToken cancellationToken = default) => Task.FromResult(6);

        public Task<string?> SymbolAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>("USDC");

        public Task<TransactionResult> ApproveAsync(string spender, BigInteger amount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> EnsureAllowanceAsync(string spender, BigInteger amount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<TransactionResult> TransferAsync(string to, BigInteger amount, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class FakeSuite(IStablecoinClient stablecoin) : IRwaComputeClient
    {
        public long ChainId => 31_337;

        public DeploymentManifest Manifest => throw new NotSupportedException();

        public string? Account => null;

        public IComputeTokenClient Token => throw new NotSupportedException();

        public IEscrowClient Escrow => throw new NotSupportedException();

        public IMarketClient Market => throw new NotSupportedException();

        public ILendingClient Lending => throw new NotSupportedException();

        public ICurtailmentClient Curtailment => throw new NotSupportedException();

        public IOracleClient Oracle => throw new NotSupportedException();

        public IStablecoinClient Stablecoin => stablecoin;

        public IGovernanceClient Governance => throw new NotSupportedException();

        public SuiteEventQuery Events => throw new NotSupportedException();

        public TransactionSender Transactions => throw new NotSupportedException();

        public ChainRpc Rpc => throw new NotSupportedException();

        public Task<DateTimeOffset> GetChainTimeAsync(CancellationToken cancellationToken = default) => Task.FromResult(DateTimeOffset.UnixEpoch);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
