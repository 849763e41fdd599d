using System.Globalization;
using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>Emits a C# enum per Solidity enum the ABI refers to, with the members' NatSpec.</summary>
public static class EnumEmitter
{
    /// <summary>Writes the contract's enums.</summary>
    /// <param name="writer">The writer (header already written).</param>
    /// <param name="binding">The contract.</param>
    public static void Write(CodeWriter writer, ContractBinding binding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(binding);
        for (var i = 0; i < binding.Enums.Count; i++)
        {
            var e = binding.Enums[i];
            if (i > 0)
            {
                writer.Line();
            }

            writer.Summary(e.Definition.Notice is { } notice ? DocText.Prose(notice) : "The Solidity enum " + DocText.Code(e.Definition.CanonicalName) + ".");
            writer.Remarks("Solidity " + DocText.Code(e.Definition.InternalType) + ", encoded as <c>uint8</c> (member i is i).");
            // int-backed, not byte: Nethereum encodes an enum value by unboxing it as an int.
            writer.Line($"public enum {e.ClassName}");
            using (writer.Block())
            {
                for (var m = 0; m < e.Members.Count; m++)
                {
                    var (name, value, member) = e.Members[m];
                    if (m > 0)
                    {
                        writer.Line();
                    }

                    writer.Summary(member.Notice is { } text
                        ? DocText.Prose(text)
                        : DocText.Code(e.Definition.Name + "." + member.Name) + " (" + value.ToString(CultureInfo.InvariantCulture) + ").");
                    writer.Line($"{name} = {value.ToString(CultureInfo.InvariantCulture)},");
                }
            }
        }
    }
}
