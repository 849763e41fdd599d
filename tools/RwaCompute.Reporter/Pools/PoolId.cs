using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace RwaCompute.Reporter.Pools;

/// <summary>
/// A pool's on-chain id (<c>bytes32 poolId</c>). Written in configuration either as <c>0x</c> and 64 hex digits or as
/// a UTF-8 label of at most 32 bytes, zero-padded on the right like Solidity's <c>bytes32("label")</c> (the SDK's
/// rule). Both spellings of the same bytes are the same pool: equality, hashing and the safety store use the
/// lower-case hex form <see cref="Hex"/>, so a node cannot sign twice for one pool by spelling it two ways.
/// </summary>
/// <example><c>PoolId.Parse("fra-h100-a") == PoolId.Parse("0x6672612d683130302d61" + new string('0', 44))</c>.</example>
public sealed class PoolId : IEquatable<PoolId>
{
    /// <summary>The size of the on-chain field in bytes.</summary>
    public const int Size = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] bytes;

    private PoolId(byte[] bytes)
    {
        this.bytes = bytes;
        this.Hex = "0x" + Convert.ToHexStringLower(bytes);
    }

    /// <summary>The canonical form: <c>0x</c> and 64 lower-case hex digits.</summary>
    public string Hex { get; }

    /// <summary>Parses a pool id (hex or label).</summary>
    /// <param name="value">The configured text.</param>
    /// <returns>The pool id.</returns>
    /// <exception cref="FormatException">The text is empty, hex of the wrong size, or a label longer than 32 bytes.</exception>
    public static PoolId Parse(string value) =>
        TryParse(value, out var id, out var error) ? id : throw new FormatException(error);

    /// <summary>Parses a pool id (hex or label) without throwing.</summary>
    /// <param name="value">The configured text.</param>
    /// <param name="poolId">The pool id, when the text is valid.</param>
    /// <param name="error">Why the text is not a pool id, when it is not.</param>
    /// <returns>Whether the text is a pool id.</returns>
    public static bool TryParse(string? value, [NotNullWhen(true)] out PoolId? poolId, [NotNullWhen(false)] out string? error)
    {
        poolId = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "a pool id is empty.";
            return false;
        }

        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && value.Length > 2 && IsHex(value.AsSpan(2)))
        {
            // Hex is an id, never a label, so it must be exactly the field's size.
            if (value.Length != 2 + (2 * Size))
            {
                error = string.Create(CultureInfo.InvariantCulture, $"pool id '{value}' is hex but not 32 bytes (64 hex digits).");
                return false;
            }

            poolId = new PoolId(Convert.FromHexString(value.AsSpan(2)));
            error = null;
            return true;
        }

        var label = Encoding.UTF8.GetBytes(value);
        if (label.Length > Size)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"pool id '{value}' is {label.Length} bytes as UTF-8; at most 32 fit.");
            return false;
        }

        var padded = new byte[Size];
        label.CopyTo(padded, 0);
        poolId = new PoolId(padded);
        error = null;
        return true;
    }

    /// <summary>The 32 bytes of the id.</summary>
    /// <returns>A copy of the bytes.</returns>
    public byte[] ToBytes() => (byte[])this.bytes.Clone();

    /// <summary>The label when the bytes are zero-padded printable text, else <see cref="Hex"/>.</summary>
    /// <returns>The readable form.</returns>
    public override string ToString()
    {
        var length = Array.FindLastIndex(this.bytes, b => b != 0) + 1;
        if (length == 0 || this.bytes.AsSpan(length).ContainsAnyExcept((byte)0))
        {
            return this.Hex;
        }

        try
        {
            var text = StrictUtf8.GetString(this.bytes, 0, length);
            return text.Any(char.IsControl) || text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? this.Hex : text;
        }
        catch (DecoderFallbackException)
        {
            return this.Hex;
        }
    }

    /// <inheritdoc/>
    public bool Equals(PoolId? other) => other is not null && string.Equals(this.Hex, other.Hex, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => this.Equals(obj as PoolId);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(this.Hex);

    /// <summary>Whether two ids are the same pool.</summary>
    /// <param name="left">One id.</param>
    /// <param name="right">The other id.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(PoolId? left, PoolId? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two ids are different pools.</summary>
    /// <param name="left">One id.</param>
    /// <param name="right">The other id.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(PoolId? left, PoolId? right) => !(left == right);

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
