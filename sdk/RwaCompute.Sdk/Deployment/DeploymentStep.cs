namespace RwaCompute.Sdk.Deployment;

/// <summary>Progress of <see cref="SuiteDeployer.DeployAsync"/>, for display.</summary>
/// <param name="Name">The step: <c>CheckChain</c>, a contract name from <see cref="ManifestContractNames"/>, or
/// <c>grantRole:&lt;contract&gt;:&lt;role&gt;:&lt;account&gt;</c>.</param>
/// <param name="State">Where the step stands.</param>
/// <param name="TransactionHash">The step's transaction, once known.</param>
/// <param name="Address">The contract's (predicted or actual) address, for contract steps.</param>
public sealed record DeploymentStep(string Name, DeploymentStepState State, string? TransactionHash, string? Address);
