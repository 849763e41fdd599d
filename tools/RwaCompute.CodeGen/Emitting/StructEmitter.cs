using RwaCompute.CodeGen.Model;
using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>Emits one class pair (<c>partial class S : SBase</c>) per Solidity struct; a named struct also gets its
/// EIP-712 type string, type hash and <c>hashStruct</c> (as alloy's <c>sol!</c> gives every struct).</summary>
public static class StructEmitter
{
    /// <summary>Writes the contract's structs into <paramref name="writer"/>.</summary>
    /// <param name="writer">The writer (header already written).</param>
    /// <param name="binding">The contract.</param>
    public static void Write(CodeWriter writer, ContractBinding binding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(binding);
        var byKey = binding.Structs.ToDictionary(x => x.Tuple.Key, StringComparer.Ordinal);
        for (var i = 0; i < binding.Structs.Count; i++)
        {
            var s = binding.Structs[i];
            if (i > 0)
            {
                writer.Line();
            }

            var solidity = s.QualifiedName is { } q ? "the Solidity struct " + DocText.Code(q) : "an unnamed Solidity tuple " + DocText.Code(s.Tuple.CanonicalName);
            writer.Summary("A value of " + solidity + ".");
            writer.Line($"public partial class {s.ClassName} : {s.BaseClassName}");
            using (writer.Block())
            {
            }

            writer.Line();
            writer.Summary($"The fields of <see cref=\"{s.ClassName}\"/> (generated: extend <see cref=\"{s.ClassName}\"/> instead).");
            writer.Line($"[Struct(\"{s.SolidityName}\")]");
            var encodedType = Eip712Type(s, byKey);
            writer.Line($"public class {s.BaseClassName}" + (encodedType is null ? string.Empty : " : " + RuntimeTypeNames.Eip712Struct));
            using (writer.Block())
            {
                PropertyWriter.Write(writer, s.Properties, Documentation.None, isEvent: false);
                if (encodedType is not null)
                {
                    WriteEip712(writer, s, encodedType, byKey);
                }
            }
        }
    }

    /// <summary>The EIP-712 <c>encodeType</c> of a struct: its own <c>Name(type member,…)</c> followed by every
    /// struct it references (transitively), sorted by name. <see langword="null"/> when the struct cannot be
    /// EIP-712 typed: an unnamed tuple, an unnamed member, or two referenced structs with one name.</summary>
    internal static string? Eip712Type(StructBinding root, IReadOnlyDictionary<string, StructBinding> byKey)
    {
        var referenced = new SortedDictionary<string, StructBinding>(StringComparer.Ordinal);
        var pending = new Stack<StructBinding>([root]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var s = pending.Pop();
            if (!seen.Add(s.Tuple.Key))
            {
                continue;
            }

            if (s.QualifiedName is null || s.Tuple.Components.Any(c => c.Name.Length == 0))
            {
                return null;
            }

            if (s != root && !referenced.TryAdd(s.SolidityName, s))
            {
                return null;
            }

            foreach (var component in s.Tuple.Components)
            {
                if (Innermost(component.Type) is TupleType nested)
                {
                    pending.Push(byKey[nested.Key]);
                }
            }
        }

        if (referenced.ContainsKey(root.SolidityName))
        {
            return null;
        }

        return Primary(root, byKey) + string.Concat(referenced.Values.Select(r => Primary(r, byKey)));
    }

    private static void WriteEip712(CodeWriter writer, StructBinding s, string encodedType, IReadOnlyDictionary<string, StructBinding> byKey)
    {
        writer.Line();
        writer.Summary("The EIP-712 type of " + DocText.Code(s.SolidityName) + " (<c>encodeType</c>, referenced structs appended by name): " + DocText.Code(encodedType) + ".");
        writer.Line($"public const string Eip712Type = {CodeWriter.StringLiteral(encodedType)};");
        writer.Line();
        writer.Summary("keccak-256 of <see cref=\"Eip712Type\"/>: the type hash a contract declares as <c>keccak256(\"...\")</c>.");
        writer.Line($"public static byte[] Eip712TypeHash => {RuntimeTypeNames.Eip712Encoder}.TypeHash(Eip712Type);");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public string Eip712EncodedType => Eip712Type;");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public virtual byte[] Eip712HashStruct() => {RuntimeTypeNames.Eip712Encoder}.HashStruct(");
        using (writer.Indent())
        {
            writer.Line("Eip712Type" + (s.Properties.Count == 0 ? ");" : ","));
            for (var i = 0; i < s.Properties.Count; i++)
            {
                var p = s.Properties[i];
                writer.Line($"({CodeWriter.StringLiteral(Eip712MemberType(p.Parameter.Type, byKey))}, {p.PropertyName})" + (i == s.Properties.Count - 1 ? ");" : ","));
            }
        }
    }

    private static string Primary(StructBinding s, IReadOnlyDictionary<string, StructBinding> byKey) =>
        s.SolidityName + "(" + string.Join(",", s.Tuple.Components.Select(c => Eip712MemberType(c.Type, byKey) + " " + c.Name)) + ")";

    private static string Eip712MemberType(AbiType type, IReadOnlyDictionary<string, StructBinding> byKey) => type switch
    {
        ArrayType array => Eip712MemberType(array.Element, byKey) + array.Suffix,
        TupleType tuple => byKey[tuple.Key].SolidityName,
        _ => type.CanonicalName,
    };

    private static AbiType Innermost(AbiType type) => type is ArrayType array ? Innermost(array.Element) : type;
}
