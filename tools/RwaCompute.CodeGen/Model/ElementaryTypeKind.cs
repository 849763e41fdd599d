namespace RwaCompute.CodeGen.Model;

/// <summary>The families of Solidity elementary ABI types.</summary>
public enum ElementaryTypeKind
{
    /// <summary><c>uint8</c> … <c>uint256</c>.</summary>
    UnsignedInteger,

    /// <summary><c>int8</c> … <c>int256</c>.</summary>
    SignedInteger,

    /// <summary><c>address</c>.</summary>
    Address,

    /// <summary><c>bool</c>.</summary>
    Bool,

    /// <summary><c>bytes1</c> … <c>bytes32</c>.</summary>
    FixedBytes,

    /// <summary><c>bytes</c> (dynamic).</summary>
    Bytes,

    /// <summary><c>string</c>.</summary>
    Text,
}
