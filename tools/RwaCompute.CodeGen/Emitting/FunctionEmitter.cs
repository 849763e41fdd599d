using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>Emits a function message per function and an output DTO where the return values need one.</summary>
public static class FunctionEmitter
{
    /// <summary>Writes the contract's function messages and output DTOs.</summary>
    /// <param name="writer">The writer (header already written).</param>
    /// <param name="binding">The contract.</param>
    public static void Write(CodeWriter writer, ContractBinding binding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(binding);
        for (var i = 0; i < binding.Functions.Count; i++)
        {
            if (i > 0)
            {
                writer.Line();
            }

            WriteFunction(writer, binding.Functions[i]);
        }
    }

    /// <summary>The Solidity declaration of a function for docs.</summary>
    /// <param name="function">The function.</param>
    /// <returns>Doc XML.</returns>
    public static string SolidityDeclaration(FunctionBinding function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var f = function.Function;
        var mutability = f.StateMutability switch
        {
            Model.StateMutability.Pure => " pure",
            Model.StateMutability.View => " view",
            Model.StateMutability.Payable => " payable",
            _ => string.Empty,
        };
        var returns = f.Outputs.Count == 0 ? string.Empty : " returns (" + string.Join(", ", f.Outputs.Select(DocText.Declaration)) + ")";
        return DocText.Code("function " + f.Name + "(" + string.Join(", ", f.Inputs.Select(DocText.Declaration)) + ")" + mutability + returns)
            + ", selector " + DocText.Code(function.Selector);
    }

    private static void WriteFunction(CodeWriter writer, FunctionBinding function)
    {
        var f = function.Function;
        var message = function.MessageClass;
        writer.Summary(DocText.NoticeOr(f.Documentation, "Calls " + DocText.Code(f.Signature) + "."));
        writer.Remarks("Solidity " + SolidityDeclaration(function) + ".");
        writer.Line($"public partial class {message} : {message}Base");
        using (writer.Block())
        {
        }

        writer.Line();
        writer.Summary($"The arguments of <see cref=\"{message}\"/> (generated: extend <see cref=\"{message}\"/> instead).");
        var attribute = function.Shape switch
        {
            ReturnShape.None => $"[Function(\"{f.Name}\")]",
            ReturnShape.OneValue => $"[Function(\"{f.Name}\", \"{f.Outputs[0].Type.AttributeName}\")]",
            _ => $"[Function(\"{f.Name}\", typeof({function.OutputClass}))]",
        };
        writer.Line(attribute);
        writer.Line($"public class {message}Base : FunctionMessage");
        using (writer.Block())
        {
            PropertyWriter.Write(writer, function.Inputs, f.Documentation, isEvent: false);
        }

        if (!function.HasOutputClass)
        {
            return;
        }

        var output = function.OutputClass;
        writer.Line();
        writer.Summary("The return values of " + DocText.Code(f.Signature) + ".");
        writer.Line($"public partial class {output} : {output}Base");
        using (writer.Block())
        {
        }

        writer.Line();
        writer.Summary($"The return values of <see cref=\"{message}\"/> (generated: extend <see cref=\"{output}\"/> instead).");
        writer.Line("[FunctionOutput]");
        writer.Line($"public class {output}Base : IFunctionOutputDTO");
        using (writer.Block())
        {
            PropertyWriter.Write(writer, function.Outputs, Model.Documentation.None, isEvent: false);
        }
    }
}
