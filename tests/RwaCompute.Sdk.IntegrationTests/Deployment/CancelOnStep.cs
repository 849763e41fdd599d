using RwaCompute.Sdk.Deployment;

namespace RwaCompute.Sdk.IntegrationTests.Deployment;

/// <summary>Simulates a crash: cancels the deployment synchronously when the <c>n</c>-th step (counting only steps that
/// send a transaction) reaches <paramref name="state"/>.</summary>
internal sealed class CancelOnStep(int stepIndex, DeploymentStepState state) : IProgress<DeploymentStep>, IDisposable
{
    private readonly HashSet<string> transactionSteps = [];
    private readonly CancellationTokenSource source = new();

    public CancellationToken Token => source.Token;

    public List<DeploymentStep> Seen { get; } = [];

    public void Report(DeploymentStep value)
    {
        Seen.Add(value);
        if (value.State == DeploymentStepState.Sent)
        {
            transactionSteps.Add(value.Name);
        }

        if (value.State == state && transactionSteps.Count == stepIndex + 1 && transactionSteps.Contains(value.Name))
        {
            source.Cancel();
        }
    }

    public void Dispose() => source.Dispose();
}
