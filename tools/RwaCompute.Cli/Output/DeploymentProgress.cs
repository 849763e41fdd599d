using RwaCompute.Sdk.Deployment;

namespace RwaCompute.Cli.Output;

/// <summary>Shows <see cref="SuiteDeployer"/> steps as they happen (synchronously, on the deploying thread, so a line
/// is out before the next step starts).</summary>
internal sealed class DeploymentProgress : IProgress<DeploymentStep>
{
    private readonly StepProgress steps;

    public DeploymentProgress(StepProgress steps)
    {
        this.steps = steps;
    }

    private readonly List<(string Hash, string Description)> sent = [];

    /// <summary>Transactions sent so far.</summary>
    public int TransactionsSent => sent.Count;

    /// <summary>The transactions sent so far, in order: each hash with the step it belongs to.</summary>
    public IReadOnlyList<(string Hash, string Description)> Sent => sent;

    public void Report(DeploymentStep value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = Describe(value.Name);
        switch (value.State)
        {
            case DeploymentStepState.Started:
                steps.Current(name);
                break;
            case DeploymentStepState.Sent:
                sent.Add((value.TransactionHash ?? string.Empty, name));
                steps.Current($"{name}: waiting for {value.TransactionHash}");
                break;
            case DeploymentStepState.Completed:
                steps.Done(value.Address is null || value.Name.Contains(':', StringComparison.Ordinal) || value.Name == SuiteDeployer.CheckChainStep
                    ? $"deploy: {name}"
                    : $"deploy: {name} at {value.Address}");
                break;
            case DeploymentStepState.Skipped:
                steps.Done($"deploy: {name} already done (skipped)");
                break;
        }
    }

    private static string Describe(string step)
    {
        if (step == SuiteDeployer.CheckChainStep)
        {
            return "checked chain, manifest and CREATE2 deployer";
        }

        var parts = step.Split(':');
        return parts switch
        {
            ["grantRole", var contract, var role, var account] => $"granted {contract}.{role} to {account}",
            [SuiteDeployer.SetBondVaultStep, var contract, var vault] => $"set {contract}.bondVault to the escrow {vault}",
            [SuiteDeployer.BeginAdminTransferStep, var contract, var newAdmin] => $"began handing {contract}'s default admin to {newAdmin}",
            _ => step,
        };
    }
}
