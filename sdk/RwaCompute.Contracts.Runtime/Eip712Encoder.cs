using System.Collections;
using System.Collections.Concurrent;
using System.Text;
using Nethereum.ABI;
using Nethereum.Util;

namespace RwaCompute.Contracts.Runtime;

/// <summary>
/// EIP-712 <c>encodeData</c> and <c>hashStruct</c> for the generated structs: atomic values as their 32-byte ABI
/// encoding, <c>string</c> and <c>bytes</c> as the keccak-256 of their contents, arrays as the keccak-256 of their
/// elements' encodings, nested structs as their <c>hashStruct</c> (https://eips.ethereum.org/EIPS/eip-712).
/// </summary>
public static class Eip712Encoder
{
    private static readonly ConcurrentDictionary<string, byte[]> TypeHashes = new(StringComparer.Ordinal);

    /// <summary>keccak-256 of an <c>encodeType</c> string (cached).</summary>
    /// <param name="encodedType">The type string, for example <c>Mail(address from,string contents)</c>.</param>
    /// <returns>32 bytes (a copy).</returns>
    public static byte[] TypeHash(string encodedType)
    {
        ArgumentException.ThrowIfNullOrEmpty(encodedType);
        return (byte[])TypeHashes.GetOrAdd(encodedType, t => Keccak(Encoding.UTF8.GetBytes(t))).Clone();
    }

    /// <summary><c>keccak256(typeHash ‖ encodeData(fields))</c>.</summary>
    /// <param name="encodedType">The struct's <c>encodeType</c> string.</param>
    /// <param name="fields">Each member's Solidity type and value, in declaration order.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] HashStruct(string encodedType, params (string Type, object? Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var buffer = new byte[32 * (fields.Length + 1)];
        TypeHash(encodedType).CopyTo(buffer, 0);
        for (var i = 0; i < fields.Length; i++)
        {
            EncodeField(fields[i].Type, fields[i].Value).CopyTo(buffer, 32 * (i + 1));
        }

        return Keccak(buffer);
    }

    /// <summary>The 32-byte <c>encodeData</c> word of one member.</summary>
    /// <param name="type">The member's Solidity type (<c>uint64</c>, <c>bytes32</c>, <c>string</c>, <c>Inner[2]</c>, …).</param>
    /// <param name="value">The value: as the generated property holds it.</param>
    /// <returns>32 bytes.</returns>
    /// <exception cref="ArgumentException">The value does not fit the type.</exception>
    public static byte[] EncodeField(string type, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        if (value is IEip712Struct nested)
        {
            return nested.Eip712HashStruct();
        }

        if (type.EndsWith(']'))
        {
            var element = type[..type.LastIndexOf('[')];
            var items = value as IEnumerable ?? throw new ArgumentException($"an {type} member needs a list, got {value?.GetType().Name ?? "null"}", nameof(value));
            using var concatenated = new MemoryStream();
            foreach (var item in items)
            {
                concatenated.Write(EncodeField(element, item));
            }

            return Keccak(concatenated.ToArray());
        }

        switch (type)
        {
            case "string":
                return Keccak(Encoding.UTF8.GetBytes(value as string ?? string.Empty));
            case "bytes":
                return Keccak(value as byte[] ?? []);
            default:
                if (value is Enum)
                {
                    value = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
                }

                try
                {
                    return new ABIEncode().GetABIEncoded(new ABIValue(type, value));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    throw new ArgumentException($"cannot encode {value ?? "null"} as {type}: {ex.Message}", nameof(value), ex);
                }
        }
    }

    private static byte[] Keccak(byte[] data) => Sha3Keccack.Current.CalculateHash(data);
}
