namespace RwaCompute.CodeGen.Model;

/// <summary>A Solidity enum, read from the compiler's AST (the ABI names an enum only through
/// <c>internalType</c>, as <c>enum Scope.Name</c>, and encodes it as <c>uint8</c>).</summary>
/// <param name="CanonicalName">The name as <c>internalType</c> spells it after <c>enum </c>: <c>Scope.Name</c> for
/// an enum declared in a contract, interface or library, <c>Name</c> for a file-level one.</param>
/// <param name="Members">The members in declaration order (member i encodes as i).</param>
/// <param name="Notice">The enum's NatSpec (<c>@notice</c>, or the untagged text), if any.</param>
public sealed record EnumDefinition(string CanonicalName, IReadOnlyList<EnumMember> Members, string? Notice)
{
    /// <summary>The internalType that refers to this enum: <c>enum Scope.Name</c>.</summary>
    public string InternalType => "enum " + CanonicalName;

    /// <summary>The enum's own name (the part after the last dot).</summary>
    public string Name => CanonicalName[(CanonicalName.LastIndexOf('.') + 1)..];
}

/// <summary>One member of a Solidity enum.</summary>
/// <param name="Name">The Solidity member name.</param>
/// <param name="Notice">The member's NatSpec (<c>/// @notice</c> above it), if any.</param>
public sealed record EnumMember(string Name, string? Notice);
