using RwaCompute.Sdk.Contracts.UtilizationOracle;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using RwaCompute.Sdk.IntegrationTests.Lifecycle;
using Xunit;
using Xunit.Abstractions;

namespace RwaCompute.Sdk.IntegrationTests.Containers;

/// <summary>Smoke tests: the containerized anvil answers JSON-RPC and runs the generated bindings.</summary>
[Collection(ContainerTestGroup.Name)]
public sealed class ContainerAnvilTests(AnvilContainerFixture anvil, ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    /// <summary>eth_chainId through Nethereum answers anvil's 31337.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task ChainId_Is31337()
    {
        using var timeout = new CancellationTokenSource(Budget);
        output.WriteLine(
            $"anvil container at {anvil.RpcUrl} (image {anvil.ImageName}): image build {anvil.ImageBuildDuration.TotalSeconds:F1} s, " +
            $"container start {anvil.ContainerStartDuration.TotalSeconds:F1} s");

        var chainId = await anvil.CreateWeb3().Eth.ChainId.SendRequestAsync().WaitAsync(timeout.Token);

        Assert.Equal(AnvilContainerFixture.ChainId, (long)chainId.Value);
    }

    /// <summary>The generated binding deploys the oracle from account 0 and reads its configuration back.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task UtilizationOracle_DeploysWithGeneratedBinding_AndReadsBackQuorum()
    {
        using var timeout = new CancellationTokenSource(Budget);
        var web3 = anvil.CreateWeb3();
        List<string> reporters =
        [
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
            "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
        ];

        var oracle = await UtilizationOracleService.DeployContractAndGetServiceAsync(
            web3, AnvilContainerFixture.Account0Address, adminDelay: 0, reporters, quorum: 2, maxAge: 3600, timeout.Token);

        Assert.Equal((byte)2, await oracle.QuorumQueryAsync(cancellationToken: timeout.Token));
        Assert.Equal(3600UL, await oracle.MaxAgeQueryAsync(cancellationToken: timeout.Token));
        Assert.True(await oracle.IsReporterQueryAsync(reporters[1], cancellationToken: timeout.Token));
    }

    /// <summary>The SDK's whole lifecycle, as on the anvil process, against anvil in a container.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Lifecycle_OnAnvilInContainer_EveryFlowSettlesAndIsQueryable()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var chain = await SuiteChain.DeployAsync(anvil.RpcUrl, timeout.Token);
        var outcome = await LifecycleScenario.RunAsync(chain, timeout.Token);
        Assert.NotEqual(outcome.DeliveredRedemptionId, outcome.RefundedRedemptionId);
    }
}
