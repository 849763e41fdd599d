using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>Emits, per custom error, an error DTO and a typed exception carrying it.</summary>
public static class ErrorEmitter
{
    /// <summary>Writes the contract's error DTOs and exceptions.</summary>
    /// <param name="writer">The writer (header already written).</param>
    /// <param name="binding">The contract.</param>
    public static void Write(CodeWriter writer, ContractBinding binding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(binding);
        for (var i = 0; i < binding.Errors.Count; i++)
        {
            var e = binding.Errors[i];
            if (i > 0)
            {
                writer.Line();
            }

            var declaration = DocText.Code("error " + e.Error.Name + "(" + string.Join(", ", e.Error.Inputs.Select(DocText.Declaration)) + ")")
                + ", selector " + DocText.Code(e.Selector);
            var dto = e.DtoClass;
            writer.Summary(DocText.NoticeOr(e.Error.Documentation, "The custom error " + DocText.Code(e.Error.Signature) + "."));
            writer.Remarks("Solidity " + declaration + $". Reverts with it surface as <see cref=\"{e.ExceptionClass}\"/>.");
            writer.Line($"public partial class {dto} : {dto}Base");
            using (writer.Block())
            {
            }

            writer.Line();
            writer.Summary($"The arguments of <see cref=\"{dto}\"/> (generated: extend <see cref=\"{dto}\"/> instead).");
            writer.Line($"[Error(\"{e.Error.Name}\")]");
            writer.Line($"public class {dto}Base : IErrorDTO");
            using (writer.Block())
            {
                PropertyWriter.Write(writer, e.Properties, e.Error.Documentation, isEvent: false);
            }

            var exception = e.ExceptionClass;
            writer.Line();
            writer.Summary(
                "Thrown when the contract reverts with " + DocText.Code(e.Error.Signature)
                + (e.Error.Documentation.Notice is { } notice ? ": " + DocText.Prose(notice) : ".")
                + $" <see cref=\"ContractCustomErrorException{{TError}}.Error\"/> holds the arguments.");
            writer.Line($"public partial class {exception} : {exception}Base");
            using (writer.Block())
            {
                WriteConstructor(writer, "public", exception, dto, "Creates the exception.");
            }

            writer.Line();
            writer.Summary($"The typed revert for <see cref=\"{dto}\"/> (generated: extend <see cref=\"{exception}\"/> instead).");
            writer.Line($"public class {exception}Base : ContractCustomErrorException<{dto}>");
            using (writer.Block())
            {
                WriteConstructor(writer, "protected", exception + "Base", dto, "Creates the exception.", "\"" + e.Error.Signature + "\", ");
            }
        }
    }

    private static void WriteConstructor(CodeWriter writer, string access, string type, string dto, string summary, string signatureArgument = "")
    {
        writer.Summary(summary);
        writer.Param("error", "The decoded error.");
        writer.Param("revertData", "The raw revert data, 0x-prefixed hex.");
        writer.Param("innerException", "The exception the revert arrived in, if any.");
        writer.Line($"{access} {type}({dto} error, string revertData, Exception? innerException)");
        using (writer.Indent())
        {
            writer.Line($": base({signatureArgument}error, revertData, innerException)");
        }

        using (writer.Block())
        {
        }
    }
}
