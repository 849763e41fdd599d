using System.Text;
using Nethereum.Util;

namespace RwaCompute.CodeGen.Hashing;

/// <summary>
/// Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256) for function, event and error
/// selectors — Nethereum's kept implementation (<see cref="Sha3Keccack"/>), the same the SDK hashes with, rather than
/// one of our own.
/// </summary>
public static class Keccak256
{
    /// <summary>Hashes bytes.</summary>
    /// <param name="data">The input.</param>
    /// <returns>The 32-byte digest.</returns>
    public static byte[] Hash(ReadOnlySpan<byte> data) => Sha3Keccack.Current.CalculateHash(data.ToArray());

    /// <summary>Hashes the UTF-8 bytes of a string.</summary>
    /// <param name="text">The input.</param>
    /// <returns>The 32-byte digest.</returns>
    public static byte[] Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Hash(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The 4-byte selector of a canonical signature, as 0x + 8 hex digits.</summary>
    /// <param name="canonicalSignature">For example <c>transfer(address,uint256)</c>.</param>
    /// <returns>The selector.</returns>
    public static string Selector(string canonicalSignature) => "0x" + Convert.ToHexStringLower(Hash(canonicalSignature), 0, 4);

    /// <summary>The 32-byte topic of a canonical event signature, as 0x + 64 hex digits.</summary>
    /// <param name="canonicalSignature">For example <c>Transfer(address,address,uint256)</c>.</param>
    /// <returns>The topic.</returns>
    public static string Topic(string canonicalSignature) => "0x" + Convert.ToHexStringLower(Hash(canonicalSignature));
}
