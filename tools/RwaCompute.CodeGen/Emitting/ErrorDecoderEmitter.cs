using System.Globalization;
using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>Emits the contract's revert decoder: one <c>case</c> per custom-error selector.</summary>
public static class ErrorDecoderEmitter
{
    /// <summary>Writes the decoder pair.</summary>
    /// <param name="writer">The writer (header already written).</param>
    /// <param name="binding">The contract.</param>
    public static void Write(CodeWriter writer, ContractBinding binding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(binding);
        var name = binding.DecoderClass;
        writer.Summary(
            "Maps " + DocText.Code(binding.Contract.Name) + "'s revert data to typed exceptions: each custom error to its "
            + "<c>…Exception</c>, <c>Error(string)</c> to <see cref=\"ContractRevertReasonException\"/>, <c>Panic(uint256)</c> "
            + "to <see cref=\"ContractPanicException\"/>, anything else to <see cref=\"ContractUnknownRevertException\"/>.");
        writer.Line($"public partial class {name} : {name}Base");
        using (writer.Block())
        {
            writer.Summary("The shared instance the generated service uses.");
            writer.Line($"public static {name} Instance {{ get; }} = new {name}();");
        }

        writer.Line();
        writer.Summary($"The selector table of <see cref=\"{name}\"/> (generated: extend <see cref=\"{name}\"/> instead).");
        writer.Line($"public class {name}Base : ContractErrorDecoder");
        using (writer.Block())
        {
            writer.DocXml("<inheritdoc/>");
            writer.Line("protected override ContractRevertException? DecodeCustomError(string selector, string revertData, Exception? innerException)");
            using (writer.Block())
            {
                // Two errors can share a 4-byte selector only by a hash collision; the first (in signature order) wins.
                var cases = binding.Errors.GroupBy(e => e.Selector, StringComparer.Ordinal).Select(g => g.First()).ToList();
                if (cases.Count == 0)
                {
                    writer.Line("return null;");
                    return;
                }

                writer.Line("switch (selector)");
                using (writer.Block())
                {
                    foreach (var e in cases)
                    {
                        // Shorter data than the arguments' head cannot be this error (a truncated or foreign payload).
                        var minimumHexLength = 2 + (2 * (4 + e.Error.Inputs.Sum(p => p.Type.HeadSize)));
                        writer.Line($"case \"{e.Selector}\": // {e.Error.Signature}");
                        using (writer.Indent())
                        {
                            writer.Line(string.Create(
                                CultureInfo.InvariantCulture,
                                $"return revertData.Length < {minimumHexLength} ? null : new {e.ExceptionClass}(DecodeError<{e.DtoClass}>(revertData), revertData, innerException);"));
                        }
                    }

                    writer.Line("default:");
                    using (writer.Indent())
                    {
                        writer.Line("return null;");
                    }
                }
            }
        }
    }
}
