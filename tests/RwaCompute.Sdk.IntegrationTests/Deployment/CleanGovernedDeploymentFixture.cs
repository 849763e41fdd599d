using RwaCompute.Sdk.Deployment;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Deployment;

/// <summary>One uninterrupted deployment handing the admin to a SuiteTimelock: the reference the interrupted ones
/// must match.</summary>
public sealed class CleanGovernedDeploymentFixture : IAsyncLifetime
{
    /// <summary>The steps of <see cref="CleanDeploymentFixture"/>, the SuiteTimelock, five
    /// beginDefaultAdminTransfer, and the deployer renouncing the market's and the lending module's RISK_ROLE.</summary>
    public const int TransactionSteps = CleanDeploymentFixture.TransactionSteps + 8;

    private DeploymentManifest? manifest;

    public DeploymentManifest Manifest => manifest ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        await using var chain = await DeploymentChain.StartAsync();
        manifest = await chain.Deployer().DeployAsync(chain.TimelockedConfig);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
