using RwaCompute.CodeGen.Hashing;
using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Naming;

/// <summary>The C# names generated for one event.</summary>
/// <param name="Event">The ABI event.</param>
/// <param name="BaseName">The PascalCase base name (overloads and clashes resolved).</param>
/// <param name="Properties">The DTO's properties.</param>
public sealed record EventBinding(AbiEvent Event, string BaseName, IReadOnlyList<PropertyBinding> Properties)
{
    /// <summary>The event DTO class (<c>TransferEventDTO</c>).</summary>
    public string DtoClass => BaseName + "EventDTO";

    /// <summary>Topic 0 (keccak256 of the signature), 0x-hex.</summary>
    public string Topic => Keccak256.Topic(Event.Signature);

    /// <summary>All derived names that must be free in the contract's namespace.</summary>
    /// <param name="baseName">A candidate base name.</param>
    /// <returns>The type names.</returns>
    public static IEnumerable<string> TypeNames(string baseName) => [baseName + "EventDTO", baseName + "EventDTOBase"];
}
