using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Naming;

/// <summary>The C# class generated for a Solidity struct (tuple type).</summary>
/// <param name="Tuple">The tuple type (one of possibly several equal uses).</param>
/// <param name="ClassName">The user-facing partial class.</param>
/// <param name="SolidityName">The short Solidity struct name for <c>[Struct]</c> (EIP-712 uses it).</param>
/// <param name="QualifiedName">The qualified Solidity name (<c>Scope.Name</c>) or <see langword="null"/>.</param>
/// <param name="Properties">The fields.</param>
public sealed record StructBinding(
    TupleType Tuple,
    string ClassName,
    string SolidityName,
    string? QualifiedName,
    IReadOnlyList<PropertyBinding> Properties)
{
    /// <summary>The generated base class holding the fields.</summary>
    public string BaseClassName => ClassName + "Base";
}
