using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Naming;

/// <summary>
/// Names overloads from their parameter types, never from their position in the ABI. Among the overloads of one
/// name, the one with the fewest parameters keeps the plain name when it is the only one with that count; every
/// other overload gets the plain name followed by one token per parameter type:
/// <c>safeTransferFrom(address,address,uint256,uint256,bytes)</c> →
/// <c>SafeTransferFromAddressAddressUint256Uint256Bytes</c>. Tokens: elementary types in PascalCase
/// (<c>Uint256</c>, <c>Bytes32</c>, <c>Address</c>), arrays as element + <c>Array</c> (+ length if fixed:
/// <c>uint256[2][]</c> → <c>Uint256Array2Array</c>), tuples by their struct name (<c>Tuple</c> if unnamed).
/// </summary>
public static class OverloadNaming
{
    /// <summary>The PascalCase C# base name of each item, overloads disambiguated.</summary>
    /// <typeparam name="T">Function or event.</typeparam>
    /// <param name="items">Items of one kind.</param>
    /// <param name="name">The item's Solidity name.</param>
    /// <param name="inputs">The item's parameters.</param>
    /// <returns>The wanted base name of each item (before clash resolution), keyed by item.</returns>
    public static Dictionary<T, string> BaseNames<T>(
        IEnumerable<T> items,
        Func<T, string> name,
        Func<T, IReadOnlyList<AbiParameter>> inputs)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(inputs);
        var result = new Dictionary<T, string>();
        foreach (var group in items.GroupBy(name, StringComparer.Ordinal))
        {
            var plain = IdentifierConverter.ToPascalCase(group.Key) ?? "Unnamed";
            var members = group.ToList();
            if (members.Count == 1)
            {
                result[members[0]] = plain;
                continue;
            }

            var fewest = members.Min(m => inputs(m).Count);
            var keepsPlain = members.Count(m => inputs(m).Count == fewest) == 1;
            foreach (var member in members)
            {
                var parameters = inputs(member);
                result[member] = keepsPlain && parameters.Count == fewest
                    ? plain
                    : plain + string.Concat(parameters.Select(p => TypeToken(p.Type)));
            }
        }

        return result;
    }

    /// <summary>The token a type contributes to an overload's name.</summary>
    /// <param name="type">A parameter type.</param>
    /// <returns>For example <c>Uint256</c>, <c>AddressArray</c>, <c>LotSpec</c>.</returns>
    public static string TypeToken(AbiType type) => type switch
    {
        ArrayType array => TypeToken(array.Element) + "Array" + (array.Length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty),
        TupleType tuple => tuple.StructName is { } structName
            ? IdentifierConverter.ToPascalCase(structName[(structName.LastIndexOf('.') + 1)..]) ?? "Tuple"
            : "Tuple",
        _ => IdentifierConverter.ToPascalCase(type.CanonicalName) ?? type.CanonicalName,
    };
}
