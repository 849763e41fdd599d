using System.Buffers.Binary;

namespace RwaCompute.CodeGen.Hashing;

/// <summary>
/// Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256), for function, event and error
/// selectors. The generator computes selectors itself so that it needs no Ethereum runtime library.
/// </summary>
public static class Keccak256
{
    private const int RateBytes = 136;

    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    private static readonly int[] RotationOffsets =
    [
        0, 1, 62, 28, 27,
        36, 44, 6, 55, 20,
        3, 10, 43, 25, 39,
        41, 45, 15, 21, 8,
        18, 2, 61, 56, 14,
    ];

    /// <summary>Hashes <paramref name="data"/> and returns the 32-byte digest.</summary>
    /// <param name="data">The bytes to hash.</param>
    /// <returns>The Keccak-256 digest.</returns>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        Span<ulong> state = stackalloc ulong[25];
        Span<byte> block = stackalloc byte[RateBytes];

        while (data.Length >= RateBytes)
        {
            Absorb(state, data[..RateBytes]);
            data = data[RateBytes..];
        }

        block.Clear();
        data.CopyTo(block);
        block[data.Length] ^= 0x01;
        block[RateBytes - 1] ^= 0x80;
        Absorb(state, block);

        var digest = new byte[32];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(digest.AsSpan(i * 8), state[i]);
        }

        return digest;
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/>.</summary>
    /// <param name="text">The text to hash, for example a canonical signature.</param>
    /// <returns>The Keccak-256 digest.</returns>
    public static byte[] Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Hash(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The 4-byte selector of a canonical signature as lower-case hex with a 0x prefix.</summary>
    /// <param name="canonicalSignature">For example <c>transfer(address,uint256)</c>.</param>
    /// <returns>For example <c>0xa9059cbb</c>.</returns>
    public static string Selector(string canonicalSignature) =>
        "0x" + Convert.ToHexStringLower(Hash(canonicalSignature), 0, 4);

    /// <summary>The full 32-byte hash of a canonical signature (an event's topic 0) as lower-case hex with 0x.</summary>
    /// <param name="canonicalSignature">For example <c>Transfer(address,address,uint256)</c>.</param>
    /// <returns>The hash as 0x-prefixed lower-case hex.</returns>
    public static string Topic(string canonicalSignature) => "0x" + Convert.ToHexStringLower(Hash(canonicalSignature));

    private static void Absorb(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < RateBytes / 8; i++)
        {
            state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        }

        Permute(state);
    }

    private static void Permute(Span<ulong> a)
    {
        Span<ulong> c = stackalloc ulong[5];
        Span<ulong> b = stackalloc ulong[25];
        for (var round = 0; round < 24; round++)
        {
            for (var x = 0; x < 5; x++)
            {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }

            for (var x = 0; x < 5; x++)
            {
                var d = c[(x + 4) % 5] ^ ulong.RotateLeft(c[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5)
                {
                    a[y + x] ^= d;
                }
            }

            for (var x = 0; x < 5; x++)
            {
                for (var y = 0; y < 5; y++)
                {
                    var index = x + (5 * y);
                    b[y + (5 * (((2 * x) + (3 * y)) % 5))] = ulong.RotateLeft(a[index], RotationOffsets[index]);
                }
            }

            for (var y = 0; y < 25; y += 5)
            {
                for (var x = 0; x < 5; x++)
                {
                    a[y + x] = b[y + x] ^ (~b[y + ((x + 1) % 5)] & b[y + ((x + 2) % 5)]);
                }
            }

            a[0] ^= RoundConstants[round];
        }
    }
}
