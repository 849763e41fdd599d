using RwaCompute.Devnet.Anvil;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Infrastructure;

/// <summary>One anvil process (from node_modules, free 127.0.0.1 port) with the suite deployed, shared by a test
/// class. Tests that change chain time or state in ways others would see take a snapshot and revert it.</summary>
public sealed class AnvilSuiteFixture : IAsyncLifetime
{
    private AnvilProcess? anvil;
    private SuiteChain? chain;

    public SuiteChain Chain => chain ?? throw new InvalidOperationException("The fixture is not initialized.");

    public AnvilProcess Anvil => anvil ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        anvil = await AnvilProcess.StartAsync();
        chain = await SuiteChain.DeployAsync(anvil.RpcUrl);
    }

    public async Task DisposeAsync()
    {
        if (anvil is not null)
        {
            await anvil.DisposeAsync();
        }
    }
}
