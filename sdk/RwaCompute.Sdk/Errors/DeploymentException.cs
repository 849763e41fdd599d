using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Errors;

/// <summary>A deployment could not proceed or the chain does not match the manifest: missing deterministic deployer,
/// on-chain code that differs from the manifest, a failed or timed-out transaction, a configuration that no longer
/// derives the addresses the manifest lists.</summary>
public sealed class DeploymentException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public DeploymentException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception about one contract.</summary>
    /// <param name="contract">The contract (a <see cref="Deployment.ManifestContractNames"/> key) the problem concerns.</param>
    /// <param name="message">What went wrong (the contract name is prefixed).</param>
    /// <param name="innerException">The cause, if any.</param>
    public DeploymentException(string? contract, string message, Exception? innerException = null)
        : base(contract is null ? message : contract + ": " + message, innerException)
    {
        Contract = contract;
    }

    /// <summary>The contract the problem concerns, when it concerns one.</summary>
    public string? Contract { get; }
}
