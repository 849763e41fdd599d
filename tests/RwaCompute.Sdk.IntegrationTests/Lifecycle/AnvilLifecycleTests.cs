using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Lifecycle;

public sealed class AnvilLifecycleTests : IClassFixture<AnvilSuiteFixture>
{
    private readonly AnvilSuiteFixture fixture;

    public AnvilLifecycleTests(AnvilSuiteFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public async Task Lifecycle_OnAnvilProcess_EveryFlowSettlesAndIsQueryable()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var outcome = await LifecycleScenario.RunAsync(fixture.Chain, timeout.Token);
        Assert.NotEqual(outcome.DeliveredRedemptionId, outcome.RefundedRedemptionId);
    }
}
