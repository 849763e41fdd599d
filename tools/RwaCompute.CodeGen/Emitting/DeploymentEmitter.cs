using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>Emits the deployment message: creation bytecode plus typed constructor arguments.</summary>
public static class DeploymentEmitter
{
    /// <summary>Writes the deployment message pair.</summary>
    /// <param name="writer">The writer (header already written).</param>
    /// <param name="binding">The contract (must be deployable).</param>
    public static void Write(CodeWriter writer, ContractBinding binding)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(binding);
        var name = binding.DeploymentClass;
        var constructor = binding.Contract.Constructor;
        var payable = constructor?.StateMutability == Model.StateMutability.Payable;
        writer.Summary(
            $"Deploys {DocText.Code(binding.Contract.Name)}: the creation bytecode and the typed constructor arguments"
            + (payable ? " (the constructor is payable: set <c>AmountToSend</c> to send ether)." : "."));
        writer.Line($"public partial class {name} : {name}Base");
        using (writer.Block())
        {
            writer.Summary("A deployment of the generated creation bytecode.");
            writer.Line($"public {name}()");
            using (writer.Indent())
            {
                writer.Line(": base(DefaultByteCode)");
            }

            using (writer.Block())
            {
            }

            writer.Line();
            writer.Summary("A deployment of other creation bytecode (linked libraries, another build).");
            writer.Param("byteCode", "The creation bytecode, 0x-prefixed hex.");
            writer.Line($"public {name}(string byteCode)");
            using (writer.Indent())
            {
                writer.Line(": base(byteCode)");
            }

            using (writer.Block())
            {
            }
        }

        writer.Line();
        writer.Summary($"The bytecode and constructor arguments of <see cref=\"{name}\"/> (generated: extend <see cref=\"{name}\"/> instead).");
        writer.Line($"public class {name}Base : ContractDeploymentMessage");
        using (writer.Block())
        {
            writer.Summary("The creation bytecode from " + DocText.Code(binding.Contract.SourcePath) + ".");
            // static readonly, not const: a const would bake the bytecode into every caller and into the public API baseline.
            writer.Line($"public static readonly string DefaultByteCode = \"{binding.Contract.Bytecode}\";");
            writer.Line();
            writer.Summary("A deployment of <paramref name=\"byteCode\"/>.");
            writer.Param("byteCode", "The creation bytecode, 0x-prefixed hex.");
            writer.Line($"public {name}Base(string byteCode)");
            using (writer.Indent())
            {
                writer.Line(": base(byteCode)");
            }

            using (writer.Block())
            {
            }

            if (binding.ConstructorInputs.Count > 0)
            {
                writer.Line();
                PropertyWriter.Write(writer, binding.ConstructorInputs, constructor!.Documentation, isEvent: false);
            }
        }
    }
}
