using System.Globalization;
using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Parsing;

/// <summary>
/// Parses the <c>type</c> string of an ABI parameter (<c>uint256</c>, <c>bytes32[]</c>, <c>tuple[2][]</c>) into an
/// <see cref="AbiType"/>. Tuples take their components from the caller.
/// </summary>
public static class SolidityTypeParser
{
    /// <summary>Parses a type string.</summary>
    /// <param name="type">The ABI <c>type</c> value.</param>
    /// <param name="tuple">The tuple to use for a <c>tuple…</c> type (its components already parsed), or
    /// <see langword="null"/> when the parameter has no components.</param>
    /// <returns>The parsed type.</returns>
    /// <exception cref="FormatException">The type is unknown, unsupported or malformed; the message says which.</exception>
    public static AbiType Parse(string type, TupleType? tuple)
    {
        ArgumentNullException.ThrowIfNull(type);
        var baseEnd = type.IndexOf('[', StringComparison.Ordinal);
        var baseName = baseEnd < 0 ? type : type[..baseEnd];
        var result = ParseBase(type, baseName, tuple);

        var rest = baseEnd < 0 ? string.Empty : type[baseEnd..];
        while (rest.Length > 0)
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (rest[0] != '[' || close < 0)
            {
                throw new FormatException($"malformed array suffix in Solidity type '{type}'");
            }

            var lengthText = rest[1..close];
            int? length = null;
            if (lengthText.Length > 0)
            {
                if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k <= 0)
                {
                    throw new FormatException($"invalid fixed array length '{lengthText}' in Solidity type '{type}'");
                }

                length = k;
            }

            result = new ArrayType(result, length);
            rest = rest[(close + 1)..];
        }

        return result;
    }

    private static AbiType ParseBase(string type, string baseName, TupleType? tuple)
    {
        switch (baseName)
        {
            case "address":
                return new ElementaryType(ElementaryTypeKind.Address, 0);
            case "bool":
                return new ElementaryType(ElementaryTypeKind.Bool, 0);
            case "string":
                return new ElementaryType(ElementaryTypeKind.Text, 0);
            case "bytes":
                return new ElementaryType(ElementaryTypeKind.Bytes, 0);
            case "uint":
                return new ElementaryType(ElementaryTypeKind.UnsignedInteger, 256);
            case "int":
                return new ElementaryType(ElementaryTypeKind.SignedInteger, 256);
            case "tuple":
                return tuple ?? throw new FormatException($"Solidity type '{type}' has no \"components\"");
            case "function":
                throw new FormatException($"unsupported Solidity type '{type}' (external function pointers have no C# mapping)");
        }

        if (baseName.StartsWith("uint", StringComparison.Ordinal) && TryBits(baseName[4..], out var ubits))
        {
            return new ElementaryType(ElementaryTypeKind.UnsignedInteger, ubits);
        }

        if (baseName.StartsWith("int", StringComparison.Ordinal) && TryBits(baseName[3..], out var sbits))
        {
            return new ElementaryType(ElementaryTypeKind.SignedInteger, sbits);
        }

        if (baseName.StartsWith("bytes", StringComparison.Ordinal)
            && int.TryParse(baseName.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            && size is >= 1 and <= 32
            && !baseName[5..].StartsWith('0'))
        {
            return new ElementaryType(ElementaryTypeKind.FixedBytes, size);
        }

        if (baseName.StartsWith("fixed", StringComparison.Ordinal) || baseName.StartsWith("ufixed", StringComparison.Ordinal))
        {
            throw new FormatException($"unsupported Solidity type '{type}' (fixed-point types are not implemented by Solidity)");
        }

        throw new FormatException($"unknown Solidity type '{type}'");
    }

    private static bool TryBits(string digits, out int bits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out bits)
        && !digits.StartsWith('0')
        && bits is >= 8 and <= 256
        && bits % 8 == 0;
}
