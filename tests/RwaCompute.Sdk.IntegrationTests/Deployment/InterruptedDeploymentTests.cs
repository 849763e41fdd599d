using RwaCompute.Sdk.Deployment;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Deployment;

/// <summary>A deployment interrupted after (or while waiting for) each transaction in turn, then re-run, ends exactly as
/// a clean deployment: same addresses, every transaction sent once.</summary>
public sealed class InterruptedDeploymentTests(CleanDeploymentFixture clean) : IClassFixture<CleanDeploymentFixture>
{
    public static TheoryData<int, DeploymentStepState> Interruptions()
    {
        var data = new TheoryData<int, DeploymentStepState>();
        for (var step = 0; step < CleanDeploymentFixture.TransactionSteps; step++)
        {
            data.Add(step, DeploymentStepState.Sent);
            data.Add(step, DeploymentStepState.Completed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Interruptions))]
    public async Task DeployAsync_InterruptedThenReRun_MatchesACleanDeployment(int step, DeploymentStepState interruptedAt)
    {
        await using var chain = await DeploymentChain.StartAsync();
        var before = await chain.NonceAsync();
        using (var crash = new CancelOnStep(step, interruptedAt))
        {
            var lastStepDone = step == CleanDeploymentFixture.TransactionSteps - 1 && interruptedAt == DeploymentStepState.Completed;
            if (lastStepDone)
            {
                // Cancelled after the last step: nothing is left to interrupt, the deployment completes.
                await chain.Deployer().DeployAsync(chain.Config, crash, crash.Token);
            }
            else
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.Deployer().DeployAsync(chain.Config, crash, crash.Token));
            }

            Assert.Equal(before + step + 1, await chain.NonceAsync());
        }

        var resumed = await chain.Deployer().DeployAsync(chain.Config);

        Assert.Equal(before + CleanDeploymentFixture.TransactionSteps, await chain.NonceAsync());
        foreach (var name in ManifestContractNames.All)
        {
            Assert.Equal(clean.Manifest.Contracts[name].Address, resumed.Contracts[name].Address);
            Assert.Equal(clean.Manifest.Contracts[name].CreationCodeHash, resumed.Contracts[name].CreationCodeHash);
            Assert.Equal(clean.Manifest.Contracts[name].RuntimeCodeHash, resumed.Contracts[name].RuntimeCodeHash);
        }

        foreach (var name in ManifestContractNames.Deployed)
        {
            Assert.NotNull(resumed.Contracts[name].TransactionHash);
            Assert.NotNull(resumed.Contracts[name].BlockNumber);
        }

        Assert.Equal(clean.Manifest.Roles.Select(r => (r.Contract, r.Role, r.Account)), resumed.Roles.Select(r => (r.Contract, r.Role, r.Account)));
        Assert.All(resumed.Roles, r => Assert.NotNull(r.TransactionHash));
        var sent = (await File.ReadAllLinesAsync(chain.JournalPath)).Count(line => line.Contains("\"state\":\"sent\"", StringComparison.Ordinal));
        Assert.Equal(CleanDeploymentFixture.TransactionSteps, sent);
    }
}
