namespace RwaCompute.CodeGen.Model;

/// <summary>A tuple: a Solidity struct, with its components and, when the ABI carries <c>internalType</c>, the
/// struct's qualified name (<c>IComputeEscrow.Offer</c>).</summary>
public sealed class TupleType : AbiType
{
    /// <summary>Creates a tuple type.</summary>
    /// <param name="components">The fields, in order.</param>
    /// <param name="structName">The qualified Solidity struct name (<c>Scope.Name</c> or <c>Name</c>), or
    /// <see langword="null"/> when the ABI does not say.</param>
    public TupleType(IReadOnlyList<AbiParameter> components, string? structName)
    {
        ArgumentNullException.ThrowIfNull(components);
        Components = components;
        StructName = structName;
        CanonicalName = "(" + string.Join(",", components.Select(c => c.Type.CanonicalName)) + ")";
        Key = (structName ?? string.Empty) + "|" + string.Join(
            ",",
            components.Select(c => c.Type is TupleType t ? c.Name + ":" + t.Key : c.Name + ":" + c.Type.CanonicalName));
    }

    /// <summary>The fields, in order.</summary>
    public IReadOnlyList<AbiParameter> Components { get; }

    /// <summary>The qualified Solidity struct name, or <see langword="null"/> when unknown.</summary>
    public string? StructName { get; }

    /// <summary>Identifies the struct: its qualified name plus its field names and types, so that two uses of
    /// one struct map to one class and two different structs never do.</summary>
    public string Key { get; }

    /// <inheritdoc />
    public override string CanonicalName { get; }

    /// <inheritdoc />
    public override string AttributeName => "tuple";

    /// <inheritdoc />
    public override bool IsDynamic => Components.Any(c => c.Type.IsDynamic);

    /// <inheritdoc />
    public override bool IsHashedWhenIndexed => true;

    /// <inheritdoc />
    public override int HeadSize => IsDynamic ? 32 : Components.Sum(c => c.Type.HeadSize);
}
