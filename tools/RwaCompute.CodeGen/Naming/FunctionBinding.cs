using RwaCompute.CodeGen.Hashing;
using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Naming;

/// <summary>The C# names generated for one function.</summary>
/// <param name="Function">The ABI function.</param>
/// <param name="BaseName">The PascalCase name every generated name starts with (overloads and clashes resolved).</param>
/// <param name="Inputs">The message's properties.</param>
/// <param name="Outputs">The output DTO's properties (also present when no DTO is generated).</param>
/// <param name="Shape">How the return values come back.</param>
public sealed record FunctionBinding(
    AbiFunction Function,
    string BaseName,
    IReadOnlyList<PropertyBinding> Inputs,
    IReadOnlyList<PropertyBinding> Outputs,
    ReturnShape Shape)
{
    /// <summary>The function message class (<c>TransferFunction</c>).</summary>
    public string MessageClass => BaseName + "Function";

    /// <summary>The output DTO class (<c>BalanceOfOutputDTO</c>), generated for shapes that need one.</summary>
    public string OutputClass => BaseName + "OutputDTO";

    /// <summary>Whether an output DTO is generated.</summary>
    public bool HasOutputClass => Shape is ReturnShape.SingleThroughOutput or ReturnShape.Multiple;

    /// <summary>The 4-byte selector, 0x-hex.</summary>
    public string Selector => Keccak256.Selector(Function.Signature);

    /// <summary>The C# type the service's query returns (<see langword="null"/> when nothing is returned).</summary>
    public string? ResultType => Shape switch
    {
        ReturnShape.None => null,
        ReturnShape.OneValue or ReturnShape.SingleThroughOutput => Outputs[0].CSharpType,
        _ => OutputClass,
    };

    /// <summary>All derived names that must be free in the contract's namespace.</summary>
    /// <param name="baseName">A candidate base name.</param>
    /// <returns>The type names.</returns>
    public static IEnumerable<string> TypeNames(string baseName) =>
    [
        baseName + "Function", baseName + "FunctionBase", baseName + "OutputDTO", baseName + "OutputDTOBase",
    ];
}
