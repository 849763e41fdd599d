namespace RwaCompute.Contracts.Runtime;

/// <summary>A generated struct that knows its EIP-712 type and can hash itself (<c>hashStruct</c>), so typed data
/// signed off-chain and checked on-chain agree by construction, not by a type string copied by hand.</summary>
public interface IEip712Struct
{
    /// <summary>The EIP-712 <c>encodeType</c>: <c>Name(type member,…)</c> followed by every struct it references,
    /// sorted by name.</summary>
    string Eip712EncodedType { get; }

    /// <summary><c>hashStruct(value) = keccak256(typeHash ‖ encodeData(value))</c>.</summary>
    /// <returns>32 bytes.</returns>
    byte[] Eip712HashStruct();
}
