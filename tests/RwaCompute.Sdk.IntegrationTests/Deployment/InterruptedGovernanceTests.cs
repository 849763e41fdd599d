using RwaCompute.Sdk.Deployment;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Deployment;

/// <summary>A deployment with a timelocked hand-over interrupted while waiting for, or right after, each of its new
/// steps (the SuiteTimelock's creation, each beginDefaultAdminTransfer), then re-run: it ends as a clean deployment,
/// every transaction sent once.</summary>
public sealed class InterruptedGovernanceTests(CleanGovernedDeploymentFixture clean) : IClassFixture<CleanGovernedDeploymentFixture>
{
    public static TheoryData<int, DeploymentStepState> Interruptions()
    {
        var data = new TheoryData<int, DeploymentStepState>();
        for (var step = CleanDeploymentFixture.TransactionSteps; step < CleanGovernedDeploymentFixture.TransactionSteps; step++)
        {
            data.Add(step, DeploymentStepState.Sent);
            data.Add(step, DeploymentStepState.Completed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Interruptions))]
    public async Task DeployAsync_InterruptedAroundAGovernanceStepThenReRun_MatchesACleanDeployment(int step, DeploymentStepState interruptedAt)
    {
        await using var chain = await DeploymentChain.StartAsync();
        var before = await chain.NonceAsync();
        using (var crash = new CancelOnStep(step, interruptedAt))
        {
            var lastStepDone = step == CleanGovernedDeploymentFixture.TransactionSteps - 1 && interruptedAt == DeploymentStepState.Completed;
            if (lastStepDone)
            {
                await chain.Deployer().DeployAsync(chain.TimelockedConfig, crash, crash.Token);
            }
            else
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.Deployer().DeployAsync(chain.TimelockedConfig, crash, crash.Token));
            }

            Assert.Equal(before + step + 1, await chain.NonceAsync());
        }

        var resumed = await chain.Deployer().DeployAsync(chain.TimelockedConfig);

        Assert.Equal(before + CleanGovernedDeploymentFixture.TransactionSteps, await chain.NonceAsync());
        Assert.Equal(clean.Manifest.Contracts.Keys, resumed.Contracts.Keys);
        foreach (var (name, contract) in clean.Manifest.Contracts)
        {
            Assert.Equal(contract.Address, resumed.Contracts[name].Address);
            Assert.Equal(contract.CreationCodeHash, resumed.Contracts[name].CreationCodeHash);
        }

        Assert.NotNull(resumed.Contracts[ManifestContractNames.Timelock].TransactionHash);
        var reader = await chain.ConnectAsync(resumed);
        Assert.All(await reader.Governance.GetAdminStatesAsync(), s =>
        {
            Assert.Equal(DeploymentChain.Admin, s.Admin);
            Assert.Equal(resumed.TimelockAddress, s.PendingAdmin);
        });
        var journal = await File.ReadAllLinesAsync(chain.JournalPath);
        Assert.Equal(CleanGovernedDeploymentFixture.TransactionSteps, journal.Count(line => line.Contains("\"state\":\"sent\"", StringComparison.Ordinal)));
        Assert.Equal(5, journal.Count(line => line.Contains("\"step\":\"beginDefaultAdminTransfer:", StringComparison.Ordinal) && line.Contains("\"state\":\"done\"", StringComparison.Ordinal)));
    }
}
