using RwaCompute.CodeGen.Model;
using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>Emits one class pair (<c>partial class S : SBase</c>) per Solidity struct.</summary>
public static class StructEmitter
{
    /// <summary>Writes the contract's structs into <paramref name="writer"/>.</summary>
    /// <param name="writer">The writer (header already written).</param>
    /// <param name="binding">The contract.</param>
    public static void Write(CodeWriter writer, ContractBinding binding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(binding);
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
            writer.Line($"public class {s.BaseClassName}");
            using (writer.Block())
            {
                PropertyWriter.Write(writer, s.Properties, Documentation.None, isEvent: false);
            }
        }
    }
}
