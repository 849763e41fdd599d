using RwaCompute.Sdk.Deployment;

namespace RwaCompute.Cli.AccessControl;

/// <summary>A suite contract with roles, as the command line names it.</summary>
/// <param name="Key">The name on the command line: <c>token</c>, <c>escrow</c>, <c>oracle</c>.</param>
/// <param name="ManifestName">Its key in the deployment manifest (<see cref="ManifestContractNames"/>).</param>
/// <param name="RoleNames">Every <c>bytes32 public constant …_ROLE</c> it declares or inherits.</param>
internal sealed record RoleContract(string Key, string ManifestName, IReadOnlyList<string> RoleNames)
{
    /// <summary>Its roles.</summary>
    public IEnumerable<SuiteRole> Roles => RoleNames.Select(name => new SuiteRole(this, name));
}
