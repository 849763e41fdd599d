using RwaCompute.CodeGen.Model;

namespace RwaCompute.CodeGen.Naming;

/// <summary>How one ABI parameter (or struct field, or return value) appears in C#.</summary>
/// <param name="Parameter">The ABI parameter.</param>
/// <param name="Order">1-based position, as Nethereum's <c>[Parameter]</c> attribute wants it.</param>
/// <param name="PropertyName">The PascalCase property name.</param>
/// <param name="ArgumentName">The camelCase method-parameter name, escaped with <c>@</c> if a keyword.</param>
/// <param name="CSharpType">The C# type (e.g. <c>BigInteger</c>, <c>List&lt;LotSpec&gt;</c>).</param>
/// <param name="Initializer">The property initializer that keeps nullable analysis quiet (<c>string.Empty</c>,
/// <c>new()</c>, …) or <see langword="null"/> for value types.</param>
/// <param name="IsHashedTopic">An indexed event parameter of a reference type: the property holds the topic (the
/// keccak256 hash, 0x-hex), not the value.</param>
/// <param name="IsValueType">Whether <see cref="CSharpType"/> is a value type (matters for nullable filters).</param>
public sealed record PropertyBinding(
    AbiParameter Parameter,
    int Order,
    string PropertyName,
    string ArgumentName,
    string CSharpType,
    string? Initializer,
    bool IsHashedTopic,
    bool IsValueType);
