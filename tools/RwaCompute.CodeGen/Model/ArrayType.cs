using System.Globalization;

namespace RwaCompute.CodeGen.Model;

/// <summary>An array: <c>T[]</c> (dynamic) or <c>T[k]</c> (fixed length k).</summary>
public sealed class ArrayType : AbiType
{
    /// <summary>Creates an array type.</summary>
    /// <param name="element">The element type.</param>
    /// <param name="length">The fixed length, or <see langword="null"/> for a dynamic array.</param>
    public ArrayType(AbiType element, int? length)
    {
        ArgumentNullException.ThrowIfNull(element);
        Element = element;
        Length = length;
    }

    /// <summary>The element type.</summary>
    public AbiType Element { get; }

    /// <summary>The fixed length, or <see langword="null"/> for a dynamic array.</summary>
    public int? Length { get; }

    /// <summary>The array suffix, <c>[]</c> or <c>[k]</c>.</summary>
    public string Suffix => Length is { } k ? "[" + k.ToString(CultureInfo.InvariantCulture) + "]" : "[]";

    /// <inheritdoc />
    public override string CanonicalName => Element.CanonicalName + Suffix;

    /// <inheritdoc />
    public override string AttributeName => Element.AttributeName + Suffix;

    /// <inheritdoc />
    public override bool IsDynamic => Length is null || Element.IsDynamic;

    /// <inheritdoc />
    public override bool IsHashedWhenIndexed => true;

    /// <inheritdoc />
    public override int HeadSize => IsDynamic ? 32 : Length!.Value * Element.HeadSize;
}
