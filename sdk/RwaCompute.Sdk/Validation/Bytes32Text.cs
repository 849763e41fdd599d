using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Validation;

/// <summary>Converts between the contracts' fixed-size byte fields (pool ids, GPU models, regions) and text.</summary>
public static class Bytes32Text
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses a fixed-size field: 0x hex of exactly <paramref name="size"/> bytes, or a short UTF-8 label
    /// (right-padded with zeros, like Solidity's <c>bytes32("label")</c>).</summary>
    /// <param name="value">Hex or a label.</param>
    /// <param name="parameterName">The parameter's name.</param>
    /// <param name="size">16 or 32.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="InputValidationException">The value is too long or empty.</exception>
    public static byte[] Parse(string? value, string parameterName, int size = 32)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InputValidationException(parameterName, "it is empty.");
        }

        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && value.Length > 2 && value[2..].IsHex())
        {
            // Hex is an id, never a label: it must be exactly the field's size.
            return value.Length == 2 + (2 * size)
                ? ("0x" + value[2..]).HexToByteArray()
                : throw new InputValidationException(parameterName, $"0x hex must be exactly {size} bytes ({2 * size} hex digits), got {(value.Length - 2) / 2.0:0.#} bytes.");
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > size)
        {
            throw new InputValidationException(parameterName, $"'{value}' is {bytes.Length} bytes as UTF-8; at most {size} fit.");
        }

        var padded = new byte[size];
        bytes.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>Renders a fixed-size field as its label when it is zero-padded printable text, else as 0x hex.</summary>
    /// <param name="value">The bytes.</param>
    /// <returns>The label or hex.</returns>
    public static string Format(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Array.FindLastIndex(value, b => b != 0) + 1;
        if (length > 0 && !value.AsSpan(length).ContainsAnyExcept((byte)0))
        {
            try
            {
                var text = StrictUtf8.GetString(value, 0, length);
                if (!text.Any(char.IsControl) && !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                {
                    return text;
                }
            }
            catch (DecoderFallbackException)
            {
                // Not text: show hex.
            }
        }

        return value.ToHex(true);
    }
}
