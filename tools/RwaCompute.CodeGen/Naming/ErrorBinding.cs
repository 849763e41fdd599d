using RwaCompute.CodeGen.Hashing;
using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Naming;

/// <summary>The C# names generated for one custom error.</summary>
/// <param name="Error">The ABI error.</param>
/// <param name="BaseName">The PascalCase base name (clashes resolved).</param>
/// <param name="Properties">The DTO's properties.</param>
public sealed record ErrorBinding(AbiError Error, string BaseName, IReadOnlyList<PropertyBinding> Properties)
{
    /// <summary>The error DTO class (<c>InsufficientBalanceError</c>).</summary>
    public string DtoClass => BaseName + "Error";

    /// <summary>The typed exception class (<c>InsufficientBalanceException</c>).</summary>
    public string ExceptionClass => BaseName + "Exception";

    /// <summary>The 4-byte selector, 0x-hex.</summary>
    public string Selector => Keccak256.Selector(Error.Signature);

    /// <summary>All derived names that must be free in the contract's namespace.</summary>
    /// <param name="baseName">A candidate base name.</param>
    /// <returns>The type names.</returns>
    public static IEnumerable<string> TypeNames(string baseName) =>
    [
        baseName + "Error", baseName + "ErrorBase", baseName + "Exception", baseName + "ExceptionBase",
    ];
}
