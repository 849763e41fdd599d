using RwaCompute.Sdk.Deployment;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Deployment;

/// <summary>One uninterrupted deployment on its own chain: the reference the interrupted ones must match.</summary>
public sealed class CleanDeploymentFixture : IAsyncLifetime
{
    /// <summary>Token, oracle, escrow, market, lending, the token's ESCROW_ROLE and COLLATERAL_ROLE, the escrow's
    /// MARKET_ROLE and LENDING_ROLE, setBondVault(escrow), setCurtailmentModule(module), REGISTRAR_ROLE.</summary>
    public const int TransactionSteps = 13;

    private DeploymentManifest? manifest;

    public DeploymentManifest Manifest => manifest ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        await using var chain = await DeploymentChain.StartAsync();
        manifest = await chain.Deployer().DeployAsync(chain.Config);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
