using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Naming;

/// <summary>
/// Maps Solidity ABI types to C# types on Nethereum's runtime. Integers: up to 64 bits the smallest C# integer of
/// the same signedness that holds every value (<c>uint8</c> → <c>byte</c>, <c>uint40</c> → <c>ulong</c>,
/// <c>int8</c> → <c>sbyte</c>); above 64 bits (token amounts, <c>uint96</c> prices, <c>uint256</c>)
/// <c>BigInteger</c>. <c>address</c> → <c>string</c>; <c>bool</c> → <c>bool</c>; <c>bytesN</c> and <c>bytes</c> →
/// <c>byte[]</c>; <c>string</c> → <c>string</c>; <c>T[]</c> and <c>T[k]</c> → <c>List&lt;T&gt;</c> (the length
/// lives in the <c>[Parameter]</c> type string); tuples → the generated struct class; a scalar whose
/// <c>internalType</c> is a resolved enum → the generated enum (<see cref="EnumOf"/>).
/// </summary>
/// <param name="structClass">Finds the generated class of a tuple type.</param>
/// <param name="enumClass">Generated enum names by canonical Solidity name (<c>Scope.Name</c>).</param>
public sealed class TypeMapper(Func<TupleType, string> structClass, IReadOnlyDictionary<string, string>? enumClass = null)
{
    /// <summary>The generated enum for a parameter whose <c>internalType</c> is a resolved enum (scalars only: an
    /// enum array stays <c>List&lt;byte&gt;</c>), or <see langword="null"/>.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The C# enum name or <see langword="null"/>.</returns>
    public string? EnumOf(AbiParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return enumClass is not null
            && parameter.Type is ElementaryType { Kind: ElementaryTypeKind.UnsignedInteger, Size: 8 }
            && ContractDefinition.EnumName(parameter) is { } name
            && enumClass.TryGetValue(name, out var className)
                ? className
                : null;
    }

    /// <summary>The C# type of <paramref name="type"/>.</summary>
    /// <param name="type">The ABI type.</param>
    /// <returns>The C# type as written in generated code.</returns>
    public string Map(AbiType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            ElementaryType e => MapElementary(e),
            ArrayType a => "List<" + Map(a.Element) + ">",
            TupleType t => structClass(t),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown ABI type."),
        };
    }

    /// <summary>Whether the C# type of <paramref name="type"/> is a value type.</summary>
    /// <param name="type">The ABI type.</param>
    /// <returns><see langword="true"/> for integers and <c>bool</c>.</returns>
    public static bool IsValueType(AbiType type) =>
        type is ElementaryType { Kind: ElementaryTypeKind.UnsignedInteger or ElementaryTypeKind.SignedInteger or ElementaryTypeKind.Bool };

    /// <summary>The initializer for a property of <paramref name="type"/> so that it is never null.</summary>
    /// <param name="type">The ABI type.</param>
    /// <returns>An initializer expression, or <see langword="null"/> for value types.</returns>
    public static string? Initializer(AbiType type) => type switch
    {
        ElementaryType { Kind: ElementaryTypeKind.Address or ElementaryTypeKind.Text } => "string.Empty",
        ElementaryType { Kind: ElementaryTypeKind.Bytes or ElementaryTypeKind.FixedBytes } => "Array.Empty<byte>()",
        ArrayType or TupleType => "new()",
        _ => null,
    };

    private static string MapElementary(ElementaryType type) => type.Kind switch
    {
        ElementaryTypeKind.UnsignedInteger => type.Size switch
        {
            8 => "byte",
            <= 16 => "ushort",
            <= 32 => "uint",
            <= 64 => "ulong",
            _ => "BigInteger",
        },
        ElementaryTypeKind.SignedInteger => type.Size switch
        {
            8 => "sbyte",
            <= 16 => "short",
            <= 32 => "int",
            <= 64 => "long",
            _ => "BigInteger",
        },
        ElementaryTypeKind.Address or ElementaryTypeKind.Text => "string",
        ElementaryTypeKind.Bool => "bool",
        ElementaryTypeKind.Bytes or ElementaryTypeKind.FixedBytes => "byte[]",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown elementary type."),
    };
}
