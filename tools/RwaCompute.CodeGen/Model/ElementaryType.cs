using System.Globalization;

namespace RwaCompute.CodeGen.Model;

/// <summary>An elementary Solidity type: integers, <c>address</c>, <c>bool</c>, <c>bytesN</c>, <c>bytes</c>,
/// <c>string</c>.</summary>
public sealed class ElementaryType : AbiType
{
    /// <summary>Creates an elementary type.</summary>
    /// <param name="kind">The family.</param>
    /// <param name="size">Bits for integers (8..256), bytes for <c>bytesN</c> (1..32), 0 otherwise.</param>
    public ElementaryType(ElementaryTypeKind kind, int size)
    {
        Kind = kind;
        Size = size;
        CanonicalName = kind switch
        {
            ElementaryTypeKind.UnsignedInteger => "uint" + size.ToString(CultureInfo.InvariantCulture),
            ElementaryTypeKind.SignedInteger => "int" + size.ToString(CultureInfo.InvariantCulture),
            ElementaryTypeKind.Address => "address",
            ElementaryTypeKind.Bool => "bool",
            ElementaryTypeKind.FixedBytes => "bytes" + size.ToString(CultureInfo.InvariantCulture),
            ElementaryTypeKind.Bytes => "bytes",
            ElementaryTypeKind.Text => "string",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown elementary type kind."),
        };
    }

    /// <summary>The family.</summary>
    public ElementaryTypeKind Kind { get; }

    /// <summary>Bits for integers, bytes for <c>bytesN</c>, 0 for the others.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public override string CanonicalName { get; }

    /// <inheritdoc />
    public override string AttributeName => CanonicalName;

    /// <inheritdoc />
    public override bool IsDynamic => Kind is ElementaryTypeKind.Bytes or ElementaryTypeKind.Text;

    /// <inheritdoc />
    public override bool IsHashedWhenIndexed => IsDynamic;
}
