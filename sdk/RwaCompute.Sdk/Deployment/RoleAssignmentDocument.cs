namespace RwaCompute.Sdk.Deployment;

/// <summary>The JSON shape of one <see cref="RoleAssignment"/> in <c>deploy.json</c>.</summary>
internal sealed class RoleAssignmentDocument
{
    public string? Contract { get; set; }

    public string? Role { get; set; }

    public string? Account { get; set; }

    public RoleAssignment ToAssignment() => new() { Contract = Contract ?? string.Empty, Role = Role ?? string.Empty, Account = Account ?? string.Empty };
}
