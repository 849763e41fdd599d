using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;

namespace RwaCompute.Sdk.Validation;

/// <summary>Pool ids (bytes32) from the labels people use, as the CLI and the reporter configs write them:
/// <c>eu-west-h100-b</c> is its UTF-8 bytes right-padded with zeros; <c>0x</c> + 64 hex digits is taken as is.</summary>
public static class PoolIds
{
    /// <summary>The pool id of a label (at most 32 UTF-8 bytes) or a 0x-hex id.</summary>
    /// <param name="labelOrHex">The label or hex id.</param>
    /// <returns>The 32-byte id.</returns>
    /// <exception cref="Errors.InputValidationException">Empty, longer than 32 bytes, or malformed hex.</exception>
    public static byte[] FromLabel(string labelOrHex) => Bytes32Text.Parse(labelOrHex, "pool");

    /// <summary>The label of a pool id when it is printable text (the padding dropped), else its 0x hex.</summary>
    /// <param name="poolId">The 32-byte id.</param>
    /// <returns>The label or hex.</returns>
    public static string ToLabel(byte[] poolId)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        var length = Array.FindLastIndex(poolId, b => b != 0) + 1;
        if (length > 0 && poolId.Take(length).All(b => b is >= 0x20 and < 0x7f))
        {
            return Encoding.ASCII.GetString(poolId, 0, length);
        }

        return poolId.ToHex(true);
    }
}
