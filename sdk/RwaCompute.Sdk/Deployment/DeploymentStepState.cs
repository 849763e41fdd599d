namespace RwaCompute.Sdk.Deployment;

/// <summary>Where a <see cref="DeploymentStep"/> stands.</summary>
public enum DeploymentStepState
{
    /// <summary>The step began (nothing sent yet).</summary>
    Started = 0,

    /// <summary>Its transaction was journaled and broadcast; the receipt is awaited.</summary>
    Sent = 1,

    /// <summary>Its transaction was mined successfully (or a journaled one was completed) and the manifest saved.</summary>
    Completed = 2,

    /// <summary>Nothing to do: the contract already has code at its address, or the role is already held.</summary>
    Skipped = 3,
}
