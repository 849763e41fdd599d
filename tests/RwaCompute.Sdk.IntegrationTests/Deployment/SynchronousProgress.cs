using RwaCompute.Sdk.Deployment;

namespace RwaCompute.Sdk.IntegrationTests.Deployment;

/// <summary>An <see cref="IProgress{T}"/> that runs its callback on the reporting thread (unlike
/// <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class SynchronousProgress(Action<DeploymentStep> report) : IProgress<DeploymentStep>
{
    public void Report(DeploymentStep value) => report(value);
}
