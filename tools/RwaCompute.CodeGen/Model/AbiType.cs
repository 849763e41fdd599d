namespace RwaCompute.CodeGen.Model;

/// <summary>
/// A Solidity ABI type as it appears in ABI JSON: an elementary type, an array of a type, or a tuple (struct).
/// </summary>
public abstract class AbiType
{
    /// <summary>The canonical form used in signatures, e.g. <c>uint256</c>, <c>(address,uint64)[]</c>.</summary>
    public abstract string CanonicalName { get; }

    /// <summary>The form Nethereum's <c>[Parameter]</c> attribute takes, e.g. <c>uint256[2][]</c>, <c>tuple[]</c>.</summary>
    public abstract string AttributeName { get; }

    /// <summary>Whether the ABI encoding of the type has a dynamic size (strings, bytes, dynamic arrays...).</summary>
    public abstract bool IsDynamic { get; }

    /// <summary>Whether a value of this type is hashed when it is an indexed event parameter (arrays, tuples,
    /// string and bytes): the topic then holds keccak256 of the value, not the value.</summary>
    public abstract bool IsHashedWhenIndexed { get; }

    /// <summary>Bytes the type takes in the head of an ABI encoding: 32 for elementary and dynamic types, the
    /// whole inline size for static arrays and tuples.</summary>
    public virtual int HeadSize => 32;

    /// <inheritdoc />
    public override string ToString() => CanonicalName;
}
